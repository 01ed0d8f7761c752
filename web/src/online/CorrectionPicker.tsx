/**
 * The items of a correction notice (一次性告知): the reviewer ticks the form
 * fields and materials that need correcting and writes, for each, what is
 * wrong — all at once, so the applicant corrects everything in one round.
 */
import { useId } from 'react';
import type { Application, CorrectionItem } from '../api/services-types';
import { TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { fieldTitle } from './schema-form';

export type PickedItems = Record<string, string>;

/** `field:<name>` / `material:<code>` → note, as the picker keeps them; the API's items from it. */
export function itemsOf(picked: PickedItems): CorrectionItem[] {
  return Object.entries(picked).map(([key, note]) => {
    const [kind, name = ''] = key.split(/:(.*)/s);
    return kind === 'field' ? { field: name, note: note.trim() } : { material: name, note: note.trim() };
  });
}

function PickRow({
  itemKey,
  label,
  picked,
  onChange,
  error,
}: {
  itemKey: string;
  label: string;
  picked: PickedItems;
  onChange(next: PickedItems): void;
  error?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const on = itemKey in picked;
  return (
    <li className="pick">
      <input
        id={id}
        type="checkbox"
        checked={on}
        data-item={itemKey}
        onChange={(e) => {
          const next = { ...picked };
          if (e.target.checked) next[itemKey] = '';
          else delete next[itemKey];
          onChange(next);
        }}
      />
      <label htmlFor={id}>{label}</label>
      {on ? (
        <TextField
          label={t('rev.itemNote', { item: label })}
          required
          value={picked[itemKey] ?? ''}
          onChange={(v) => onChange({ ...picked, [itemKey]: v })}
          error={error}
          maxLength={500}
          name={`note-${itemKey}`}
        />
      ) : null}
    </li>
  );
}

export function CorrectionPicker({
  app,
  picked,
  onChange,
  errors,
}: {
  app: Application;
  picked: PickedItems;
  onChange(next: PickedItems): void;
  errors: Record<string, string | undefined>;
}) {
  const { t, l, lang } = useI18n();
  return (
    <fieldset className="field-group correction-picker" data-testid="correction-picker">
      <legend>
        {t('rev.items')} <span className="req">*</span>
      </legend>
      <p className="hint">{t('rev.itemsHint')}</p>
      {errors.items ? <p className="error">{errors.items}</p> : null}
      <h4>{t('svc.form')}</h4>
      <ul className="picks">
        {app.schema['x-order'].map((name) => {
          const field = app.schema.properties[name];
          if (!field) return null;
          const key = `field:${name}`;
          return (
            <PickRow
              key={key}
              itemKey={key}
              label={fieldTitle(field, lang)}
              picked={picked}
              onChange={onChange}
              error={errors[key]}
            />
          );
        })}
      </ul>
      <h4>{t('svc.materials')}</h4>
      <ul className="picks">
        {app.materials.map((m) => {
          const key = `material:${m.code}`;
          return (
            <PickRow
              key={key}
              itemKey={key}
              label={l(m.name)}
              picked={picked}
              onChange={onChange}
              error={errors[key]}
            />
          );
        })}
      </ul>
    </fieldset>
  );
}
