/** 代办授权 One authorisation: for which matter, whose, recorded how, valid until when, and what was filed under it. */
import { APPLICATION_STATUS_LABELS } from '@domain/applications';
import type { Authorisation } from '../api/services-types';
import { useI18n } from '../i18n';

export function AuthorisationFacts({ auth, heading = true }: { auth: Authorisation; heading?: boolean }) {
  const { t, l, fmtDateTime } = useI18n();
  return (
    <article className="card" data-testid="authorisation" data-status={auth.status}>
      {heading ? <h2>{auth.matter ? l(auth.matter.name) : '—'}</h2> : null}
      <dl className="facts">
        <dt>{t('va.status')}</dt>
        <dd>
          <span className={`chip auth-${auth.status}`} data-testid="authorisation-status">
            {t(`va.status.${auth.status}`)}
          </span>
        </dd>
        <dt>{t('va.villager')}</dt>
        <dd>
          {[auth.villager.name, auth.villager.phone, auth.villager.idNumber].filter(Boolean).join(' · ')}
        </dd>
        <dt>{t('va.agent')}</dt>
        <dd>{auth.agent.name ?? '—'}</dd>
        <dt>{t('va.consent')}</dt>
        <dd>{t(`va.consent.${auth.consent}`)}</dd>
        <dt>{t('va.valid')}</dt>
        <dd>
          {fmtDateTime(auth.validFrom)} – {fmtDateTime(auth.validUntil)}
        </dd>
        {auth.note ? (
          <>
            <dt>{t('field.comment')}</dt>
            <dd>{auth.note}</dd>
          </>
        ) : null}
        {auth.withdrawnAt ? (
          <>
            <dt>{t('va.withdrawnAt')}</dt>
            <dd>
              {fmtDateTime(auth.withdrawnAt)}
              {auth.withdrawReason ? ` · ${auth.withdrawReason}` : ''}
            </dd>
          </>
        ) : null}
        <dt>{t('va.applications')}</dt>
        <dd>
          {auth.applications.length
            ? auth.applications
                .map((a) => `${a.number}（${l(APPLICATION_STATUS_LABELS[a.status])}）`)
                .join('、')
            : t('common.none')}
        </dd>
      </dl>
    </article>
  );
}
