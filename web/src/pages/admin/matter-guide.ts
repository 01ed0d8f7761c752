/**
 * A matter's guide as the editor holds it — texts in inputs, bilingual lists
 * as one line per item in each language, the form schema as JSON text — and
 * back to the guide the admin API takes (src/http/schemas/services.ts
 * `guideBody`, strict: only its keys).
 */
import type { FormSchema } from '@domain/form-schema';
import type { MatterGuide as DomainGuide } from '@domain/service-matters';
import type { FileFormat, MatterGuide } from '../../api/services-types';

export interface MaterialRow {
  code: string;
  zh: string;
  en: string;
  required: boolean;
  formats: FileFormat[];
  maxSizeKb: string;
  maxCount: string;
  copies: string;
  original: boolean;
  noteZh: string;
  noteEn: string;
}

export interface GuideDraft {
  nameZh: string;
  nameEn: string;
  type: string;
  departmentCode: string;
  applicantKind: string;
  summaryZh: string;
  summaryEn: string;
  legalDays: string;
  promisedDays: string;
  acceptDays: string;
  visits: string;
  feeYuan: string;
  feeNoteZh: string;
  feeNoteEn: string;
  resultZh: string;
  resultEn: string;
  validityZh: string;
  validityEn: string;
  tags: string;
  lists: Record<ListKey, { zh: string; en: string }>;
  materials: MaterialRow[];
  form: string;
  note: string;
}

export const LIST_KEYS = ['conditions', 'steps', 'reviewSteps', 'legalBasis'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export function draftOfGuide(g: MatterGuide): GuideDraft {
  const list = (items: { zh: string; en: string }[]) => ({
    zh: items.map((x) => x.zh).join('\n'),
    en: items.map((x) => x.en).join('\n'),
  });
  return {
    nameZh: g.name.zh,
    nameEn: g.name.en,
    type: g.type,
    departmentCode: g.department.code,
    applicantKind: g.applicantKind,
    summaryZh: g.summary.zh,
    summaryEn: g.summary.en,
    legalDays: String(g.legalDays),
    promisedDays: String(g.promisedDays),
    acceptDays: String(g.acceptDays),
    visits: String(g.visits),
    feeYuan: String(g.fee.yuan),
    feeNoteZh: g.fee.note?.zh ?? '',
    feeNoteEn: g.fee.note?.en ?? '',
    resultZh: g.result.name.zh,
    resultEn: g.result.name.en,
    validityZh: g.result.validity?.zh ?? '',
    validityEn: g.result.validity?.en ?? '',
    tags: g.tags.join(', '),
    lists: {
      conditions: list(g.conditions),
      steps: list(g.steps),
      reviewSteps: list(g.reviewSteps),
      legalBasis: list(g.legalBasis),
    },
    materials: g.materials.map((m) => ({
      code: m.code,
      zh: m.name.zh,
      en: m.name.en,
      required: m.required,
      formats: [...m.formats],
      maxSizeKb: String(m.maxSizeKb),
      maxCount: String(m.maxCount),
      copies: String(m.copies),
      original: m.original,
      noteZh: m.note?.zh ?? '',
      noteEn: m.note?.en ?? '',
    })),
    form: JSON.stringify(g.form, null, 2),
    note: '',
  };
}

/** Lists whose Chinese and English lines do not pair up (each item needs both). */
export function unpairedLists(d: GuideDraft): ListKey[] {
  return LIST_KEYS.filter((k) => lines(d.lists[k].zh).length !== lines(d.lists[k].en).length);
}

function pair(zh: string, en: string): { zh: string; en: string } | undefined {
  return zh.trim() || en.trim() ? { zh: zh.trim(), en: en.trim() } : undefined;
}

/** The guide of the draft, or the JSON error of its form schema. */
export function guideOfDraft(d: GuideDraft): { guide: DomainGuide } | { formError: string } {
  let form: unknown;
  try {
    form = JSON.parse(d.form);
  } catch (e) {
    return { formError: e instanceof Error ? e.message : String(e) };
  }
  const items = (k: ListKey) => {
    const zh = lines(d.lists[k].zh);
    const en = lines(d.lists[k].en);
    return zh.map((x, i) => ({ zh: x, en: en[i] ?? '' }));
  };
  const feeNote = pair(d.feeNoteZh, d.feeNoteEn);
  const validity = pair(d.validityZh, d.validityEn);
  return {
    guide: {
      name: { zh: d.nameZh.trim(), en: d.nameEn.trim() },
      type: d.type as DomainGuide['type'],
      departmentCode: d.departmentCode,
      applicantKind: d.applicantKind as DomainGuide['applicantKind'],
      summary: { zh: d.summaryZh.trim(), en: d.summaryEn.trim() },
      conditions: items('conditions'),
      materials: d.materials.map((m) => {
        const note = pair(m.noteZh, m.noteEn);
        return {
          code: m.code.trim(),
          name: { zh: m.zh.trim(), en: m.en.trim() },
          required: m.required,
          formats: m.formats,
          maxSizeKb: Number(m.maxSizeKb),
          maxCount: Number(m.maxCount),
          copies: Number(m.copies),
          original: m.original,
          ...(note ? { note } : {}),
        };
      }),
      legalDays: Number(d.legalDays),
      promisedDays: Number(d.promisedDays),
      acceptDays: Number(d.acceptDays),
      fee: { yuan: Number(d.feeYuan), ...(feeNote ? { note: feeNote } : {}) },
      steps: items('steps'),
      reviewSteps: items('reviewSteps'),
      visits: Number(d.visits),
      legalBasis: items('legalBasis'),
      result: { name: { zh: d.resultZh.trim(), en: d.resultEn.trim() }, ...(validity ? { validity } : {}) },
      tags: d.tags
        .split(/[\s,，、]+/)
        .map((x) => x.trim())
        .filter(Boolean),
      form: form as FormSchema,
    },
  };
}

export const EMPTY_MATERIAL: MaterialRow = {
  code: '',
  zh: '',
  en: '',
  required: true,
  formats: ['pdf', 'jpeg', 'png'],
  maxSizeKb: '5120',
  maxCount: '1',
  copies: '1',
  original: true,
  noteZh: '',
  noteEn: '',
};
