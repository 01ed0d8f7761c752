/**
 * The incident lifecycle 事件处置流程 as data — which action moves an
 * incident from which statuses to which, who may take it, whether a reason
 * is required — and `decideIncident()`, its only reader. Pure: the use cases
 * in src/services/emergency lock the row, call it, and persist the outcome.
 */
import type { Actor, EventData } from '../decide.js';
import { AppError } from '../errors.js';
import type { Label, Role } from '../vocabulary.js';
import {
  INCIDENT_LEVELS,
  INCIDENT_TYPES,
  type IncidentLevel,
  type IncidentStatus,
  isIncidentLevel,
  isIncidentType,
  OPEN_INCIDENT_STATUSES,
} from './vocabulary.js';

export const INCIDENT_ACTIONS = [
  'report', // 报告
  'confirm', // 核实
  'respond', // 启动处置
  'contain', // 控制
  'resume', // 恢复处置（险情反复）
  'close', // 结束
  'change_level', // 调整级别
  'link_ticket', // 关联工单
  'note', // 处置记录
  'notify', // 通知值班人员
  'acknowledge', // 确认收到
  'chain_exhausted', // 上报链已到顶仍无人确认
] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export const INCIDENT_ACTION_LABELS: Record<IncidentAction, Label> = {
  report: { zh: '报告', en: 'Report' },
  confirm: { zh: '核实', en: 'Confirm' },
  respond: { zh: '启动处置', en: 'Start response' },
  contain: { zh: '已控制', en: 'Contained' },
  resume: { zh: '恢复处置', en: 'Resume response' },
  close: { zh: '结束', en: 'Close' },
  change_level: { zh: '调整级别', en: 'Change level' },
  link_ticket: { zh: '关联工单', en: 'Link ticket' },
  note: { zh: '处置记录', en: 'Note' },
  notify: { zh: '通知值班', en: 'Notify duty' },
  acknowledge: { zh: '确认收到', en: 'Acknowledge' },
  chain_exhausted: { zh: '逐级上报无人确认', en: 'Chain exhausted' },
};

/**
 * any: whoever holds the role; lead_unit: the command centre, or someone of
 * the incident's lead unit 牵头单位 (or a unit above it, for a unit lead).
 */
export type IncidentScope = 'any' | 'lead_unit';

export interface IncidentRule {
  action: IncidentAction;
  /** null only for report, which creates the incident */
  from: readonly IncidentStatus[] | null;
  to: IncidentStatus | 'same';
  roles: readonly Role[];
  scope: IncidentScope;
  reasonRequired: boolean;
}

/** Staff of the hotline centre and district leadership act as the command centre 指挥中心. */
export const CENTRE_ROLES: readonly Role[] = ['agent', 'dispatcher', 'supervisor'];
const UNIT_STAFF: readonly Role[] = ['handler', 'unit_lead'];
const RESPONDERS: readonly Role[] = ['dispatcher', 'supervisor', ...UNIT_STAFF];
const OPEN = OPEN_INCIDENT_STATUSES;
/** Anyone notified may acknowledge, whatever their role: the notice itself is the check. */
const ANY_STAFF: readonly Role[] = ['agent', 'dispatcher', 'supervisor', 'handler', 'unit_lead', 'admin'];

function rule(
  action: IncidentAction,
  from: readonly IncidentStatus[] | null,
  to: IncidentStatus | 'same',
  roles: readonly Role[],
  extra: Partial<Pick<IncidentRule, 'scope' | 'reasonRequired'>> = {},
): IncidentRule {
  return {
    action,
    from,
    to,
    roles,
    scope: extra.scope ?? 'any',
    reasonRequired: extra.reasonRequired ?? false,
  };
}

export const INCIDENT_TRANSITIONS: readonly IncidentRule[] = [
  rule('report', null, 'reported', [...CENTRE_ROLES, ...UNIT_STAFF]),
  rule('confirm', ['reported'], 'confirmed', RESPONDERS, { scope: 'lead_unit' }),
  // Responders often move before anyone has confirmed: a gas smell is acted on at once.
  rule('respond', ['reported', 'confirmed'], 'responding', RESPONDERS, { scope: 'lead_unit' }),
  rule('contain', ['responding'], 'contained', RESPONDERS, { scope: 'lead_unit' }),
  rule('resume', ['contained'], 'responding', RESPONDERS, { scope: 'lead_unit', reasonRequired: true }),
  // Closing says how it ended (or that it was a false alarm 误报): the report needs it.
  rule('close', OPEN, 'closed', ['dispatcher', 'supervisor', 'unit_lead'], {
    scope: 'lead_unit',
    reasonRequired: true,
  }),
  rule('change_level', OPEN, 'same', ['dispatcher', 'supervisor', 'unit_lead'], {
    scope: 'lead_unit',
    reasonRequired: true,
  }),
  rule('link_ticket', OPEN, 'same', CENTRE_ROLES),
  rule('note', OPEN, 'same', RESPONDERS, { scope: 'lead_unit', reasonRequired: true }),
  rule('notify', OPEN, 'same', ['system']),
  rule('acknowledge', OPEN, 'same', ANY_STAFF),
  rule('chain_exhausted', OPEN, 'same', ['system']),
];

