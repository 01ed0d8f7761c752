/**
 * 证照核验 Anyone checks an electronic certificate by the code printed on it.
 * The code is read as people type it (case, hyphens and spaces ignored, O
 * for 0, I and L for 1) and its check symbol tested here with the domain's
 * own reader, so a mistyped code is told at once — "compare it with the
 * certificate" — while a well-formed code that was never issued gets the
 * server's "may be forged".
 */
import { parseVerificationCode } from '@domain/verification-code';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { CertificateCheck } from '../../api/services-types';
import { ErrorBanner, Loading } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import '../../styles/services.css';

function Result({ code }: { code: string }) {
  const { t, l, lang, fmtDateTime } = useI18n();
  const parsed = parseVerificationCode(code);
  const check = useLoad(
    (signal) =>
      parsed.ok
        ? api<CertificateCheck>(`/api/public/certificates/${encodeURIComponent(parsed.code)}`, { signal })
        : Promise.resolve(null),
    [code, lang],
  );
  if (!parsed.ok)
    return (
      <div className="banner banner-error" role="alert" data-testid="verify-error">
        <p>{parsed.reason === 'check' ? t('verify.mistyped') : t('verify.format')}</p>
      </div>
    );
  if (check.loading) return <Loading />;
  if (check.error) return <ErrorBanner error={check.error} />;
  const c = check.data;
  if (!c) return null;
  return (
    <article
      className={`card verify-result ${c.valid ? 'verify-ok' : 'verify-bad'}`}
      data-testid="verify-result"
    >
      <h2 data-testid="verify-verdict">{c.valid ? t('verify.valid') : t('verify.revoked')}</h2>
      <dl className="facts">
        <dt>{t('verify.document')}</dt>
        <dd>{l(c.content.title)}</dd>
        <dt>{t('svc.certNumber')}</dt>
        <dd>{c.number}</dd>
        <dt>{t('verify.holder')}</dt>
        <dd>{c.holder ?? '—'}</dd>
        <dt>{t('svc.matter')}</dt>
        <dd>{l(c.content.matter)}</dd>
        <dt>{t('svc.number')}</dt>
        <dd>{c.content.applicationNumber}</dd>
        <dt>{t('verify.decision')}</dt>
        <dd>
          {l(c.content.decision)} · {fmtDateTime(c.content.decidedAt)}
        </dd>
        <dt>{t('svc.department')}</dt>
        <dd>{l(c.content.department)}</dd>
        <dt>{t('svc.certIssued')}</dt>
        <dd>{fmtDateTime(c.issuedAt)}</dd>
        {c.content.validity ? (
          <>
            <dt>{t('verify.validity')}</dt>
            <dd>{l(c.content.validity)}</dd>
          </>
        ) : null}
        <dt>{t('verify.code')}</dt>
        <dd>
          <code>{c.code}</code>
        </dd>
        <dt>SHA-256</dt>
        <dd className="hash">{c.pdfSha256}</dd>
      </dl>
      <p>
        <a className="btn" href={c.pdfUrl}>
          {t('verify.pdf')}
        </a>
      </p>
    </article>
  );
}

export default function VerifyPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState(code);
  const [error, setError] = useState<string | undefined>();
  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    const cleaned = text.trim();
    if (!cleaned) return setError(t('v.required', { field: t('verify.code') }));
    setError(undefined);
    navigate(`/verify/${encodeURIComponent(cleaned.replace(/\s+/g, ''))}`);
  };
  return (
    <section className="page narrow" data-testid="verify-page">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <form className="stack" onSubmit={submit} noValidate data-testid="verify-form">
        <TextField
          label={t('verify.code')}
          hint={t('verify.codeHint')}
          required
          value={text}
          onChange={setText}
          error={error}
          maxLength={40}
          name="code"
          autoComplete="off"
        />
        <button type="submit" className="btn btn-primary btn-big">
          {t('verify.submit')}
        </button>
      </form>
      {code ? <Result key={code} code={code} /> : null}
    </section>
  );
}
