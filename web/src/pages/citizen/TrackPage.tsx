/** 进度查询 — track a request by its number and the last four digits of the phone given. */
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { TrackResult } from '../../api/types';
import { ErrorBanner, ValidationSummary } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { Timeline } from '../../components/Timeline';
import { useI18n } from '../../i18n';
import { hasErrors } from './validate';

export function TrackPage() {
  const { t, l, fmtDateTime } = useI18n();
  const [params] = useSearchParams();
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [last4, setLast4] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [result, setResult] = useState<TrackResult | null>(null);
  const [busy, setBusy] = useState(false);
  const top = useRef<HTMLHeadingElement>(null);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const e = {
      number: number.trim().length >= 5 ? undefined : t('v.required', { field: t('field.number') }),
      last4: /^\d{4}$/.test(last4) ? undefined : t('v.last4'),
    };
    setErrors(e);
    setServerError(null);
    if (hasErrors(e)) return;
    setBusy(true);
    try {
      setResult(
        await api<TrackResult>('/api/public/track', { body: { number: number.trim(), phoneLast4: last4 } }),
      );
    } catch (err) {
      setResult(null);
      setServerError(err);
      top.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow">
      <h1 ref={top} tabIndex={-1}>
        {t('track.title')}
      </h1>
      <p>{t('track.intro')}</p>
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError} />
      <form onSubmit={submit} noValidate className="stack" data-testid="track-form">
        <TextField
          label={t('field.number')}
          required
          value={number}
          onChange={setNumber}
          error={errors.number}
          maxLength={30}
          name="number"
          autoComplete="off"
        />
        <TextField
          label={t('field.last4')}
          required
          inputMode="numeric"
          value={last4}
          onChange={(v) => setLast4(v.replace(/\D/g, '').slice(0, 4))}
          error={errors.last4}
          maxLength={4}
          name="last4"
          autoComplete="off"
        />
        <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
          {t('track.submit')}
        </button>
      </form>
      {result ? (
        <article className="card" data-testid="track-result">
          <h2>
            {result.number} · {result.title}
          </h2>
          <dl className="facts">
            <dt>{t('track.state')}</dt>
            <dd data-testid="track-state">{l(result.stateLabel)}</dd>
            <dt>{t('track.category')}</dt>
            <dd>{result.category ? l({ zh: result.category.name, en: result.category.nameEn }) : '—'}</dd>
            <dt>{t('track.received')}</dt>
            <dd>{fmtDateTime(result.receivedAt)}</dd>
            <dt>{t('track.due')}</dt>
            <dd>{fmtDateTime(result.replyDueAt)}</dd>
          </dl>
          {result.reply ? (
            <>
              <h3>{t('track.reply')}</h3>
              <p className="reply">{result.reply}</p>
            </>
          ) : null}
          <Timeline
            title={t('track.timeline')}
            items={result.timeline.map((e, i) => ({
              key: i,
              at: e.at,
              label: l(e.label),
              who: e.unit ? l({ zh: e.unit.name, en: e.unit.nameEn }) : null,
              text: e.text,
            }))}
          />
        </article>
      ) : null}
    </section>
  );
}
