/**
 * The desk layout shared by the workbench and the dispatcher: tabs of
 * queues on the left, the selected ticket on the right. The tab and the
 * ticket are in the URL (?tab=&t=), so a reload or a sign-in after an
 * expired session comes back to the same place.
 */
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { Ticket } from '../api/types';
import { ErrorBanner, Loading } from '../components/feedback';
import { useI18n } from '../i18n';
import { TicketTable } from './TicketTable';
import { type ListQuery, useTicketList } from './useTicketList';

export interface DeskTab {
  id: string;
  label: string;
  query: ListQuery;
}

export function Desk({
  title,
  tabs,
  renderTicket,
  refreshKey,
  testId,
}: {
  title: string;
  tabs: DeskTab[];
  renderTicket(id: number, tab: string): ReactNode;
  refreshKey: unknown;
  testId: string;
}) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tabId = params.get('tab') ?? tabs[0]?.id ?? '';
  const tab = tabs.find((x) => x.id === tabId) ?? tabs[0];
  const selected = Number(params.get('t')) || null;
  const list = useTicketList(tab?.query ?? null, refreshKey);
  const hrefFor = (tk: { id: number }) => `?tab=${encodeURIComponent(tab?.id ?? '')}&t=${tk.id}`;

  return (
    <section className="page wide desk" data-testid={testId}>
      <h1>{title}</h1>
      <div className="tabs" role="tablist" aria-label={title}>
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={x.id === tab?.id}
            className="tab"
            data-tab={x.id}
            onClick={() => setParams({ tab: x.id })}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div className="desk-body">
        <div className="desk-list" role="tabpanel" aria-label={tab?.label}>
          {list.loading && !list.items.length ? <Loading /> : null}
          <ErrorBanner error={list.error} />
          <TicketTable items={list.items} selected={selected} hrefFor={hrefFor} caption={tab?.label ?? ''} />
          {list.hasMore ? (
            <button type="button" className="btn" onClick={() => void list.more()}>
              {t('common.more')}
            </button>
          ) : null}
        </div>
        <div className="desk-detail">{selected ? renderTicket(selected, tab?.id ?? '') : null}</div>
      </div>
    </section>
  );
}

export type { Ticket };
