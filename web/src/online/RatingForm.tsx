/**
 * 好差评 Five levels, 非常满意 … 非常不满意, after a matter is completed. A
 * poor rating opens a rectification ticket on the server; the applicant is
 * told its number so they can follow it on the tracking page.
 */
import { RATING_LABELS, RATING_LEVELS, RATING_STARS } from '@domain/ratings';
import { useState } from 'react';
import { api } from '../api/client';
import type { Application, RatingLevel } from '../api/services-types';
import { ErrorBanner, Success } from '../components/feedback';
import { RadioGroup, TextArea } from '../components/fields';
import { useI18n } from '../i18n';

interface RatingAnswer {
  level: RatingLevel;
  rectificationTicket: { id: number; number: string } | null;
}

export function RatingSummary({ rating }: { rating: NonNullable<Application['rating']> }) {
  const { t, l, fmtDateTime } = useI18n();
  return (
    <section className="panel" data-testid="rating">
      <h2>{t('svc.rating')}</h2>
      <p>
        <span aria-hidden="true">{'★'.repeat(RATING_STARS[rating.level])}</span> {l(rating.label)} ·{' '}
        {fmtDateTime(rating.ratedAt)}
      </p>
      {rating.comment ? <p className="reply">{rating.comment}</p> : null}
      {rating.rectificationTicket?.number ? (
        <p className="hint">{t('svc.rectification', { number: rating.rectificationTicket.number })}</p>
      ) : null}
    </section>
  );
}

export function RatingForm({ applicationId, onRated }: { applicationId: number; onRated(): void }) {
  const { t, lang } = useI18n();
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RatingAnswer | null>(null);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setServerError(null);
    if (!level) return setError(t('v.choose', { field: t('svc.rating') }));
    setError(undefined);
    setBusy(true);
    try {
      setDone(
        await api<RatingAnswer>(`/api/services/applications/${applicationId}/rating`, {
          body: { level, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      );
      onRated();
    } catch (e) {
      setServerError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Success>
        <p data-testid="rating-thanks">{t('callback.thanks')}</p>
        {done.rectificationTicket ? (
          <p>{t('svc.rectification', { number: done.rectificationTicket.number })}</p>
        ) : null}
      </Success>
    );
  return (
    <form className="panel stack" onSubmit={submit} noValidate data-testid="rating-form">
      <h2>{t('svc.rateTitle')}</h2>
      <p className="hint">{t('svc.rateHint')}</p>
      <ErrorBanner error={serverError} kept />
      <RadioGroup
        legend={t('svc.rating')}
        name="rating"
        required
        value={level}
        onChange={setLevel}
        error={error}
        options={RATING_LEVELS.map((r) => ({
          value: r,
          label: `${RATING_LABELS[r][lang]} · ${t('svc.stars', { n: RATING_STARS[r] })}`,
        }))}
      />
      <TextArea
        label={t('callback.comment')}
        value={comment}
        onChange={setComment}
        rows={3}
        maxLength={1000}
        name="comment"
      />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('svc.rateSubmit')}
      </button>
    </form>
  );
}
