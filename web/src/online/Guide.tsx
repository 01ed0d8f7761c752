/**
 * 办事指南 A matter's guide as published: what it is, who implements it, the
 * conditions, the materials (formats, size, copies, original or copy), the
 * legal and the promised time limits, fees, steps, visits in person (0 for
 * 全程网办), the legal basis and what the applicant receives.
 */
import type { MatterGuide } from '../api/services-types';
import { useI18n } from '../i18n';
import { tagLabel } from '../pages/services/CataloguePage';
import { fileSize, yuan } from './format';
import { formatList } from './Materials';
import '../styles/services.css';

function LabelList({
  title,
  items,
  ordered,
}: {
  title: string;
  items: MatterGuide['conditions'];
  ordered?: boolean;
}) {
  const { l } = useI18n();
  if (!items.length) return null;
  const List = ordered ? 'ol' : 'ul';
  return (
    <section>
      <h2>{title}</h2>
      <List className="guide-list">
        {items.map((x) => (
          <li key={x.zh}>{l(x)}</li>
        ))}
      </List>
    </section>
  );
}

export function Guide({ guide }: { guide: MatterGuide }) {
  const { t, l, lang, fmtDateTime } = useI18n();
  return (
    <div className="guide" data-testid="guide">
      <p className="lead">{l(guide.summary)}</p>
      <dl className="facts guide-facts">
        <dt>{t('svc.type')}</dt>
        <dd>{l(guide.typeLabel)}</dd>
        <dt>{t('svc.department')}</dt>
        <dd data-testid="guide-department">{l(guide.department.name)}</dd>
        <dt>{t('svc.applicantKind')}</dt>
        <dd>{l(guide.applicantKindLabel)}</dd>
        <dt>{t('svc.legalDays')}</dt>
        <dd data-testid="legal-days">{t('svc.workingDays', { n: guide.legalDays })}</dd>
        <dt>{t('svc.promisedDays')}</dt>
        <dd data-testid="promised-days">{t('svc.workingDays', { n: guide.promisedDays })}</dd>
        <dt>{t('svc.acceptDays')}</dt>
        <dd>{t('svc.workingDays', { n: guide.acceptDays })}</dd>
        <dt>{t('svc.visitsLabel')}</dt>
        <dd>{guide.visits === 0 ? t('svc.fullyOnline') : t('svc.visits', { n: guide.visits })}</dd>
        <dt>{t('svc.feeLabel')}</dt>
        <dd>
          {guide.fee.yuan === 0
            ? guide.fee.note
              ? l(guide.fee.note)
              : t('svc.free')
            : `${yuan(guide.fee.yuan, lang)}${guide.fee.note ? ` · ${l(guide.fee.note)}` : ''}`}
        </dd>
        <dt>{t('svc.result')}</dt>
        <dd>
          {l(guide.result.name)}
          {guide.result.validity ? ` · ${l(guide.result.validity)}` : ''}
        </dd>
        {guide.tags.length ? (
          <>
            <dt>{t('svc.theme')}</dt>
            <dd>{guide.tags.map((x) => tagLabel(x, t)).join('、')}</dd>
          </>
        ) : null}
        <dt>{t('svc.version')}</dt>
        <dd>
          {t('svc.versionOf', { version: guide.version, current: guide.currentVersion })} ·{' '}
          {fmtDateTime(guide.publishedAt)}
        </dd>
      </dl>
      <LabelList title={t('svc.conditions')} items={guide.conditions} />
      <section>
        <h2>{t('svc.materials')}</h2>
        <div className="table-scroll">
          <table className="tickets materials-table" data-testid="guide-materials">
            <caption className="sr-only">{t('svc.materials')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('svc.material')}</th>
                <th scope="col">{t('svc.required')}</th>
                <th scope="col">{t('svc.formats')}</th>
                <th scope="col">{t('svc.maxSize')}</th>
                <th scope="col">{t('svc.copies')}</th>
              </tr>
            </thead>
            <tbody>
              {guide.materials.map((m) => (
                <tr key={m.code}>
                  <th scope="row">
                    {l(m.name)}
                    {m.note ? <span className="sub">{l(m.note)}</span> : null}
                  </th>
                  <td>{m.required ? t('common.yes') : t('common.no')}</td>
                  <td>{formatList(m.formats)}</td>
                  <td>
                    {fileSize(m.maxSizeKb * 1024)} × {m.maxCount}
                  </td>
                  <td>
                    {t('svc.copiesOf', { n: m.copies })} · {m.original ? t('svc.original') : t('svc.copy')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <LabelList title={t('svc.steps')} items={guide.steps} ordered />
      <LabelList title={t('svc.reviewSteps')} items={guide.reviewSteps} ordered />
      <LabelList title={t('svc.legalBasis')} items={guide.legalBasis} />
    </div>
  );
}
