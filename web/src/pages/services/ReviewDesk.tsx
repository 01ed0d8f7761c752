/**
 * 审批工作台 The department's queue of applications by status — waiting to
 * be accepted, in review, approved and waiting for the certificate, sent
 * back for corrections, warned and overdue, completed — each with its
 * working-day clock and card; the selected one beside the list. The tab and
 * the application are in the URL (?tab=&a=), so a reload comes back to them.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorBanner, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { ApplicationTable } from '../../online/ApplicationTable';
import { ApplicationView } from '../../online/ApplicationView';
import { type ApplicationQuery, useApplicationList } from '../../online/useApplicationList';

export default function ReviewDesk() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [refresh, setRefresh] = useState(0);
  const tabs: { id: string; label: string; query: ApplicationQuery }[] = [
    { id: 'submitted', label: t('rev.toAccept'), query: { status: 'submitted' } },
    { id: 'in_review', label: t('rev.inReview'), query: { status: 'in_review' } },
    { id: 'approved', label: t('rev.toCertify'), query: { status: 'approved' } },
    { id: 'correction', label: t('rev.correcting'), query: { status: 'correction_requested' } },
    { id: 'yellow', label: t('card.yellow'), query: { card: 'yellow' } },
    { id: 'red', label: t('rev.overdue'), query: { card: 'red' } },
    { id: 'done', label: t('svc.tabDone'), query: { status: 'certified,refused,not_accepted,withdrawn' } },
  ];
  const tab = tabs.find((x) => x.id === params.get('tab')) ?? tabs[0];
  const selected = Number(params.get('a')) || null;
  const list = useApplicationList(tab?.query ?? {}, refresh);
  return (
    <section className="page wide desk" data-testid="review-desk">
      <h1>{t('rev.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('rev.title')}>
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={x.id === tab?.id}
            data-tab={x.id}
            onClick={() => {
              setParams({ tab: x.id });
              // a tab opened again shows what changed since (a resubmission, a new application)
              setRefresh((n) => n + 1);
            }}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div className="desk-body">
        <div className="desk-list" role="tabpanel" aria-label={tab?.label}>
          {list.loading && !list.items.length ? <Loading /> : null}
          <ErrorBanner error={list.error} />
          {list.loading && !list.items.length ? null : (
            <ApplicationTable
              items={list.items}
              caption={tab?.label ?? ''}
              selected={selected}
              showClock
              hrefFor={(a) => `?tab=${encodeURIComponent(tab?.id ?? '')}&a=${a.id}`}
            />
          )}
          {list.hasMore ? (
            <button type="button" className="btn" onClick={() => void list.more()}>
              {t('common.more')}
            </button>
          ) : null}
        </div>
        <div className="desk-detail">
          {selected ? (
            <ApplicationView key={selected} id={selected} onChanged={() => setRefresh((n) => n + 1)} />
          ) : null}
        </div>
      </div>
    </section>
  );
}
