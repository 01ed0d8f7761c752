/**
 * 承办工作台 — the unit's queue, nearest deadline first, with countdowns and
 * yellow/red cards; the selected ticket with sign, return, contact,
 * extension, co-handler and reply as the server allows.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Desk } from '../../staff/Desk';
import { TicketView } from '../../staff/TicketView';

const OPEN = 'dispatched,accepted,in_progress,return_requested,replied';

export default function Workbench() {
  const { t } = useI18n();
  const [refresh, setRefresh] = useState(0);
  const tabs = [
    { id: 'all', label: t('common.all'), query: { mine: true, state: OPEN, sort: 'deadline_asc' } },
    { id: 'sign', label: t('unit.toSign'), query: { mine: true, state: 'dispatched', sort: 'deadline_asc' } },
    {
      id: 'handling',
      label: t('unit.handling'),
      query: { mine: true, state: 'accepted,in_progress', sort: 'deadline_asc' },
    },
    { id: 'warn', label: t('unit.warn'), query: { mine: true, deadline: 'yellow', sort: 'deadline_asc' } },
    {
      id: 'overdue',
      label: t('dispatch.overdue'),
      query: { mine: true, deadline: 'overdue', sort: 'deadline_asc' },
    },
  ];
  return (
    <Desk
      title={`${t('unit.title')} · ${t('unit.queue')}`}
      testId="workbench"
      tabs={tabs}
      refreshKey={refresh}
      renderTicket={(id) => <TicketView key={id} id={id} onChanged={() => setRefresh((n) => n + 1)} />}
    />
  );
}
