/** The tickets behind a clicked figure: one API call (the ticket list or a cell's tickets), listed like any queue. */
import { api } from '../api/client';
import { useLoad } from '../api/hooks';
import type { TicketListItem } from '../api/types';
import { ErrorBanner, Loading } from '../components/feedback';
import { useI18n } from '../i18n';
import { TicketTable } from '../staff/TicketTable';
import type { Drill } from './types';

export function DrillDown({ drill, onClose }: { drill: Drill; onClose(): void }) {
  const { t, lang } = useI18n();
  const key = JSON.stringify(drill);
  const list = useLoad(
    (signal) => api<{ items: TicketListItem[]; total?: number }>(drill.path, { query: drill.query, signal }),
    [key, lang],
  );
  return (
    <section className="panel drill" aria-labelledby="drill-h" data-testid="drill-down">
      <h2 id="drill-h">
        {t('dash.tickets')} · {drill.title}
        {list.data?.total !== undefined ? ` (${list.data.total})` : ''}
      </h2>
      <button type="button" className="btn btn-quiet" onClick={onClose}>
        {t('common.close')}
      </button>
      {list.loading ? <Loading /> : <ErrorBanner error={list.error} />}
      {list.data ? <TicketTable items={list.data.items} caption={drill.title} /> : null}
    </section>
  );
}
