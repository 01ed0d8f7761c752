/**
 * 办事指南 The guide of a service matter (事项): what it is, who implements
 * it, the conditions, the materials with their formats and copies, the legal
 * and promised time limits in working days, fees, steps, how many visits in
 * person it needs (0: fully online, 全程网办), and the application form. Pure:
 * the rules an admin's new version must satisfy, and the vocabulary.
 */
import type { FieldIssue } from './errors.js';
import { FILE_FORMATS, type FileFormat } from './file-sniff.js';
import { type Bilingual, checkFormSchema, type FormSchema } from './form-schema.js';

export type { Bilingual } from './form-schema.js';

/** 事项类型 */
export const MATTER_TYPES = [
  'licence', // 行政许可
  'benefit', // 行政给付
  'confirmation', // 行政确认
  'filing', // 其他行政权力（备案）
  'public_service', // 公共服务
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];
export const MATTER_TYPE_LABELS: Record<MatterType, Bilingual> = {
  licence: { zh: '行政许可', en: 'Administrative licence' },
  benefit: { zh: '行政给付', en: 'Administrative benefit' },
  confirmation: { zh: '行政确认', en: 'Administrative confirmation' },
  filing: { zh: '其他行政权力（备案）', en: 'Filing (other administrative power)' },
  public_service: { zh: '公共服务', en: 'Public service' },
};

