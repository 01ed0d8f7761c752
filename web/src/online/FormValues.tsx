/** The filled-in form, read only (a submitted application, or the department's view of it). */
import type { FormData, FormSchema } from '@domain/form-schema';
import { useI18n } from '../i18n';
import { displayValue, fieldTitle } from './schema-form';

export function FormValues({ schema, form }: { schema: FormSchema; form: FormData }) {
  const { t, lang } = useI18n();
  return (
    <dl className="facts form-values" data-testid="form-values">
      {schema['x-order'].map((name) => {
        const field = schema.properties[name];
        if (!field) return null;
        return (
          <div key={name} className="pair" data-field={name}>
            <dt>{fieldTitle(field, lang)}</dt>
            <dd>{displayValue(field, form[name], lang, t('common.yes'), t('common.no'))}</dd>
          </div>
        );
      })}
    </dl>
  );
}
