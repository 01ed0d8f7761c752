/**
 * 回访 — the citizen answers "resolved? satisfied?" from the one-time link
 * in the reply SMS (GET/POST /api/public/callback/:token). Whatever the
 * server says about the link (unknown, used, expired) is shown as it says it.
 */
import { SATISFACTION_LABELS, SATISFACTIONS, type Satisfaction } from '@domain/vocabulary';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { CallbackFacts } from '../../api/types';
import { ErrorBanner, Loading, Success, ValidationSummary } from '../../components/feedback';
import { RadioGroup, TextArea } from '../../components/fields';
import { useI18n } from '../../i18n';
import { hasErrors } from './validate';

export function CallbackPage() {
  const { token = '' } = useParams();
  const { t, lang, fmtDateTime } = useI18n();
  const path = `/api/public/callback/${encodeURIComponent(token)}`;
  const facts = useLoad((signal) => api<CallbackFacts>(path, { signal }), [path, lang]);
  const [resolved, setResolved] = useState('');
  const [satisfaction, setSatisfaction] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const top = useRef<HTMLHeadingElement>(null);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const e = {
      resolved: resolved ? undefined : t('v.choose', { field: t('callback.resolved') }),
      satisfaction: satisfaction ? undefined : t('v.choose', { field: t('callback.satisfaction') }),
      comment:
        comment.length > 4000 ? t('v.maxLength', { field: t('callback.comment'), n: 4000 }) : undefined,
    };
    setErrors(e);
    setServerError(null);
    if (hasErrors(e)) return;
    setBusy(true);
    try {
      await api(path, {
        body: {
          resolved: resolved === 'yes',
          satisfaction: satisfaction as Satisfaction,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
      });
      setDone(true);
    } catch (err) {
      setServerError(err);
      top.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow" data-testid="callback-page">
      <h1 ref={top} tabIndex={-1}>
        {t('callback.title')}
      </h1>
      {facts.loading ? <Loading /> : null}
      {facts.error ? <ErrorBanner error={facts.error} /> : null}
      {done ? (
        <Success>
          <p data-testid="callback-thanks">
            <strong>{t('callback.thanks')}</strong>
          </p>
          <p>{t('callback.thanksHint')}</p>
        </Success>
      ) : facts.data ? (
        <>
          <p>{t('callback.intro', { number: facts.data.ticketNumber })}</p>
          <article className="card">
            <h2>{facts.data.title}</h2>
            <h3>{t('callback.reply')}</h3>
            <p className="reply">{facts.data.replyText ?? '—'}</p>
          </article>
          <ValidationSummary errors={errors} />
          <ErrorBanner error={serverError} kept />
          <form onSubmit={submit} noValidate className="stack" data-testid="callback-form">
            <RadioGroup
              legend={t('callback.resolved')}
              name="resolved"
              required
              value={resolved}
              onChange={setResolved}
              error={errors.resolved}
              options={[
                { value: 'yes', label: t('common.yes') },
                { value: 'no', label: t('common.no') },
              ]}
            />
            <RadioGroup
              legend={t('callback.satisfaction')}
              name="satisfaction"
              required
              value={satisfaction}
              onChange={setSatisfaction}
              error={errors.satisfaction}
              options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s][lang] }))}
            />
            <TextArea
              label={t('callback.comment')}
              value={comment}
              onChange={setComment}
              error={errors.comment}
              rows={3}
              name="comment"
            />
            <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
              {t('callback.submit')}
            </button>
            <p className="hint">{t('callback.expires', { at: fmtDateTime(facts.data.expiresAt) })}</p>
          </form>
        </>
      ) : null}
    </section>
  );
}
