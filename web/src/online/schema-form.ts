/**
 * The bridge between a matter's form schema and the inputs on screen. While
 * typing, every field is text (a number half typed is not a number yet);
 * `toValues` turns the draft into the JSON the API takes, and `validateForm`
 * from the domain — the very code the server runs — judges it. Its issues
 * carry both languages; `issueText` says each one in the UI language, by
 * its code where the screen can say it better.
 */
import type { FieldIssue } from '@domain/errors';
import { type FieldSchema, type FormData, type FormSchema, validateForm } from '@domain/form-schema';
import type { Lang, MessageKey, Params } from '../i18n';

export type DraftValue = string | boolean | string[];
export type FormDraft = Record<string, DraftValue>;
type T = (key: MessageKey, params?: Params) => string;

export function fieldTitle(field: FieldSchema, lang: Lang): string {
  return lang === 'zh' ? field.title : field['x-title-en'];
}

export function fieldHint(field: FieldSchema, lang: Lang): string | undefined {
  return lang === 'zh' ? field.description : (field['x-description-en'] ?? field.description);
}

export function enumLabel(field: FieldSchema, value: string, lang: Lang): string {
  const labels = 'x-enum-labels' in field ? field['x-enum-labels'] : undefined;
  return labels?.[value]?.[lang] ?? value;
}

/** What the inputs show for saved values. */
export function draftOf(schema: FormSchema, form: FormData): FormDraft {
  const draft: FormDraft = {};
  for (const name of schema['x-order']) {
    const field = schema.properties[name];
    const value = form[name];
    if (!field || value === undefined) continue;
    if (field.type === 'boolean') draft[name] = value === true;
    else if (field.type === 'array') draft[name] = Array.isArray(value) ? value : [];
    else draft[name] = String(value);
  }
  return draft;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The JSON of the draft: empty fields left out (a draft may be partial),
 * numbers parsed when they read as numbers (otherwise the text goes on, so
 * that validation reports "a number" beside the field instead of losing it).
 */
export function toValues(schema: FormSchema, draft: FormDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of schema['x-order']) {
    const field = schema.properties[name];
    const value = draft[name];
    if (!field || value === undefined) continue;
    if (field.type === 'boolean') {
      // an unticked optional box is "not answered", not "no": only a ticked box is sent
      if (value === true) out[name] = true;
      continue;
    }
    if (field.type === 'array') {
      if (Array.isArray(value) && value.length > 0) out[name] = value;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    out[name] =
      (field.type === 'number' || field.type === 'integer') && NUMBER.test(text) ? Number(text) : text;
  }
  return out;
}

/** "中文 / English" as the domain writes its messages: the half in the UI language. */
export function pickLanguage(message: string, lang: Lang): string {
  const at = message.search(/\s?\/\s/);
  if (at < 0) return message;
  const zh = message.slice(0, at).trim();
  const en = message
    .slice(at)
    .replace(/^\s?\/\s/, '')
    .trim();
  return lang === 'zh' ? zh || en : en || zh;
}

export function issueText(
  issue: Pick<FieldIssue, 'code' | 'message'>,
  field: FieldSchema | undefined,
  t: T,
  lang: Lang,
): string {
  if (!field) return pickLanguage(issue.message, lang);
  const title = fieldTitle(field, lang);
  switch (issue.code) {
    case 'required':
      if (field.type === 'boolean' && field.const === true) return t('sf.const');
      return field.type === 'string' && !field.enum
        ? t('v.required', { field: title })
        : t('v.choose', { field: title });
    case 'type':
      if (field.type === 'number') return t('sf.number', { field: title });
      if (field.type === 'integer') return t('sf.integer', { field: title });
      break;
    case 'minimum':
      if ('minimum' in field && field.minimum !== undefined)
        return t('sf.minimum', { field: title, n: field.minimum });
      break;
    case 'maximum':
      if ('maximum' in field && field.maximum !== undefined)
        return t('sf.maximum', { field: title, n: field.maximum });
      break;
    case 'minLength':
      if (field.type === 'string' && field.minLength !== undefined)
        return t('v.minLength', { field: title, n: field.minLength });
      break;
    case 'maxLength':
      return t('v.maxLength', {
        field: title,
        n: field.type === 'string' ? (field.maxLength ?? 2000) : 2000,
      });
    case 'format':
      if (field.type === 'string' && field.format) return t(`sf.format.${field.format}`);
      break;
    case 'pattern':
      return t('sf.pattern', { field: title });
    case 'enum':
      return t('v.choose', { field: title });
    case 'const':
      return t('sf.const');
    case 'minItems':
      if (field.type === 'array' && field.minItems !== undefined)
        return t('sf.minItems', { n: field.minItems });
      break;
    case 'maxItems':
      if (field.type === 'array' && field.maxItems !== undefined)
        return t('sf.maxItems', { n: field.maxItems });
      break;
  }
  return pickLanguage(issue.message, lang);
}

/** Field name → message, from issues whose path is `form.<field>` (the API's and the domain's). */
export function fieldErrors(
  schema: FormSchema,
  issues: readonly Pick<FieldIssue, 'path' | 'code' | 'message'>[],
  t: T,
  lang: Lang,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path.replace(/^body\./, '').replace(/^form\./, '');
    if (out[name]) continue;
    out[name] = issueText(issue, schema.properties[name], t, lang);
  }
  return out;
}

/** Checks the draft with the domain's validator; `partial` for saving a draft, whole for submitting. */
export function checkDraft(
  schema: FormSchema,
  draft: FormDraft,
  partial: boolean,
  t: T,
  lang: Lang,
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const values = toValues(schema, draft);
  const { issues } = validateForm(schema, values, { partial });
  return { values, errors: fieldErrors(schema, issues, t, lang) };
}

export function displayValue(
  field: FieldSchema | undefined,
  value: FormData[string] | undefined,
  lang: Lang,
  yes: string,
  no: string,
): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.map((v) => (field ? enumLabel(field, v, lang) : v)).join('、');
  if (field && typeof value === 'string') return enumLabel(field, value, lang);
  return String(value);
}
