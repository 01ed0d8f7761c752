/**
 * 调度台 — the hotline centre's queues: to dispatch, returns to review,
 * extensions to approve, overdue, supervised, callbacks to make (with the
 * script and outcome buttons).
 */
import { useState } from 'react';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { Ticket } from '../../api/types';
import { useI18n } from '../../i18n';
import { CallbackScript } from '../../staff/CallbackScript';
import { Desk } from '../../staff/Desk';
import { TicketView } from '../../staff/TicketView';

function CallbackTicket({ id, onChanged }: { id: number; onChanged(): void }) {
  const { lang } = useI18n();
  const tk = useLoad((signal) => api<Ticket>(`/api/tickets/${id}`, { signal }), [id, lang]);
  const [version, setVersion] = useState(0);
  return (
    <>
      {tk.data ? (
        <CallbackScript
          ticket={tk.data}
          onDone={(t) => {
            tk.set(t);
            setVersion((v) => v + 1);
            onChanged();
          }}
        />
      ) : null}
      <TicketView key={`${id}-${version}`} id={id} onChanged={onChanged} />
    </>
  );
}

export default function DispatcherDesk() {
  const { t } = useI18n();
  const [refresh, setRefresh] = useState(0);
  const changed = () => setRefresh((n) => n + 1);
  const tabs = [
    { id: 'dispatch', label: t('dispatch.toDispatch'), query: { state: 'received', sort: 'deadline_asc' } },
    {
      id: 'returns',
      label: t('dispatch.returns'),
      query: { state: 'return_requested', sort: 'updated_desc' },
    },
    {
      id: 'extensions',
      label: t('dispatch.extensions'),
      query: { deadline: 'extension_pending', sort: 'deadline_asc' },
    },
    { id: 'overdue', label: t('dispatch.overdue'), query: { deadline: 'overdue', sort: 'deadline_asc' } },
    {
      id: 'supervised',
      label: t('dispatch.supervised'),
      query: { deadline: 'supervised', sort: 'deadline_asc' },
    },
    { id: 'callbacks', label: t('dispatch.callbacks'), query: { state: 'replied', sort: 'deadline_asc' } },
  ];
  return (
    <Desk
      title={t('dispatch.title')}
      testId="dispatcher-desk"
      tabs={tabs}
      refreshKey={refresh}
      renderTicket={(id, tab) =>
        tab === 'callbacks' ? (
          <CallbackTicket key={id} id={id} onChanged={changed} />
        ) : (
          <TicketView key={id} id={id} onChanged={changed} />
        )
      }
    />
  );
}
