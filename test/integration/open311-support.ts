/**
 * Shared by the Open311 test files: a service of our own with all six
 * attribute datatypes (so the tests do not depend on how the seed taxonomy
 * evolves), form bodies written the way clients write them, the published
 * JSON schemas, and the XML → JSON (Spark convention) mapping used to compare
 * the two formats field by field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';

export const SERVICE_CODE = 'o311-streetlight';
export const PLAIN_CODE = 'o311-plain';
export const GROUP_NAME = '测试分组市政';

/** Inserts a level-1 group with two leaves: one with all six datatypes, one without attributes. */
export async function addTestServices(ctx: ServiceContext): Promise<{ categoryId: number; plainId: number }> {
  const parent = await ctx.db
    .insertInto('categories')
    .values({
      code: 'o311-group',
      name: GROUP_NAME,
      name_en: 'Test group',
      level: 1,
      parent_id: null,
      sort: 9000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const leaf = await ctx.db
    .insertInto('categories')
    .values({
      code: SERVICE_CODE,
      name: '路灯故障',
      name_en: 'Street light fault',
      level: 2,
      parent_id: parent.id,
      description: '路灯不亮、白天常亮、灯杆倾斜或电线裸露。',
      keywords: ['路灯', '灯杆', '不亮'],
      policy_code: 'general',
      sort: 9001,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plain = await ctx.db
    .insertInto('categories')
    .values({
      code: PLAIN_CODE,
      name: '其他市政问题',
      name_en: 'Other',
      level: 2,
      parent_id: parent.id,
      description: '',
      keywords: [],
      policy_code: 'urgent',
      sort: 9002,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const attr = (
    sort: number,
    code: string,
    datatype: string,
    required: boolean,
    description: string,
    values: { key: string; name: string }[] = [],
    variable = true,
  ) => ({
    category_id: leaf.id,
    code,
    datatype,
    required,
    variable,
    description,
    description_en: code,
    datatype_description: datatype === 'number' ? '整数，单位：层' : null,
    sort,
    values: JSON.stringify(values),
  });
  await ctx.db
    .insertInto('category_attributes')
    .values([
      attr(1, 'building', 'string', true, '楼号或附近建筑'),
      attr(2, 'floor', 'number', false, '所在楼层'),
      attr(3, 'seen_at', 'datetime', false, '发现时间'),
      attr(4, 'details', 'text', false, '详细情况'),
      attr(5, 'severity', 'singlevaluelist', true, '严重程度', [
        { key: 'minor', name: '轻微' },
        { key: 'severe', name: '严重，有安全隐患' },
      ]),
      attr(6, 'hazards', 'multivaluelist', false, '存在哪些问题', [
        { key: 'dark', name: '照明不足' },
        { key: 'wire', name: '电线裸露' },
        { key: 'pole', name: '灯杆倾斜' },
      ]),
      attr(7, 'notice', 'text', false, '如遇电线裸露请远离并拨打95598', [], false),
    ])
    .execute();
  ctx.reference.invalidate();
  return { categoryId: leaf.id, plainId: plain.id };
}

/** `name=value&…` with values percent-encoded as UTF-8; names raw unless `encodeNames`. */
export function form(pairs: [string, string][], encodeNames = false): string {
  return pairs
    .map(([k, v]) => `${encodeNames ? encodeURIComponent(k) : k}=${encodeURIComponent(v)}`)
    .join('&');
}

export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

// ---------- JSON schemas ----------

const SCHEMA_DIR = fileURLToPath(new URL('../../../shared/data/open311-schemas/', import.meta.url));

export type SchemaName = 'services' | 'service-definition' | 'requests';

let validators: Record<SchemaName, ValidateFunction> | null | undefined;

function loadValidators(): Record<SchemaName, ValidateFunction> | null {
  if (validators !== undefined) return validators;
  if (!existsSync(SCHEMA_DIR)) {
    console.warn(`Open311 JSON schemas not found at ${SCHEMA_DIR}: skipping schema validation`);
    validators = null;
    return null;
  }
  // The schemas are draft-04 style without $schema; `minItems` beside `$ref` is ignored, hence strict off.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const read = (file: string) => ({ ...JSON.parse(readFileSync(`${SCHEMA_DIR}${file}`, 'utf8')), $id: file });
  for (const file of ['service.json', 'request.json']) ajv.addSchema(read(file));
  validators = {
    services: ajv.compile(read('services.json')),
    'service-definition': ajv.compile(read('service-definition.json')),
    requests: ajv.compile(read('requests.json')),
  };
  return validators;
}

export function schemasAvailable(): boolean {
  return loadValidators() !== null;
}

export function expectValid(name: SchemaName, data: unknown): void {
  const v = loadValidators();
  if (!v) return;
  const validate = v[name];
  const ok = validate(data);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

// ---------- XML ----------

/** Element → the name of its repeated children, for turning XML lists into JSON arrays. */
const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  service_request_updates: 'request_update',
};

const parser = new XMLParser({
  parseTagValue: false,
  htmlEntities: true,
  isArray: (name) => Object.values(LISTS).includes(name),
});

export function parseXml(text: string): Record<string, unknown> {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const doc = parser.parse(text) as Record<string, unknown>;
  delete doc['?xml'];
  return doc;
}

/** The parsed XML in the Spark convention: list elements become arrays, every scalar a string. */
function spark(name: string, value: unknown): unknown {
  const item = LISTS[name];
  if (item) {
    if (value === '' || value === undefined) return [];
    const children = (value as Record<string, unknown>)[item];
    return (Array.isArray(children) ? children : []).map((c) => spark(item, c));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, spark(k, v)]),
    );
  }
  return String(value ?? '').trim();
}

/** JSON with every scalar as the XML text it corresponds to (null → empty element). */
function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asText(v)]),
    );
  }
  return value === null ? '' : String(value).trim();
}

/** Asserts that the XML answer carries exactly the JSON answer, field by field, under `root`. */
export function expectXmlMatchesJson(
  xml: LightMyRequestResponse,
  json: LightMyRequestResponse,
  root: string,
): void {
  expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  const doc = parseXml(xml.body);
  expect(Object.keys(doc)).toEqual([root]);
  expect(spark(root, doc[root])).toEqual(asText(json.json()));
}
