/** The form-schema subset: what a schema may say, how values are judged, and the Chinese formats. */
import { describe, expect, it } from 'vitest';
import {
  checkFormSchema,
  type FormSchema,
  isCreditCode,
  isResidentId,
  maskForm,
  validateForm,
} from '../../src/domain/form-schema.js';

const SCHEMA: FormSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'idNumber', 'kind', 'count', 'pledge'],
  'x-order': ['name', 'idNumber', 'kind', 'count', 'tags', 'day', 'pledge', 'note'],
  properties: {
    name: { type: 'string', title: '姓名', 'x-title-en': 'Name', maxLength: 5, 'x-personal': true },
    idNumber: {
      type: 'string',
      title: '身份证号',
      'x-title-en': 'ID',
      format: 'cn-resident-id',
      'x-personal': true,
    },
    kind: { type: 'string', title: '类型', 'x-title-en': 'Kind', enum: ['a', 'b'] },
    count: { type: 'integer', title: '数量', 'x-title-en': 'Count', minimum: 1, maximum: 9 },
    tags: {
      type: 'array',
      title: '标签',
      'x-title-en': 'Tags',
      items: { type: 'string', enum: ['x', 'y'] },
      uniqueItems: true,
      maxItems: 2,
    },
    day: { type: 'string', title: '日期', 'x-title-en': 'Day', format: 'date' },
    pledge: { type: 'boolean', title: '承诺', 'x-title-en': 'Pledge', const: true },
    note: { type: 'string', title: '备注', 'x-title-en': 'Note', pattern: '^[A-Z]+$' },
  },
};

describe('checkFormSchema', () => {
  it('accepts the subset and completes x-order', () => {
    const { 'x-order': _order, ...rest } = SCHEMA;
    const r = checkFormSchema(rest);
    expect(r.issues).toEqual([]);
    expect(r.schema?.['x-order']).toEqual(Object.keys(SCHEMA.properties));
  });

  it('reports each problem with its path', () => {
    const r = checkFormSchema({
      type: 'object',
      additionalProperties: true,
      oneOf: [],
      required: ['ghost'],
      properties: {
        Bad_Name: { type: 'string', title: 'x', 'x-title-en': 'x' },
        noTitle: { type: 'string' },
        weird: { type: 'object', title: 'x', 'x-title-en': 'x' },
        pattern: { type: 'string', title: 'x', 'x-title-en': 'x', pattern: '(' },
        range: { type: 'number', title: 'x', 'x-title-en': 'x', minimum: 5, maximum: 1 },
        list: { type: 'array', title: 'x', 'x-title-en': 'x', items: { type: 'string' } },
        labels: {
          type: 'string',
          title: 'x',
          'x-title-en': 'x',
          enum: ['a'],
          'x-enum-labels': { b: { zh: 'b', en: 'b' } },
        },
        extra: { type: 'string', title: 'x', 'x-title-en': 'x', minimum: 1 },
      },
    });
    expect(r.schema).toBeNull();
    expect(r.issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual(
      [
        'additionalProperties:const',
        'oneOf:unknown_keyword',
        'required.0:unknown_field',
        'properties.Bad_Name:name',
        'properties.noTitle.title:required',
        'properties.noTitle.x-title-en:required',
        'properties.weird.type:enum',
        'properties.pattern.pattern:invalid',
        'properties.range.minimum:range',
        'properties.list.items:type',
        'properties.labels.x-enum-labels.b:unknown_value',
        'properties.extra.minimum:unknown_keyword',
      ].sort(),
    );
    expect(checkFormSchema('nope').issues[0]?.code).toBe('type');
  });
});

describe('validateForm', () => {
  const valid = {
    name: '张三',
    idNumber: '11010519491231002X',
    kind: 'a',
    count: 3,
    tags: ['x'],
    day: '2024-02-29',
    pledge: true,
    note: 'OK',
  };

  it('accepts valid values, trimmed', () => {
    const r = validateForm(SCHEMA, { ...valid, name: ' 张三 ' }, { partial: false });
    expect(r.issues).toEqual([]);
    expect(r.value.name).toBe('张三');
  });

  it('gives one issue per bad field', () => {
    const r = validateForm(
      SCHEMA,
      {
        name: '一二三四五六',
        idNumber: '110105194912310021',
        kind: 'c',
        count: 2.5,
        tags: ['x', 'x'],
        day: '2023-02-29',
        pledge: false,
        note: 'lower',
        other: 1,
      },
      { partial: false },
    );
    expect(r.issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual(
      [
        'form.other:unknown_field',
        'form.name:maxLength',
        'form.idNumber:format',
        'form.kind:enum',
        'form.count:type',
        'form.tags:uniqueItems',
        'form.day:format',
        'form.pledge:const',
        'form.note:pattern',
      ].sort(),
    );
    expect(r.issues.every((i) => /[\u4e00-\u9fff]/.test(i.message) && /[a-z]/.test(i.message))).toBe(true);
  });

  it('enforces required fields only when complete is asked for', () => {
    expect(validateForm(SCHEMA, { name: '张三' }, { partial: true }).issues).toEqual([]);
    const full = validateForm(SCHEMA, { name: '张三', kind: '' }, { partial: false });
    expect(full.issues.map((i) => i.path).sort()).toEqual([
      'form.count',
      'form.idNumber',
      'form.kind',
      'form.pledge',
    ]);
    expect(validateForm(SCHEMA, [], { partial: true }).issues[0]?.path).toBe('form');
  });

  it('masks personal fields for viewers who may not see them', () => {
    expect(maskForm(SCHEMA, { name: '张三丰', idNumber: '11010519491231002X', kind: 'a' })).toEqual({
      name: '张*丰',
      idNumber: '1************X',
      kind: 'a',
    });
  });
});

describe('Chinese identifiers', () => {
  it('checks resident ID numbers (GB 11643 check digit and birth date)', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('11010519490231002X')).toBe(false);
    expect(isResidentId('11010519491231002')).toBe(false);
  });

  it('checks unified social credit codes (GB 32100 check character)', () => {
    expect(isCreditCode('91110000802100433B')).toBe(true);
    expect(isCreditCode('91110000802100433C')).toBe(false);
    expect(isCreditCode('9111000080210043IB')).toBe(false);
  });
});
