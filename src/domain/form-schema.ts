/**
 * 申请表单 The application form of a matter, as a small subset of JSON Schema
 * (draft 2020-12): an object of string, number, integer, boolean and
 * multi-choice array fields with the usual constraints. Any JSON Schema
 * validator accepts these schemas; the `x-` keywords are annotations for
 * screens (English title, enum labels, field order, personal data).
 *
 * Pure and dependency-free so that the web app validates with exactly this
 * code before sending, and the server validates again on receipt.
 */
import type { FieldIssue } from './errors.js';
import { FORMAT_CHECKS } from './form-formats.js';

export { isCreditCode, isResidentId } from './form-formats.js';

export interface Bilingual {
  zh: string;
  en: string;
}

/** Formats beyond JSON Schema's own: Chinese mobile numbers, ID card and company credit codes. */
export const FIELD_FORMATS = ['date', 'email', 'cn-mobile', 'cn-resident-id', 'cn-uscc', 'passport'] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];

interface FieldCommon {
  /** label in Chinese */
  title: string;
  'x-title-en': string;
  description?: string;
  'x-description-en'?: string;
  /** personal data: masked for roles that may not see it */
  'x-personal'?: boolean;
}

export interface StringField extends FieldCommon {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: FieldFormat;
  enum?: string[];
  'x-enum-labels'?: Record<string, Bilingual>;
  /** a textarea rather than one line */
  'x-multiline'?: boolean;
}

export interface NumberField extends FieldCommon {
  type: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
}

export interface BooleanField extends FieldCommon {
  type: 'boolean';
  /** `true`: a declaration the applicant must tick (承诺) */
  const?: true;
}

export interface ArrayField extends FieldCommon {
  type: 'array';
  items: { type: 'string'; enum: string[] };
  minItems?: number;
  maxItems?: number;
  uniqueItems?: true;
  'x-enum-labels'?: Record<string, Bilingual>;
}

export type FieldSchema = StringField | NumberField | BooleanField | ArrayField;

export interface FormSchema {
  $schema?: string;
  type: 'object';
  properties: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties: false;
  /** field order for screens (JSONB does not keep object key order) */
  'x-order': string[];
}

export type FormValue = string | number | boolean | string[];
export type FormData = Record<string, FormValue>;

export const MAX_FIELDS = 60;
const DEFAULT_MAX_LENGTH = 2000;
const MAX_PATTERN_LENGTH = 200;
const FIELD_NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;
const COMMON_KEYS = ['type', 'title', 'x-title-en', 'description', 'x-description-en', 'x-personal'];
const KEYS: Record<FieldSchema['type'], readonly string[]> = {
  string: [
    ...COMMON_KEYS,
    'minLength',
    'maxLength',
    'pattern',
    'format',
    'enum',
    'x-enum-labels',
    'x-multiline',
  ],
  number: [...COMMON_KEYS, 'minimum', 'maximum'],
  integer: [...COMMON_KEYS, 'minimum', 'maximum'],
  boolean: [...COMMON_KEYS, 'const'],
  array: [...COMMON_KEYS, 'items', 'minItems', 'maxItems', 'uniqueItems', 'x-enum-labels'],
};
const ROOT_KEYS = ['$schema', 'type', 'properties', 'required', 'additionalProperties', 'x-order'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown, max = 500): v is string {
  return typeof v === 'string' && v.trim() !== '' && v.length <= max;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function stringList(v: unknown, max: number): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.length <= max && v.every((s) => isText(s, 200));
}

/**
 * Checks that `schema` is a form schema of the supported subset and returns
 * it with `x-order` completed (the given order, then any other fields in key
 * order). Every problem is one field issue, paths relative to the schema.
 */
