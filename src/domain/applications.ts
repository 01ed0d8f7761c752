/**
 * 办件状态 The lifecycle of an online application as data, like the ticket
 * table in ./transitions.ts: which action moves an application from which
 * statuses to which, who may take it and on whose behalf. `decideApplication`
 * is the only reader; tests enumerate the table exhaustively.
 *
 *   draft → submitted → in_review (受理) → approved → certified
 *                     ↘ not_accepted (不予受理)     ↘ refused (不予许可)
 *                     ↘ correction_requested (补正) → submitted …
 *   draft, submitted, correction_requested, in_review → withdrawn (撤回)
 */
import { AppError } from './errors.js';
import type { Bilingual } from './form-schema.js';
import type { Role } from './vocabulary.js';

export const APPLICATION_STATUSES = [
  'draft', // 草稿
  'submitted', // 已提交（待受理）
  'correction_requested', // 待补正
  'not_accepted', // 不予受理
  'in_review', // 审查中（已受理）
  'approved', // 准予许可（待出证）
  'refused', // 不予许可
  'certified', // 已出证（办结）
  'withdrawn', // 已撤回
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, Bilingual> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待受理', en: 'Submitted' },
  correction_requested: { zh: '待补正', en: 'Correction requested' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  in_review: { zh: '审查中', en: 'In review' },
  approved: { zh: '准予办理待出证', en: 'Approved' },
  refused: { zh: '不予办理', en: 'Refused' },
  certified: { zh: '已出证办结', en: 'Certificate issued' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** 办结: the statuses a matter is completed in, and rated (好差评) after. */
export const COMPLETED_STATUSES: readonly ApplicationStatus[] = ['not_accepted', 'refused', 'certified'];
export const FINAL_STATUSES: readonly ApplicationStatus[] = [...COMPLETED_STATUSES, 'withdrawn'];

export const APPLICATION_ACTIONS = [
  'create', // 新建申请
  'edit', // 填写表单
  'upload', // 上传材料
  'remove_file', // 删除材料
  'submit', // 提交 / 补正后重新提交
  'withdraw', // 撤回
  'accept', // 受理
  'not_accept', // 不予受理
  'request_correction', // 一次性告知补正
  'advance', // 完成审查环节
  'approve', // 准予
  'refuse', // 不予许可
  'issue_certificate', // 出具电子证照
  'yellow_card', // 临期预警
  'red_card', // 超期
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, Bilingual> = {
  create: { zh: '新建申请', en: 'Create' },
  edit: { zh: '填写表单', en: 'Fill in the form' },
  upload: { zh: '上传材料', en: 'Upload a material' },
  remove_file: { zh: '删除材料', en: 'Remove a material' },
  submit: { zh: '提交申请', en: 'Submit' },
  withdraw: { zh: '撤回申请', en: 'Withdraw' },
  accept: { zh: '受理', en: 'Accept' },
  not_accept: { zh: '不予受理', en: 'Do not accept' },
  request_correction: { zh: '要求补正', en: 'Request corrections' },
  advance: { zh: '完成审查环节', en: 'Complete review step' },
  approve: { zh: '准予办理', en: 'Approve' },
  refuse: { zh: '不予办理', en: 'Refuse' },
  issue_certificate: { zh: '出具电子证照', en: 'Issue certificate' },
  yellow_card: { zh: '临期预警', en: 'Deadline warning' },
  red_card: { zh: '超期', en: 'Overdue' },
};

/**
 * applicant: the applicant's own account, or the village agent who filed it
 * (with a valid authorisation); department: a reviewer of the department
 * that implements the matter; any: whoever holds the role.
 */
export type ApplicationScope = 'any' | 'applicant' | 'department';

export interface ApplicationRule {
  action: ApplicationAction;
  /** null only for create */
  from: readonly ApplicationStatus[] | null;
  to: ApplicationStatus | 'same';
  roles: readonly Role[];
  scope: ApplicationScope;
  reasonRequired: boolean;
}

const FILERS: readonly Role[] = ['citizen', 'village_agent'];
const EDITABLE: readonly ApplicationStatus[] = ['draft', 'correction_requested'];
const RUNNING: readonly ApplicationStatus[] = ['submitted', 'in_review', 'approved'];

function rule(
  action: ApplicationAction,
  from: readonly ApplicationStatus[] | null,
  to: ApplicationStatus | 'same',
  roles: readonly Role[],
  scope: ApplicationScope,
  reasonRequired = false,
): ApplicationRule {
  return { action, from, to, roles, scope, reasonRequired };
}

export const APPLICATION_RULES: readonly ApplicationRule[] = [
  rule('create', null, 'draft', FILERS, 'any'),
  rule('edit', EDITABLE, 'same', FILERS, 'applicant'),
  rule('upload', EDITABLE, 'same', FILERS, 'applicant'),
  rule('remove_file', EDITABLE, 'same', FILERS, 'applicant'),
  rule('submit', EDITABLE, 'submitted', FILERS, 'applicant'),
  rule(
    'withdraw',
    ['draft', 'submitted', 'correction_requested', 'in_review'],
    'withdrawn',
    FILERS,
    'applicant',
  ),
  rule('accept', ['submitted'], 'in_review', ['reviewer'], 'department'),
  rule('not_accept', ['submitted'], 'not_accepted', ['reviewer'], 'department', true),
  rule('request_correction', ['submitted'], 'correction_requested', ['reviewer'], 'department', true),
  rule('advance', ['in_review'], 'same', ['reviewer'], 'department'),
  rule('approve', ['in_review'], 'approved', ['reviewer'], 'department'),
  rule('refuse', ['in_review'], 'refused', ['reviewer'], 'department', true),
  rule('issue_certificate', ['approved'], 'certified', ['reviewer'], 'department'),
  rule('yellow_card', RUNNING, 'same', ['system'], 'any'),
  rule('red_card', RUNNING, 'same', ['system'], 'any'),
];

const BY_ACTION = new Map(APPLICATION_RULES.map((r) => [r.action, r]));

export function applicationRuleFor(action: ApplicationAction): ApplicationRule {
  const found = BY_ACTION.get(action);
  if (!found) throw new Error(`no application rule for ${action}`);
  return found;
}

/** A village agent's recorded authorisation 代办授权, as the rules need it. */
export interface AuthorisationFacts {
  matterId: number;
  validFrom: Date;
  validUntil: Date;
  withdrawnAt: Date | null;
}

export interface ApplicationSnapshot {
  status: ApplicationStatus;
  matterId: number;
  departmentId: number;
  applicantUserId: number | null;
  filedByUserId: number;
  filedByRole: 'citizen' | 'village_agent';
  authorisation: AuthorisationFacts | null;
  /** index of the current review step, 0-based */
  reviewStep: number;
  reviewStepCount: number;
}

export interface ApplicationActor {
  role: Role;
  userId: number | null;
  unitIds: readonly number[];
}

/** What one item of a 补正 notice asks for: a form field or a material, and what is wrong. */
export interface CorrectionItem {
  field?: string;
  material?: string;
  note: string;
}

export type ApplicationInput =
  | { action: 'create'; matterId: number; authorisation: AuthorisationFacts | null }
  | {
      action: 'edit' | 'upload' | 'remove_file' | 'submit' | 'accept' | 'approve' | 'issue_certificate';
      reason?: string;
    }
  | { action: 'withdraw' | 'advance'; reason?: string }
  | { action: 'not_accept' | 'refuse'; reason: string }
  | { action: 'request_correction'; reason: string; items: readonly CorrectionItem[] }
  | { action: 'yellow_card' | 'red_card'; clock: string };

export interface ApplicationDecision {
  rule: ApplicationRule;
  to: ApplicationStatus;
  reason: string | null;
  /** the review step after the action */
  reviewStep: number;
}

/** Is the authorisation in force at `now`, for this matter? Throws the precise refusal otherwise. */
export function checkAuthorisation(a: AuthorisationFacts | null, matterId: number, now: Date): void {
  if (!a) throw new AppError('AUTHORISATION_REQUIRED');
  if (a.withdrawnAt !== null) throw new AppError('AUTHORISATION_WITHDRAWN');
  if (a.matterId !== matterId) throw new AppError('AUTHORISATION_WRONG_MATTER');
  if (now.getTime() < a.validFrom.getTime() || now.getTime() > a.validUntil.getTime())
    throw new AppError('AUTHORISATION_EXPIRED');
}

/** Whether the actor acts as the applicant: the applicant's account, or the agent who filed it. */
export function actsAsApplicant(actor: ApplicationActor, app: ApplicationSnapshot): boolean {
  if (actor.userId === null) return false;
  if (actor.role === 'village_agent')
    return app.filedByRole === 'village_agent' && app.filedByUserId === actor.userId;
  return actor.role === 'citizen' && app.applicantUserId === actor.userId;
}

/**
 * Judge `input` on `app` by `actor` at `now` (app null for create). Checks
 * run in a fixed order: role, status, scope, the agent's authorisation,
 * reason, then the action's own guards.
 */
export function decideApplication(
  app: ApplicationSnapshot | null,
  input: ApplicationInput,
  actor: ApplicationActor,
  now: Date,
): ApplicationDecision {
  const rule = applicationRuleFor(input.action);
  if (!rule.roles.includes(actor.role))
    throw new AppError('APPLICATION_ROLE_NOT_ALLOWED', { role: actor.role, action: input.action });
  if (input.action === 'create') {
    if (actor.role === 'village_agent') checkAuthorisation(input.authorisation, input.matterId, now);
    return { rule, to: 'draft', reason: null, reviewStep: 0 };
  }
  if (app === null || rule.from === null || !rule.from.includes(app.status)) {
    throw new AppError('APPLICATION_TRANSITION_NOT_ALLOWED', {
      status: app?.status ?? 'none',
      action: input.action,
    });
  }
  if (rule.scope === 'applicant' && !actsAsApplicant(actor, app))
    throw new AppError('APPLICATION_NOT_APPLICANT');
  if (rule.scope === 'department' && !actor.unitIds.includes(app.departmentId))
    throw new AppError('APPLICATION_NOT_DEPARTMENT');
  // An agent acts only while the villager's authorisation is in force; withdrawing is always allowed.
  if (actor.role === 'village_agent' && input.action !== 'withdraw')
    checkAuthorisation(app.authorisation, app.matterId, now);
  const text = 'reason' in input ? (input.reason?.trim() ?? '') : '';
  const reason = text === '' ? null : text;
  if (rule.reasonRequired && reason === null) throw new AppError('REASON_REQUIRED', { action: input.action });
  let reviewStep = app.reviewStep;
  if (input.action === 'request_correction' && input.items.length === 0)
    throw new AppError('CORRECTION_ITEMS_REQUIRED');
  if (input.action === 'advance') {
    if (app.reviewStep >= app.reviewStepCount - 1) throw new AppError('REVIEW_STEP_LAST');
    reviewStep = app.reviewStep + 1;
  }
  if (input.action === 'approve' && app.reviewStep < app.reviewStepCount - 1)
    throw new AppError('REVIEW_STEPS_PENDING', { step: app.reviewStep + 1, steps: app.reviewStepCount });
  const to = rule.to === 'same' ? app.status : rule.to;
  return { rule, to, reason, reviewStep };
}
