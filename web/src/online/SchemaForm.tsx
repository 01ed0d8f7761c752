/**
 * The application form, generated from the matter's schema: fields in
 * `x-order`, titles in the UI language (`title` / `x-title-en`), choices
 * from `x-enum-labels`, a textarea for `x-multiline`, date and e-mail inputs
 * for those formats, a box to tick for a declaration (`const: true`).
 * Fields a correction notice names are marked so the applicant finds them.
 */
import type { FieldSchema, FormSchema } from '@domain/form-schema';
import {
  CheckboxField,
  CheckboxGroup,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from '../components/fields';
import { useI18n } from '../i18n';
import { type DraftValue, enumLabel, type FormDraft, fieldHint, fieldTitle } from './schema-form';

export interface SchemaFormProps {
  schema: FormSchema;
  draft: FormDraft;
  onChange(name: string, value: DraftValue): void;
  errors: Record<string, string | undefined>;
  /** fields a correction notice asks about: name → the reviewer's note */
  flagged?: Record<string, string>;
}

function SchemaField({
  name,
  field,
  required,
  value,
  onChange,
  error,
  flag,
}: {
  name: string;
  field: FieldSchema;
  required: boolean;
  value: DraftValue | undefined;
  onChange(v: DraftValue): void;
  error?: string;
  flag?: string;
}) {
  const { t, lang } = useI18n();
  const label = fieldTitle(field, lang);
  const described = fieldHint(field, lang);
  const hint = flag ? `${t('svc.correctionHere')}: ${flag}${described ? ` · ${described}` : ''}` : described;
  const text = typeof value === 'string' ? value : '';
  const common = { label, required, error, hint, name: `form-${name}` };
  switch (field.type) {
    case 'boolean':
      return (
        <CheckboxField
          label={label}
          required={required || field.const === true}
          checked={value === true}
          onChange={onChange}
          error={error}
          hint={hint}
          name={`form-${name}`}
        />
      );
    case 'array': {
      const options = field.items.enum.map((v) => ({ value: v, label: enumLabel(field, v, lang) }));
      return (
        <CheckboxGroup
          legend={label}
          name={`form-${name}`}
          values={Array.isArray(value) ? value : []}
          options={options}
          onChange={onChange}
          error={error}
          hint={hint}
          required={required}
        />
      );
    }
    case 'number':
    case 'integer':
      return (
        <TextField
          {...common}
          value={text}
          onChange={onChange}
          inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
        />
      );
    case 'string': {
      if (field.enum) {
        const options = field.enum.map((v) => ({ value: v, label: enumLabel(field, v, lang) }));
        return options.length <= 4 ? (
          <RadioGroup
            legend={label}
            name={`form-${name}`}
            value={text}
            options={options}
            onChange={onChange}
            error={error}
            hint={hint}
            required={required}
          />
        ) : (
          <SelectField
            {...common}
            value={text}
            onChange={onChange}
            options={options}
            placeholder={t('field.choose')}
          />
        );
      }
      if (field['x-multiline'])
        return <TextArea {...common} value={text} onChange={onChange} rows={4} maxLength={field.maxLength} />;
      const type =
        field.format === 'date'
          ? 'date'
          : field.format === 'email'
            ? 'email'
            : field.format === 'cn-mobile'
              ? 'tel'
              : 'text';
      return (
        <TextField
          {...common}
          type={type}
          value={text}
          onChange={onChange}
          maxLength={field.maxLength}
          inputMode={field.format === 'cn-mobile' ? 'tel' : field.format === 'email' ? 'email' : undefined}
          autoComplete={field['x-personal'] ? 'off' : undefined}
        />
      );
    }
  }
}

export function SchemaForm({ schema, draft, onChange, errors, flagged = {} }: SchemaFormProps) {
  const required = new Set(schema.required ?? []);
  return (
    <div className="stack schema-form" data-testid="schema-form">
      {schema['x-order'].map((name) => {
        const field = schema.properties[name];
        if (!field) return null;
        return (
          <div key={name} className={flagged[name] ? 'flagged' : undefined} data-field={name}>
            <SchemaField
              name={name}
              field={field}
              required={required.has(name)}
              value={draft[name]}
              onChange={(v) => onChange(name, v)}
              error={errors[name]}
              flag={flagged[name]}
            />
          </div>
        );
      })}
    </div>
  );
}