export function checkFormSchema(schema: unknown): { schema: FormSchema | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (path: string, code: string, message: string) => issues.push({ path, code, message });
  if (!isRecord(schema)) {
    issue('', 'type', 'the form schema must be an object');
    return { schema: null, issues };
  }
  for (const key of Object.keys(schema)) {
    if (!ROOT_KEYS.includes(key)) issue(key, 'unknown_keyword', `unsupported keyword "${key}"`);
  }
  if (schema.type !== 'object') issue('type', 'const', 'type must be "object"');
  if (schema.additionalProperties !== false)
    issue('additionalProperties', 'const', 'additionalProperties must be false');
  const properties = isRecord(schema.properties) ? schema.properties : null;
  if (!properties) issue('properties', 'type', 'properties must be an object');
  const names = properties ? Object.keys(properties) : [];
  if (names.length > MAX_FIELDS) issue('properties', 'too_many', `at most ${MAX_FIELDS} fields`);
  for (const name of names) {
    if (!FIELD_NAME.test(name))
      issue(`properties.${name}`, 'name', 'field names are camelCase ASCII, at most 40 characters');
    checkField(properties?.[name], `properties.${name}`, issue);
  }
  const required = schema.required ?? [];
  if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) {
    issue('required', 'type', 'required must be a list of field names');
  } else {
    required.forEach((r, i) => {
      if (!names.includes(r)) issue(`required.${i}`, 'unknown_field', `"${r}" is not a field`);
    });
    if (new Set(required).size !== required.length) issue('required', 'duplicate', 'a field is listed twice');
  }
  const order = schema['x-order'] ?? [];
  if (!Array.isArray(order) || !order.every((o) => typeof o === 'string' && names.includes(o))) {
    issue('x-order', 'unknown_field', 'x-order lists fields of the form only');
  } else if (new Set(order).size !== order.length) {
    issue('x-order', 'duplicate', 'a field is listed twice');
  }
  if (issues.length > 0) return { schema: null, issues };
  const given = order as string[];
  return {
    schema: {
      ...(schema as unknown as FormSchema),
      required: [...(required as string[])],
      'x-order': [...given, ...names.filter((n) => !given.includes(n))],
    },
    issues,
  };
}

type Report = (path: string, code: string, message: string) => void;

function checkLabels(labels: unknown, values: readonly string[], path: string, issue: Report): void {
  if (labels === undefined) return;
  if (!isRecord(labels)) {
    issue(path, 'type', 'x-enum-labels maps each value to { zh, en }');
    return;
  }
  for (const [value, label] of Object.entries(labels)) {
    if (!values.includes(value))
      issue(`${path}.${value}`, 'unknown_value', `"${value}" is not an allowed value`);
    if (!isRecord(label) || !isText(label.zh) || !isText(label.en))
      issue(`${path}.${value}`, 'type', 'a label is { zh, en } with both texts');
  }
}

function checkField(field: unknown, path: string, issue: Report): void {
  if (!isRecord(field)) {
    issue(path, 'type', 'a field is an object');
    return;
  }
  const type = field.type;
  if (
    type !== 'string' &&
    type !== 'number' &&
    type !== 'integer' &&
    type !== 'boolean' &&
    type !== 'array'
  ) {
    issue(`${path}.type`, 'enum', 'type must be string, number, integer, boolean or array');
    return;
  }
  for (const key of Object.keys(field)) {
    if (!KEYS[type].includes(key)) issue(`${path}.${key}`, 'unknown_keyword', `unsupported keyword "${key}"`);
  }
  if (!isText(field.title, 200)) issue(`${path}.title`, 'required', 'a Chinese title is required');
  if (!isText(field['x-title-en'], 200))
    issue(`${path}.x-title-en`, 'required', 'an English title is required');
  for (const key of ['description', 'x-description-en'] as const) {
    if (field[key] !== undefined && !isText(field[key], 1000))
      issue(`${path}.${key}`, 'type', `${key} is a text of at most 1000 characters`);
  }
  if (field['x-personal'] !== undefined && typeof field['x-personal'] !== 'boolean')
    issue(`${path}.x-personal`, 'type', 'x-personal is true or false');
  if (type === 'string') checkStringField(field, path, issue);
  if (type === 'number' || type === 'integer') {
    for (const key of ['minimum', 'maximum'] as const) {
      if (field[key] !== undefined && (typeof field[key] !== 'number' || !Number.isFinite(field[key])))
        issue(`${path}.${key}`, 'type', `${key} is a number`);
    }
    if (
      typeof field.minimum === 'number' &&
      typeof field.maximum === 'number' &&
      field.minimum > field.maximum
    )
      issue(`${path}.minimum`, 'range', 'minimum is above maximum');
  }
  if (type === 'boolean' && field.const !== undefined && field.const !== true)
    issue(`${path}.const`, 'const', 'const, when given, is true');
  if (type === 'array') {
    const items = field.items;
    if (!isRecord(items) || items.type !== 'string' || !stringList(items.enum, 100)) {
      issue(`${path}.items`, 'type', 'items is { type: "string", enum: [...] }');
    } else {
      checkLabels(field['x-enum-labels'], items.enum as string[], `${path}.x-enum-labels`, issue);
    }
    for (const key of ['minItems', 'maxItems'] as const) {
      if (field[key] !== undefined && !isCount(field[key]))
        issue(`${path}.${key}`, 'type', `${key} is a count`);
    }
    if (field.uniqueItems !== undefined && field.uniqueItems !== true)
      issue(`${path}.uniqueItems`, 'const', 'uniqueItems, when given, is true');
  }
}