/** 服务对象 */
export const APPLICANT_KINDS = ['person', 'organisation', 'both'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const APPLICANT_KIND_LABELS: Record<ApplicantKind, Bilingual> = {
  person: { zh: '自然人', en: 'Individuals' },
  organisation: { zh: '法人', en: 'Organisations' },
  both: { zh: '自然人、法人', en: 'Individuals and organisations' },
};

/** 申请材料 */
export interface MaterialSpec {
  code: string;
  name: Bilingual;
  required: boolean;
  formats: FileFormat[];
  /** per file */
  maxSizeKb: number;
  /** files of this material an application may carry */
  maxCount: number;
  /** 份数: copies the guide asks for (1 electronic copy stands for each when filed online) */
  copies: number;
  /** 原件 (true) or 复印件 (false) */
  original: boolean;
  note?: Bilingual;
}

export interface MatterGuide {
  name: Bilingual;
  type: MatterType;
  /** the implementing department 实施主体, a unit code */
  departmentCode: string;
  applicantKind: ApplicantKind;
  summary: Bilingual;
  /** 受理条件 */
  conditions: Bilingual[];
  materials: MaterialSpec[];
  /** 法定办结时限, working days */
  legalDays: number;
  /** 承诺办结时限, working days from acceptance */
  promisedDays: number;
  /** 受理时限: working days from submission to accept, refuse or ask for corrections */
  acceptDays: number;
  /** 收费: 0 when free */
  fee: { yuan: number; note?: Bilingual };
  /** 办理流程, as the public sees it */
  steps: Bilingual[];
  /** 审查环节: the review stages between acceptance and the decision; the last one decides */
  reviewSteps: Bilingual[];
  /** 到现场次数: 0 means fully online */
  visits: number;
  /** 设定依据 */
  legalBasis: Bilingual[];
  /** 办理结果: the certificate or document issued */
  result: { name: Bilingual; validity?: Bilingual };
  tags: string[];
  form: FormSchema;
}

export const MATERIAL_CODE = /^[a-z][a-z0-9-]{1,39}$/;
export const MATTER_CODE = /^[a-z0-9-]{3,60}$/;
export const MAX_FILE_KB = 20 * 1024;
export const MAX_LEGAL_DAYS = 180;

function label(v: unknown): v is Bilingual {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  return typeof l.zh === 'string' && l.zh.trim() !== '' && typeof l.en === 'string' && l.en.trim() !== '';
}

function wholeIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/**
 * Checks a guide as a whole: labels in both languages, limits that make
 * sense together (promised ≤ legal, acceptance ≤ promised), unique material
 * codes, supported file formats and sizes, at least one review step, and a
 * valid form. Returns the guide with its form normalised, or the issues.
 */
export function checkGuide(guide: MatterGuide): { guide: MatterGuide | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (path: string, code: string, message: string) => issues.push({ path, code, message });
  for (const key of ['name', 'summary'] as const) {
    if (!label(guide[key])) issue(key, 'required', `${key} needs both zh and en`);
  }
  for (const key of ['conditions', 'steps', 'reviewSteps', 'legalBasis'] as const) {
    const list = guide[key];
    if (!Array.isArray(list)) issue(key, 'type', `${key} is a list`);
    else
      for (const [i, l] of list.entries()) {
        if (!label(l)) issue(`${key}.${i}`, 'required', 'needs both zh and en');
      }
  }
  if (!Array.isArray(guide.reviewSteps) || guide.reviewSteps.length === 0 || guide.reviewSteps.length > 6)
    issue('reviewSteps', 'length', 'between 1 and 6 review steps');
  if (!wholeIn(guide.legalDays, 1, MAX_LEGAL_DAYS))
    issue('legalDays', 'range', `legal days are 1–${MAX_LEGAL_DAYS} working days`);
  if (!wholeIn(guide.promisedDays, 1, MAX_LEGAL_DAYS))
    issue('promisedDays', 'range', 'promised days are a positive whole number');
  else if (typeof guide.legalDays === 'number' && guide.promisedDays > guide.legalDays)
    issue('promisedDays', 'too_long', 'the promised limit cannot exceed the legal limit');
  if (!wholeIn(guide.acceptDays, 1, 20)) issue('acceptDays', 'range', 'acceptance takes 1–20 working days');
  else if (typeof guide.promisedDays === 'number' && guide.acceptDays > guide.promisedDays)
    issue('acceptDays', 'too_long', 'acceptance cannot take longer than the promised limit');
  if (!wholeIn(guide.visits, 0, 5)) issue('visits', 'range', 'visits are 0–5');
  if (typeof guide.fee?.yuan !== 'number' || !(guide.fee.yuan >= 0) || guide.fee.yuan > 1_000_000)
    issue('fee.yuan', 'range', 'the fee is a non-negative amount in yuan');
  if (!label(guide.result?.name))
    issue('result.name', 'required', 'the result document needs a name in zh and en');
  checkMaterials(guide.materials, issue);
  const form = checkFormSchema(guide.form);
  for (const i of form.issues) issues.push({ ...i, path: i.path === '' ? 'form' : `form.${i.path}` });
  if (issues.length > 0 || !form.schema) return { guide: null, issues };
  return { guide: { ...guide, form: form.schema }, issues };
}

function checkMaterials(materials: unknown, issue: (p: string, c: string, m: string) => void): void {
  if (!Array.isArray(materials) || materials.length > 30) {
    issue('materials', 'type', 'materials is a list of at most 30');
    return;
  }
  const codes = new Set<string>();
  materials.forEach((m: MaterialSpec, i) => {
    const path = `materials.${i}`;
    if (typeof m?.code !== 'string' || !MATERIAL_CODE.test(m.code))
      issue(`${path}.code`, 'format', 'a material code is lowercase ASCII, digits and -');
    else if (codes.has(m.code)) issue(`${path}.code`, 'duplicate', `material code ${m.code} is used twice`);
    else codes.add(m.code);
    if (!label(m?.name)) issue(`${path}.name`, 'required', 'needs both zh and en');
    if (
      !Array.isArray(m?.formats) ||
      m.formats.length === 0 ||
      m.formats.some((f) => !FILE_FORMATS.includes(f))
    )
      issue(`${path}.formats`, 'enum', `formats are among ${FILE_FORMATS.join(', ')}`);
    if (!wholeIn(m?.maxSizeKb, 1, MAX_FILE_KB))
      issue(`${path}.maxSizeKb`, 'range', `1–${MAX_FILE_KB} KB per file`);
    if (!wholeIn(m?.maxCount, 1, 20)) issue(`${path}.maxCount`, 'range', '1–20 files');
    if (!wholeIn(m?.copies, 1, 10)) issue(`${path}.copies`, 'range', '1–10 copies');
    if (typeof m?.required !== 'boolean') issue(`${path}.required`, 'type', 'required is true or false');
    if (typeof m?.original !== 'boolean') issue(`${path}.original`, 'type', 'original is true or false');
    if (m?.note !== undefined && !label(m.note)) issue(`${path}.note`, 'required', 'needs both zh and en');
  });
}

/** Whether a matter is handled without any visit in person. */
export function isFullyOnline(guide: Pick<MatterGuide, 'visits'>): boolean {
  return guide.visits === 0;
}
