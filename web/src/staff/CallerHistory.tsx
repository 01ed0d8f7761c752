/** The caller's earlier requests (by phone; the server audits the look-up). */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { TicketListItem } from '../api/types';
import { ErrorBanner } from '../components/feedback';
import { useI18n } from '../i18n';

const PHONE_RE = /^[+\d][\d\s-]{6,30}$/;

export function CallerHistory({ phone }: { phone: string }) {
  const { t, l, fmtDateTime } = useI18n();
  const [items, setItems] = useState<TicketListItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const p = phone.trim();
  useEffect(() => {
    setItems(null);
    setError(null);
    if (!PHONE_RE.test(p)) return;
    const ctrl = new AbortController();
    // wait until the agent stops typing: each look-up is an audited view of personal data
    const timer = setTimeout(() => {
      api<{ items: TicketListItem[] }>('/api/callers/history', {
        query: { phone: p },
        signal: ctrl.signal,
      }).then(
        (r) => setItems(r.items),
        (e: unknown) => {
          if (!ctrl.signal.aborted) setError(e);
        },
      );
    }, 600);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [p]);
  return (
    <section className="panel" aria-labelledby="hist-h" data-testid="caller-history">
      <h2 id="hist-h">{t('agent.history')}</h2>
      <ErrorBanner error={error} />
      {items === null ? <p className="hint">{t('agent.historyHint')}</p> : null}
      {items?.length === 0 ? <p className="hint">{t('agent.noHistory')}</p> : null}
      {items?.length ? (
        <ul className="history">
          {items.map((tk) => (
            <li key={tk.id}>
              <Link to={`/tickets/${tk.id}`}>{tk.number}</Link> {tk.title}
              <span className="sub">
                {' '}
                {fmtDateTime(tk.receivedAt)} · {l(tk.stateLabel)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