function checkStringField(field: Record<string, unknown>, path: string, issue: Report): void {
  for (const key of ['minLength', 'maxLength'] as const) {
    if (field[key] !== undefined && !isCount(field[key]))
      issue(`${path}.${key}`, 'type', `${key} is a count`);
  }
  if (typeof field.maxLength === 'number' && field.maxLength > 20_000)
    issue(`${path}.maxLength`, 'range', 'maxLength is at most 20000');
  if (field.pattern !== undefined) {
    if (typeof field.pattern !== 'string' || field.pattern.length > MAX_PATTERN_LENGTH) {
      issue(
        `${path}.pattern`,
        'type',
        `pattern is a regular expression of at most ${MAX_PATTERN_LENGTH} characters`,
      );
    } else {
      try {
        new RegExp(field.pattern, 'u');
      } catch {
        issue(`${path}.pattern`, 'invalid', 'pattern is not a valid regular expression');
      }
    }
  }
  if (field.format !== undefined && !(FIELD_FORMATS as readonly unknown[]).includes(field.format))
    issue(`${path}.format`, 'enum', `format is one of ${FIELD_FORMATS.join(', ')}`);
  if (field.enum !== undefined) {
    if (!stringList(field.enum, 100)) issue(`${path}.enum`, 'type', 'enum is a list of texts');
    else checkLabels(field['x-enum-labels'], field.enum, `${path}.x-enum-labels`, issue);
  } else if (field['x-enum-labels'] !== undefined) {
    issue(`${path}.x-enum-labels`, 'unknown_keyword', 'x-enum-labels needs enum');
  }
  if (field['x-multiline'] !== undefined && typeof field['x-multiline'] !== 'boolean')
    issue(`${path}.x-multiline`, 'type', 'x-multiline is true or false');
}

// ---- values ------------------------------------------------------------------

export interface ValidateFormOptions {
  /** a draft: required fields may be missing, present ones must still be valid */
  partial: boolean;
}

/**
 * Validates submitted values against the schema: unknown fields, wrong
 * types, constraint and format violations, and (unless partial) missing
 * required fields each give one issue with path `form.<field>`. Strings are
 * trimmed and empty strings count as missing.
 */
export function validateForm(
  schema: FormSchema,
  data: unknown,
  options: ValidateFormOptions,
): { value: FormData; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value: FormData = {};
  if (!isRecord(data)) {
    return {
      value,
      issues: [{ path: 'form', code: 'type', message: '表单应为对象 / the form is an object' }],
    };
  }
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(schema.properties, key))
      issues.push({
        path: `form.${key}`,
        code: 'unknown_field',
        message: `未知字段 / unknown field "${key}"`,
      });
  }
  for (const name of schema['x-order']) {
    const field = schema.properties[name];
    if (!field) continue;
    const raw = Object.hasOwn(data, name) ? data[name] : undefined;
    const path = `form.${name}`;
    const missing = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (missing) {
      if (!options.partial && schema.required?.includes(name))
        issues.push({
          path,
          code: 'required',
          message: `必填：${field.title} / required: ${field['x-title-en']}`,
        });
      continue;
    }
    const checked = checkValue(field, raw, path);
    if ('issue' in checked) issues.push(checked.issue);
    else value[name] = checked.value;
  }
  return { value, issues };
}

