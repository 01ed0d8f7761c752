/**
 * 一次性告知补正 The department's correction notice, as the applicant reads
 * it: the reason, then every item — a form field or a material — with what
 * is wrong. The same items mark the fields and materials further down.
 */
import type { Application, CorrectionItem } from '../api/services-types';
import { useI18n } from '../i18n';
import { fieldTitle } from './schema-form';

export function flaggedOf(items: readonly CorrectionItem[]): {
  fields: Record<string, string>;
  materials: Record<string, string>;
} {
  const fields: Record<string, string> = {};
  const materials: Record<string, string> = {};
  for (const item of items) {
    if (item.field) fields[item.field] = item.note;
    if (item.material) materials[item.material] = item.note;
  }
  return { fields, materials };
}

export function CorrectionNotice({
  app,
  correction,
}: {
  app: Application;
  correction: NonNullable<Application['correction']>;
}) {
  const { t, l, lang, fmtDateTime } = useI18n();
  const itemName = (item: CorrectionItem) => {
    if (item.field) {
      const field = app.schema.properties[item.field];
      return field ? fieldTitle(field, lang) : item.field;
    }
    const material = app.materials.find((m) => m.code === item.material);
    return material ? l(material.name) : (item.material ?? '');
  };
  return (
    <section
      className="banner banner-warn correction"
      aria-labelledby="correction-title"
      data-testid="correction-notice"
    >
      <h2 id="correction-title">{t('svc.correctionTitle')}</h2>
      <p>
        {t('svc.correctionIntro', { at: fmtDateTime(correction.at) })} <strong>{correction.note}</strong>
      </p>
      <ul>
        {correction.items.map((item) => (
          <li key={`${item.field ?? ''}:${item.material ?? ''}`}>
            <strong>{itemName(item)}</strong>
            {item.material ? ` (${t('svc.material')})` : ''}: {item.note}
          </li>
        ))}
      </ul>
      <p className="hint">{t('svc.correctionHint')}</p>
    </section>
  );
}
