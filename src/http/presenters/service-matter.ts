/**
 * 办事指南 on the wire: a catalogue entry (summary) and a whole guide with its
 * form, in both languages, with vocabulary labels beside the codes.
 */
import type { MatterVersion } from '../../db/repositories/service-matters.js';
import { FILE_FORMATS, MEDIA_TYPES } from '../../domain/file-sniff.js';
import {
  APPLICANT_KIND_LABELS,
  isFullyOnline,
  MATTER_TYPE_LABELS,
  type MatterType,
} from '../../domain/service-matters.js';
import type { ReferenceData } from '../../services/reference-cache.js';

function department(ref: ReferenceData, id: number) {
  const unit = ref.units.get(id);
  return { id, code: unit?.code ?? '', name: { zh: unit?.name ?? '', en: unit?.name_en ?? '' } };
}

export function presentMatterSummary(m: MatterVersion, ref: ReferenceData) {
  const g = m.guide;
  return {
    code: m.matter.code,
    version: m.row.version,
    currentVersion: m.matter.current_version,
    active: m.matter.active,
    name: g.name,
    type: g.type,
    typeLabel: MATTER_TYPE_LABELS[g.type as MatterType] ?? { zh: g.type, en: g.type },
    department: department(ref, m.row.department_id),
    applicantKind: g.applicantKind,
    applicantKindLabel: APPLICANT_KIND_LABELS[g.applicantKind],
    summary: g.summary,
    legalDays: g.legalDays,
    promisedDays: g.promisedDays,
    visits: g.visits,
    fullyOnline: isFullyOnline(g),
    fee: g.fee,
    tags: g.tags,
  };
}

export function presentMatter(m: MatterVersion, ref: ReferenceData) {
  const g = m.guide;
  return {
    ...presentMatterSummary(m, ref),
    acceptDays: g.acceptDays,
    conditions: g.conditions,
    materials: g.materials.map((x) => ({
      ...x,
      mediaTypes: x.formats.map((f) => MEDIA_TYPES[f]),
    })),
    steps: g.steps,
    reviewSteps: g.reviewSteps,
    legalBasis: g.legalBasis,
    result: g.result,
    form: g.form,
    publishedAt: m.row.created_at,
    note: m.row.note,
  };
}

export const FILE_FORMAT_LIST = FILE_FORMATS.map((f) => ({ format: f, mediaType: MEDIA_TYPES[f] }));
