/**
 * The facts of an application: who applies (masked for roles that may not
 * see personal data, as the server sent it), for which matter, the running
 * clock in working days, the review steps and the decision. The same for
 * the applicant and for the department.
 */
import type { Application } from '../api/services-types';
import { useI18n } from '../i18n';
import { WorkingCountdown } from './WorkingCountdown';

/** The deadline of the clock running in this status (the one the cards are about). */
export function runningDue(app: Pick<Application, 'status' | 'clocks'>): string | null {
  switch (app.status) {
    case 'submitted':
      return app.clocks.acceptDueAt;
    case 'in_review':
      return app.clocks.decisionDueAt;
    case 'approved':
      return app.clocks.certificateDueAt;
    default:
      return null;
  }
}

export function ReviewSteps({ app }: { app: Application }) {
  const { t, l } = useI18n();
  const done = (i: number) =>
    ['approved', 'certified', 'refused'].includes(app.status) ||
    (app.status === 'in_review' && i < app.review.step);
  return (
    <ol className="steps" aria-label={t('svc.reviewSteps')} data-testid="review-steps">
      {app.review.steps.map((s, i) => {
        const current = app.status === 'in_review' && i === app.review.step;
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the steps of a version never change order
            key={i}
            className={current ? 'step-current' : done(i) ? 'step-done' : undefined}
            aria-current={current ? 'step' : undefined}
          >
            {l(s)}
            {current ? <span className="sub-inline"> · {t('svc.stepCurrent')}</span> : null}
            {done(i) ? <span className="sub-inline"> · {t('svc.stepDone')}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function ApplicationFacts({ app }: { app: Application }) {
  const { t, l, fmtDateTime } = useI18n();
  const due = runningDue(app);
  const c = app.clocks;
  return (
    <div className="ticket-facts">
      <dl className="facts">
        <dt>{t('svc.status')}</dt>
        <dd>
          <span className={`chip status-${app.status}`} data-testid="application-status">
            {l(app.statusLabel)}
          </span>
        </dd>
        <dt>{t('svc.department')}</dt>
        <dd>{l(app.department.name)}</dd>
        <dt>{t('svc.applicant')}</dt>
        <dd data-testid="applicant">
          {[app.applicant.name, app.applicant.idNumber, app.applicant.phone].filter(Boolean).join(' · ') ||
            '—'}
          {app.applicant.masked ? <span className="sub">{t('svc.masked')}</span> : null}
        </dd>
        {app.filedBy === 'village_agent' ? (
          <>
            <dt>{t('svc.filedBy')}</dt>
            <dd>{t('svc.filedByAgent')}</dd>
          </>
        ) : null}
        <dt>{t('svc.limitsDays')}</dt>
        <dd>{t('svc.promisedLegal', { promised: c.promisedDays, legal: c.legalDays })}</dd>
        {due ? (
          <>
            <dt>{t('svc.dueAt')}</dt>
            <dd>
              {fmtDateTime(due)} <WorkingCountdown due={due} card={app.card} />
            </dd>
          </>
        ) : null}
        {c.submittedAt ? (
          <>
            <dt>{t('svc.submittedAt')}</dt>
            <dd>{fmtDateTime(c.submittedAt)}</dd>
          </>
        ) : null}
        {c.acceptedAt ? (
          <>
            <dt>{t('svc.acceptedAt')}</dt>
            <dd>{fmtDateTime(c.acceptedAt)}</dd>
          </>
        ) : null}
        {c.legalDueAt ? (
          <>
            <dt>{t('svc.legalDueAt')}</dt>
            <dd>{fmtDateTime(c.legalDueAt)}</dd>
          </>
        ) : null}
        {app.decision ? (
          <>
            <dt>{t('svc.decidedAt')}</dt>
            <dd>
              {fmtDateTime(app.decision.at)}
              {app.decision.workingDaysUsed !== null
                ? ` · ${t('svc.daysUsed', { n: app.decision.workingDaysUsed })}`
                : ''}
              {app.decision.onTime === null
                ? ''
                : ` · ${app.decision.onTime ? t('svc.onTime') : t('svc.late')}`}
              {app.decision.reason ? <span className="sub">{app.decision.reason}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('svc.reviewSteps')}</h2>
      <ReviewSteps app={app} />
    </div>
  );
}
