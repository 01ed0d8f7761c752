/**
 * 当前值班 Who a notice to the unit reaches right now: the officer on duty,
 * the deputy who covers a gap, and the leader in charge. A gap on the
 * primary post is said plainly, since a notice then goes to the deputy or
 * on to the chain's next link.
 */
import { DUTY_POST_LABELS, DUTY_POSTS } from '@domain/emergency/vocabulary';
import { api } from '../api/client';
import type { DutyNow } from '../api/emergency-types';
import { useLoad } from '../api/hooks';
import { ErrorBanner, Loading } from '../components/feedback';
import { useI18n } from '../i18n';

export function DutyNowPanel({ unitId, version }: { unitId: number; version: number }) {
  const { t, l, lang, fmtDateTime } = useI18n();
  const now = useLoad(
    (signal) => api<DutyNow>('/api/duty/now', { query: { unit: String(unitId) }, signal }),
    [unitId, version, lang],
  );
  return (
    <section className="panel" aria-label={t('emd.now')} data-testid="duty-now">
      <h2>{t('emd.now')}</h2>
      {now.loading && !now.data ? <Loading /> : null}
      <ErrorBanner error={now.error} />
      {now.data ? (
        <>
          {now.data.gap ? (
            <p className="banner banner-error" data-testid="duty-gap">
              {now.data.onDuty ? t('emd.gapDeputy') : t('emd.gapNone')}
            </p>
          ) : null}
          <dl className="facts">
            {DUTY_POSTS.map((post) => {
              const h = now.data?.[post];
              return (
                <div key={post} className="pair" data-testid="duty-post" data-post={post}>
                  <dt>{l(DUTY_POST_LABELS[post])}</dt>
                  <dd>
                    {h
                      ? t('emd.holder', {
                          name: h.user.name,
                          from: fmtDateTime(h.startsAt),
                          to: fmtDateTime(h.endsAt),
                        })
                      : '—'}
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : null}
    </section>
  );
}
