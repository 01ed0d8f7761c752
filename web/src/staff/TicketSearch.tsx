/** Find a ticket by number or words; "/" anywhere outside a field jumps here. */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { TicketTable } from './TicketTable';
import { useTicketList } from './useTicketList';

export function TicketSearch() {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const list = useTicketList(q ? { q, sort: 'received_desc', limit: 20 } : null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const typing = el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
      if (e.key === '/' && !typing && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section className="panel" aria-labelledby="search-h">
      <h2 id="search-h">{t('common.search')}</h2>
      <search>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(text.trim());
          }}
        >
          <label htmlFor="ticket-search" className="sr-only">
            {t('agent.search')}
          </label>
          <input
            id="ticket-search"
            ref={input}
            type="search"
            value={text}
            maxLength={200}
            placeholder={`${t('agent.search')}  /`}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn">
            {t('common.search')}
          </button>
        </form>
      </search>
      {q ? <TicketTable items={list.items} caption={t('common.search')} /> : null}
    </section>
  );
}
