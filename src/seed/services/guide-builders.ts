/**
 * Small builders for the seeded catalogue, so each matter reads like its
 * guide: bilingual labels, the fields citizens fill in again and again, the
 * materials with their usual formats, sizes and copies, and the standard
 * steps of an online application.
 */
import type { FieldSchema, FormSchema, StringField } from '../../domain/form-schema.js';
import type { Bilingual, MaterialSpec, MatterGuide } from '../../domain/service-matters.js';

export const l = (zh: string, en: string): Bilingual => ({ zh, en });

type Extra = Partial<Omit<StringField, 'type' | 'title' | 'x-title-en'>>;

export const f = {
  text: (zh: string, en: string, maxLength = 100, extra: Extra = {}): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    maxLength,
    ...extra,
  }),
  longText: (zh: string, en: string, maxLength = 2000): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    maxLength,
    'x-multiline': true,
  }),
  personName: (zh = '姓名', en = 'Full name'): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    maxLength: 50,
    'x-personal': true,
  }),
  residentId: (zh = '公民身份号码', en = 'Resident ID number'): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    format: 'cn-resident-id',
    'x-personal': true,
  }),
  passport: (zh = '护照号码', en = 'Passport number'): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    format: 'passport',
    'x-personal': true,
  }),
  mobile: (zh = '手机号码', en = 'Mobile phone'): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    format: 'cn-mobile',
    'x-personal': true,
  }),
  email: (zh = '电子邮箱', en = 'E-mail'): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    format: 'email',
  }),
  creditCode: (zh = '统一社会信用代码', en = 'Unified social credit code'): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    format: 'cn-uscc',
  }),
  date: (zh: string, en: string): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    format: 'date',
  }),
  address: (zh = '住址', en = 'Address'): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    maxLength: 200,
    'x-personal': true,
  }),
  choice: (zh: string, en: string, options: [string, string, string][]): FieldSchema => ({
    type: 'string',
    title: zh,
    'x-title-en': en,
    enum: options.map(([v]) => v),
    'x-enum-labels': Object.fromEntries(options.map(([v, z, e]) => [v, l(z, e)])),
  }),
  multi: (zh: string, en: string, options: [string, string, string][], minItems = 1): FieldSchema => ({
    type: 'array',
    title: zh,
    'x-title-en': en,
    items: { type: 'string', enum: options.map(([v]) => v) },
    minItems,
    uniqueItems: true,
    'x-enum-labels': Object.fromEntries(options.map(([v, z, e]) => [v, l(z, e)])),
  }),
  integer: (zh: string, en: string, minimum: number, maximum: number): FieldSchema => ({
    type: 'integer',
    title: zh,
    'x-title-en': en,
    minimum,
    maximum,
  }),
  number: (zh: string, en: string, minimum: number, maximum: number): FieldSchema => ({
    type: 'number',
    title: zh,
    'x-title-en': en,
    minimum,
    maximum,
  }),
  /** 告知承诺: the applicant ticks that what they declare is true */
  pledge: (): FieldSchema => ({
    type: 'boolean',
    title: '本人承诺所填内容及所交材料真实有效',
    'x-title-en': 'I declare that the information and materials are true and valid',
    const: true,
  }),
};

/** A form from [name, field, required] rows, in that order. */
export function form(rows: [string, FieldSchema, boolean][]): FormSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: Object.fromEntries(rows.map(([name, field]) => [name, field])),
    required: rows.filter(([, , required]) => required).map(([name]) => name),
    additionalProperties: false,
    'x-order': rows.map(([name]) => name),
  };
}

type MaterialOptions = Partial<
  Pick<MaterialSpec, 'required' | 'formats' | 'maxSizeKb' | 'maxCount' | 'copies' | 'original' | 'note'>
>;

export function material(code: string, name: Bilingual, o: MaterialOptions = {}): MaterialSpec {
  return {
    code,
    name,
    required: o.required ?? true,
    formats: o.formats ?? ['pdf', 'jpeg', 'png'],
    maxSizeKb: o.maxSizeKb ?? 5120,
    maxCount: o.maxCount ?? 3,
    copies: o.copies ?? 1,
    original: o.original ?? true,
    ...(o.note ? { note: o.note } : {}),
  };
}

/** The materials nearly every personal matter asks for. */
export const idCard = (): MaterialSpec =>
  material('id-card', l('居民身份证（正反面）', 'Resident ID card (both sides)'), {
    formats: ['jpeg', 'png', 'pdf'],
    maxCount: 2,
  });
export const photo = (): MaterialSpec =>
  material('photo', l('近期免冠证件照', 'Recent passport-style photo'), {
    formats: ['jpeg', 'png'],
    maxSizeKb: 2048,
    maxCount: 1,
    note: l('白色背景，JPG/PNG，不超过 2 MB', 'white background, JPG/PNG, at most 2 MB'),
  });
export const businessLicence = (): MaterialSpec =>
  material('business-licence', l('营业执照', 'Business licence'), { maxCount: 1 });

export const ONLINE_STEPS: Bilingual[] = [
  l('网上申请', 'Apply online'),
  l('受理', 'Acceptance'),
  l('审查', 'Review'),
  l('决定', 'Decision'),
  l('电子证照送达', 'Electronic certificate delivered'),
];

export const REVIEW_ONE: Bilingual[] = [l('审查决定', 'Review and decision')];
export const REVIEW_TWO: Bilingual[] = [
  l('初审', 'First review'),
  l('复核决定', 'Second review and decision'),
];
export const REVIEW_THREE: Bilingual[] = [
  l('初审', 'First review'),
  l('现场核查', 'Site check'),
  l('审批决定', 'Approval decision'),
];

export interface SeedMatter {
  code: string;
  guide: MatterGuide;
}

type GuideInput = Omit<MatterGuide, 'steps' | 'fee' | 'tags' | 'acceptDays' | 'reviewSteps'> &
  Partial<Pick<MatterGuide, 'steps' | 'fee' | 'tags' | 'acceptDays' | 'reviewSteps'>>;

export function matter(code: string, g: GuideInput): SeedMatter {
  return {
    code,
    guide: {
      ...g,
      steps: g.steps ?? ONLINE_STEPS,
      reviewSteps: g.reviewSteps ?? REVIEW_TWO,
      acceptDays: g.acceptDays ?? Math.min(2, g.promisedDays),
      fee: g.fee ?? { yuan: 0, note: l('不收费', 'Free of charge') },
      tags: g.tags ?? [],
    },
  };
}
