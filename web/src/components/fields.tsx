/**
 * Labelled form fields: every control has a visible <label>, its hint and
 * error are tied to it with aria-describedby, and an invalid control says so
 * (aria-invalid) so screen readers announce the problem where it is.
 */
import { type ReactNode, useId } from 'react';
import { useI18n } from '../i18n';

interface FieldShell {
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

function Shell({
  id,
  label,
  hint,
  error,
  required,
  children,
}: FieldShell & { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : (
          <span className="opt"> （{t('common.optional')}）</span>
        )}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export interface TextFieldProps extends FieldShell {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'tel' | 'password' | 'search' | 'datetime-local' | 'date' | 'email';
  name?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'search' | 'email';
  maxLength?: number;
  placeholder?: string;
  autoFocus?: boolean;
  inputRef?: React.Ref<HTMLInputElement>;
  readOnly?: boolean;
}

export function TextField(p: TextFieldProps) {
  const id = useId();
  return (
    <Shell id={id} label={p.label} hint={p.hint} error={p.error} required={p.required}>
      <input
        id={id}
        ref={p.inputRef}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        placeholder={p.placeholder}
        readOnly={p.readOnly}
        required={p.required}
        aria-required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
        // biome-ignore lint/a11y/noAutofocus: the first field of a task screen (sign-in, intake) is where work starts
        autoFocus={p.autoFocus}
      />
    </Shell>
  );
}

export interface TextAreaProps extends FieldShell {
  value: string;
  onChange(value: string): void;
  name?: string;
  rows?: number;
  maxLength?: number;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
  autoFocus?: boolean;
}

export function TextArea(p: TextAreaProps) {
  const id = useId();
  return (
    <Shell id={id} label={p.label} hint={p.hint} error={p.error} required={p.required}>
      <textarea
        id={id}
        ref={p.textareaRef}
        name={p.name}
        rows={p.rows ?? 5}
        value={p.value}
        maxLength={p.maxLength}
        onChange={(e) => p.onChange(e.target.value)}
        required={p.required}
        aria-required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
        // biome-ignore lint/a11y/noAutofocus: the first field of a task screen is where work starts
        autoFocus={p.autoFocus}
      />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface SelectFieldProps extends FieldShell {
  value: string;
  onChange(value: string): void;
  options: Option[];
  name?: string;
  placeholder?: string;
  disabled?: boolean;
}

export function SelectField(p: SelectFieldProps) {
  const id = useId();
  return (
    <Shell id={id} label={p.label} hint={p.hint} error={p.error} required={p.required}>
      <select
        id={id}
        name={p.name}
        value={p.value}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.value)}
        required={p.required}
        aria-required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxField(p: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  name?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field field-check${p.error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        name={p.name}
        checked={p.checked}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.checked)}
        aria-required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
      />
      <label htmlFor={id}>
        {p.label}
        {p.required ? (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {p.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p className="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

/** Several choices at once (a multi-choice form field, API scopes): a fieldset of checkboxes. */
export function CheckboxGroup(p: {
  legend: string;
  name: string;
  values: string[];
  options: Option[];
  onChange(values: string[]): void;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  const id = useId();
  const toggle = (value: string, on: boolean) =>
    p.onChange(on ? [...p.values, value] : p.values.filter((v) => v !== value));
  return (
    <fieldset
      className={`field radios${p.error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, p.hint, p.error)}
    >
      <legend>
        {p.legend}
        {p.required ? <span className="req"> *</span> : null}
      </legend>
      {p.options.map((o) => (
        <label key={o.value} className="radio">
          <input
            type="checkbox"
            name={p.name}
            value={o.value}
            checked={p.values.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <span>{o.label}</span>
        </label>
      ))}
      {p.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p className="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A group of radio buttons with a legend; large touch targets on phones. */
export function RadioGroup(p: {
  legend: string;
  name: string;
  value: string;
  options: Option[];
  onChange(v: string): void;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  const id = useId();
  return (
    <fieldset
      className={`field radios${p.error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, p.hint, p.error)}
    >
      <legend>
        {p.legend}
        {p.required ? <span className="req"> *</span> : null}
      </legend>
      {p.options.map((o) => (
        <label key={o.value} className="radio">
          <input
            type="radio"
            name={p.name}
            value={o.value}
            checked={p.value === o.value}
            onChange={() => p.onChange(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
      {p.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p className="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </fieldset>
  );
}
