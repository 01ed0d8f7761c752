/** 电子证照 The issued certificate: its number, verification code, the PDF and the public verify page. */
import { Link } from 'react-router';
import type { Application } from '../api/services-types';
import { useI18n } from '../i18n';

export function CertificateCard({ certificate }: { certificate: NonNullable<Application['certificate']> }) {
  const { t, fmtDateTime } = useI18n();
  return (
    <section className="panel certificate" data-testid="certificate">
      <h2>{t('svc.certificate')}</h2>
      <dl className="facts">
        <dt>{t('svc.certNumber')}</dt>
        <dd data-testid="certificate-number">{certificate.number}</dd>
        <dt>{t('svc.certCode')}</dt>
        <dd>
          <code data-testid="certificate-code">{certificate.code}</code>
        </dd>
        <dt>{t('svc.certIssued')}</dt>
        <dd>{fmtDateTime(certificate.issuedAt)}</dd>
      </dl>
      <p className="actions-row">
        <a className="btn btn-primary" href={certificate.pdfUrl} download data-testid="certificate-download">
          {t('svc.certDownload')}
        </a>
        <Link className="btn" to={`/verify/${encodeURIComponent(certificate.code.replaceAll('-', ''))}`}>
          {t('svc.certVerify')}
        </Link>
      </p>
    </section>
  );
}