type Checked = { value: FormValue } | { issue: FieldIssue };

function fail(path: string, code: string, message: string): Checked {
  return { issue: { path, code, message } };
}

function checkValue(field: FieldSchema, raw: unknown, path: string): Checked {
  switch (field.type) {
    case 'string':
      return checkString(field, raw, path);
    case 'number':
    case 'integer': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(path, 'type', '应为数字 / a number');
      if (field.type === 'integer' && !Number.isInteger(raw))
        return fail(path, 'type', '应为整数 / a whole number');
      if (field.minimum !== undefined && raw < field.minimum)
        return fail(path, 'minimum', `不能小于 ${field.minimum} / at least ${field.minimum}`);
      if (field.maximum !== undefined && raw > field.maximum)
        return fail(path, 'maximum', `不能大于 ${field.maximum} / at most ${field.maximum}`);
      return { value: raw };
    }
    case 'boolean':
      if (typeof raw !== 'boolean') return fail(path, 'type', '应为是或否 / true or false');
      if (field.const === true && raw !== true) return fail(path, 'const', '须勾选确认 / must be confirmed');
      return { value: raw };
    case 'array': {
      if (!Array.isArray(raw) || !raw.every((x) => typeof x === 'string'))
        return fail(path, 'type', '应为选项列表 / a list of choices');
      const bad = raw.find((x) => !field.items.enum.includes(x));
      if (bad !== undefined) return fail(path, 'enum', `不是可选项 / not a choice: ${bad}`);
      if (field.uniqueItems && new Set(raw).size !== raw.length)
        return fail(path, 'uniqueItems', '选项重复 / a choice is repeated');
      if (field.minItems !== undefined && raw.length < field.minItems)
        return fail(path, 'minItems', `至少选择 ${field.minItems} 项 / choose at least ${field.minItems}`);
      if (field.maxItems !== undefined && raw.length > field.maxItems)
        return fail(path, 'maxItems', `至多选择 ${field.maxItems} 项 / choose at most ${field.maxItems}`);
      return { value: [...raw] };
    }
  }
}

function checkString(field: StringField, raw: unknown, path: string): Checked {
  if (typeof raw !== 'string') return fail(path, 'type', '应为文本 / a text');
  const text = raw.trim();
  if (text.includes('\u0000')) return fail(path, 'invalid', '含有非法字符 / contains NUL');
  const length = [...text].length;
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
  if (length > max) return fail(path, 'maxLength', `至多 ${max} 字 / at most ${max} characters`);
  if (field.minLength !== undefined && length < field.minLength)
    return fail(path, 'minLength', `至少 ${field.minLength} 字 / at least ${field.minLength} characters`);
  if (field.enum && !field.enum.includes(text))
    return fail(path, 'enum', `不是可选项 / not a choice: ${text}`);
  if (field.format) {
    const check = FORMAT_CHECKS[field.format];
    if (!check.test(text)) return fail(path, 'format', check.message);
  }
  if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(text))
    return fail(path, 'pattern', `格式不正确 / does not match the expected format`);
  return { value: text };
}

/** The values of personal fields replaced by a mask, for viewers who may not see them. */
export function maskForm(schema: FormSchema, data: FormData): FormData {
  const out: FormData = {};
  for (const [key, value] of Object.entries(data)) {
    out[key] = schema.properties[key]?.['x-personal'] === true ? maskValue(value) : value;
  }
  return out;
}

function maskValue(value: FormValue): FormValue {
  if (typeof value !== 'string') return '***';
  const chars = [...value];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 12))}${chars[chars.length - 1]}`;
}