const BY_ACTION = new Map(INCIDENT_TRANSITIONS.map((r) => [r.action, r]));

export function incidentRuleFor(action: IncidentAction): IncidentRule {
  const found = BY_ACTION.get(action);
  if (!found) throw new Error(`no incident rule for ${action}`);
  return found;
}

/** What the domain needs to know about an incident to judge an action. */
export interface IncidentSnapshot {
  status: IncidentStatus;
  level: IncidentLevel;
  leadUnitId: number | null;
  drill: boolean;
}

export interface IncidentActor extends Actor {
  /** the actor is the command centre: a centre role, or staff of the centre unit */
  centre: boolean;
}

export type IncidentInput =
  | { action: 'report'; type: string; level: string; drill: boolean; reason?: string }
  | { action: 'confirm' | 'respond' | 'contain'; reason?: string }
  | { action: 'resume' | 'close' | 'note'; reason: string }
  | { action: 'change_level'; level: string; reason?: string }
  | { action: 'link_ticket'; ticketId: number; reason?: string }
  | { action: 'notify'; linkIndex: number; round: number; reason?: string }
  | { action: 'acknowledge'; reason?: string }
  | { action: 'chain_exhausted'; round: number; reason?: string };

export interface IncidentEvent {
  action: IncidentAction;
  fromStatus: IncidentStatus | null;
  toStatus: IncidentStatus;
  reason: string | null;
  data: EventData;
}

export interface IncidentDecision {
  rule: IncidentRule;
  to: IncidentStatus;
  event: IncidentEvent;
}

function normaliseReason(reason: string | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function inScope(rule: IncidentRule, incident: IncidentSnapshot | null, actor: IncidentActor): boolean {
  if (rule.scope === 'any' || incident === null || actor.centre) return true;
  if (CENTRE_ROLES.includes(actor.role)) return true;
  return incident.leadUnitId !== null && actor.unitIds.includes(incident.leadUnitId);
}

/**
 * Judge `input` on `incident` (null for a report) by `actor`. Checks run in a
 * fixed order so the error a client gets is predictable: role, status, lead
 * unit, reason, then the action's own guards (type, level).
 */
export function decideIncident(
  incident: IncidentSnapshot | null,
  input: IncidentInput,
  actor: IncidentActor,
): IncidentDecision {
  const rule = incidentRuleFor(input.action);
  if (!rule.roles.includes(actor.role)) {
    throw new AppError('INCIDENT_ROLE_NOT_ALLOWED', { role: actor.role, action: input.action });
  }
  const from = incident?.status ?? null;
  if (rule.from === null) {
    if (incident !== null)
      throw new AppError('INCIDENT_TRANSITION_NOT_ALLOWED', { status: from ?? '', action: input.action });
  } else if (from === null || !rule.from.includes(from)) {
    throw new AppError('INCIDENT_TRANSITION_NOT_ALLOWED', { status: from ?? 'none', action: input.action });
  }
  if (!inScope(rule, incident, actor)) throw new AppError('INCIDENT_NOT_LEAD_UNIT', { action: input.action });
  const reason = normaliseReason(input.reason);
  if (rule.reasonRequired && reason === null) throw new AppError('REASON_REQUIRED', { action: input.action });
  const data = guard(incident, input);
  const to = rule.to === 'same' ? (from as IncidentStatus) : rule.to;
  return { rule, to, event: { action: input.action, fromStatus: from, toStatus: to, reason, data } };
}

function checkType(type: string): void {
  if (!isIncidentType(type))
    throw new AppError('INCIDENT_TYPE_UNKNOWN', { type, types: INCIDENT_TYPES.join(', ') });
}

function checkLevel(level: string): asserts level is IncidentLevel {
  if (!isIncidentLevel(level)) {
    throw new AppError('INCIDENT_LEVEL_UNKNOWN', { level, levels: INCIDENT_LEVELS.join(', ') });
  }
}

function guard(incident: IncidentSnapshot | null, input: IncidentInput): EventData {
  switch (input.action) {
    case 'report':
      checkType(input.type);
      checkLevel(input.level);
      return { type: input.type, level: input.level, drill: input.drill };
    case 'change_level':
      checkLevel(input.level);
      if (incident && incident.level === input.level) {
        throw new AppError('INCIDENT_LEVEL_UNCHANGED', { level: input.level });
      }
      return { from: incident?.level ?? null, to: input.level };
    case 'link_ticket':
      if (incident?.drill) throw new AppError('INCIDENT_DRILL_NO_TICKETS');
      return { ticketId: input.ticketId };
    case 'notify':
      return { round: input.round, link: input.linkIndex };
    case 'chain_exhausted':
      return { round: input.round };
    default:
      return {};
  }
}
