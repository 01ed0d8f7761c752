/**
 * Reading the handling history 办理过程 of an import row: an ordered list of
 * `{action, at, actor_role, unit, reason, data}`. Each entry is checked on
 * its own here (known action and role, a time not before the previous step,
 * the inputs its action needs in `data`); the replay then judges the whole
 * path against the lifecycle table.
 */
import type { Clock } from '../domain/decide.js';
import type { TicketAction } from '../domain/transitions.js';
import type { Role } from '../domain/vocabulary.js';
import { ACTION_KEYS, type ImportAction, type ImportTicket } from './format.js';
import type { Lookups } from './lookups.js';
import { absent, bool, type Issues, instant, isRecord, json, list, text } from './values.js';

/** Who takes each action when the row does not say. */
const DEFAULT_ROLE: Record<TicketAction, Role> = {
  intake: 'system',
  answer: 'agent',
  dispatch: 'dispatcher',
  sign: 'handler',
  return: 'handler',
  approve_return: 'dispatcher',
  reject_return: 'dispatcher',
  contact: 'handler',
  note: 'handler',
  request_extension: 'handler',
  approve_extension: 'dispatcher',
  reject_extension: 'dispatcher',
  request_co_unit: 'handler',
  add_co_unit: 'dispatcher',
  co_reply: 'handler',
  reply: 'handler',
  callback: 'dispatcher',
  reopen: 'dispatcher',
  merge: 'agent',
  invalidate: 'dispatcher',
  supervise: 'dispatcher',
  unsupervise: 'dispatcher',
  exempt: 'dispatcher',
  unexempt: 'dispatcher',
  yellow_card: 'system',
  red_card: 'system',
};

/** The keys `data` may carry, per action. */
const DATA_KEYS: Partial<Record<TicketAction, readonly string[]>> = {
  dispatch: ['main_unit', 'co_units'],
  return: ['suggested_unit'],
  request_extension: ['until'],
  approve_extension: ['until'],
  request_co_unit: ['units'],
  add_co_unit: ['units'],
  callback: ['reached', 'resolved', 'satisfaction', 'via'],
  merge: ['target'],
  supervise: ['automatic'],
  yellow_card: ['clock'],
  red_card: ['clock'],
};

const CLOCKS: ReadonlySet<string> = new Set(['sign', 'response', 'reply', 'callback']);
const VIAS: ReadonlySet<string> = new Set(['phone', 'link', 'import']);

export function unitRef(issues: Issues, lookups: Lookups, field: string, v: string): number | undefined {
  const found = lookups.unit(v);
  if (found.ok) {
    if (!found.value.active) {
      return issues.add(field, 'unit_inactive', `承办单位已停用：“${v}”`, `The unit is inactive: "${v}"`);
    }
    return found.value.id;
  }
  return found.ambiguous
    ? issues.add(
        field,
        'ambiguous_unit',
        `单位名称不唯一：“${v}”，请用单位代码`,
        `Ambiguous unit name "${v}": use its code`,
      )
    : issues.add(field, 'unknown_unit', `未知的承办单位：“${v}”`, `Unknown unit: "${v}"`);
}

function actorUnit(issues: Issues, lookups: Lookups, field: string, v: unknown): number | null | undefined {
  if (v === null) return null;
  const raw = text(issues, field, v);
  if (raw === undefined) return undefined;
  // A unit since closed down still acted then: the actor's unit need not be active.
  const found = lookups.unit(raw);
  if (found.ok) return found.value.id;
  return issues.add(
    field,
    found.ambiguous ? 'ambiguous_unit' : 'unknown_unit',
    `未知或不唯一的单位：“${raw}”`,
    `Unknown or ambiguous unit: "${raw}"`,
  );
}

function units(issues: Issues, lookups: Lookups, field: string, v: unknown): number[] | undefined {
  const names = list(issues, field, v);
  if (names === undefined) return undefined;
  return names.map((n, i) => unitRef(issues, lookups, `${field}[${i}]`, n) ?? 0);
}

/** Reads `data` into the action's inputs. */
function readData(
  issues: Issues,
  lookups: Lookups,
  f: string,
  a: ImportAction,
  data: Record<string, unknown>,
): void {
  const allowed = DATA_KEYS[a.action] ?? [];
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key))
      issues.add(
        `${f}.data.${key}`,
        'unknown_field',
        `“${a.action}”不接受 data.${key}`,
        `"${a.action}" takes no data.${key}`,
      );
  }
  const need = (key: string) => {
    if (absent(data[key]))
      issues.add(
        `${f}.data.${key}`,
        'required',
        `“${a.action}”需要 data.${key}`,
        `"${a.action}" needs data.${key}`,
      );
  };
  switch (a.action) {
    case 'dispatch': {
      const main = text(issues, `${f}.data.main_unit`, data.main_unit);
      if (main !== undefined) a.mainUnitId = unitRef(issues, lookups, `${f}.data.main_unit`, main) ?? 0;
      a.coUnitIds = units(issues, lookups, `${f}.data.co_units`, data.co_units);
      break;
    }
    case 'return': {
      const s = text(issues, `${f}.data.suggested_unit`, data.suggested_unit);
      if (s !== undefined) a.suggestedUnitId = unitRef(issues, lookups, `${f}.data.suggested_unit`, s) ?? 0;
      break;
    }
    case 'request_extension':
      need('until');
      a.until = instant(issues, `${f}.data.until`, data.until);
      break;
    case 'approve_extension':
      a.until = instant(issues, `${f}.data.until`, data.until);
      break;
    case 'add_co_unit':
      need('units');
      a.unitIds = units(issues, lookups, `${f}.data.units`, data.units);
      break;
    case 'request_co_unit':
      a.unitIds = units(issues, lookups, `${f}.data.units`, data.units);
      break;
    case 'callback': {
      need('reached');
      a.reached = bool(issues, `${f}.data.reached`, data.reached);
      a.resolved = bool(issues, `${f}.data.resolved`, data.resolved);
      const sat = text(issues, `${f}.data.satisfaction`, data.satisfaction);
      if (sat !== undefined) {
        a.satisfaction = lookups.satisfactions.get(sat.trim());
        if (!a.satisfaction)
          issues.add(
            `${f}.data.satisfaction`,
            'unknown_satisfaction',
            `未知的满意度：“${sat}”`,
            `Unknown satisfaction: "${sat}"`,
          );
      }
      const via = text(issues, `${f}.data.via`, data.via);
      if (via !== undefined && !VIAS.has(via))
        issues.add(
          `${f}.data.via`,
          'unknown_via',
          `回访方式应为 phone、link 或 import`,
          'via must be phone, link or import',
        );
      else if (via !== undefined) a.via = via as 'phone' | 'link' | 'import';
      break;
    }
    case 'merge':
      need('target');
      a.target = text(issues, `${f}.data.target`, data.target)?.trim();
      break;
    case 'supervise':
      a.automatic = bool(issues, `${f}.data.automatic`, data.automatic);
      if (a.automatic && a.role !== 'system')
        issues.add(
          `${f}.data.automatic`,
          'automatic_not_system',
          '只有系统（system）的督办是自动督办',
          'Only the system supervises automatically',
        );
      break;
    case 'yellow_card':
    case 'red_card': {
      need('clock');
      const clock = text(issues, `${f}.data.clock`, data.clock);
      if (clock !== undefined && !CLOCKS.has(clock))
        issues.add(
          `${f}.data.clock`,
          'unknown_clock',
          '时限应为 sign、response、reply 或 callback',
          'clock must be sign, response, reply or callback',
        );
      else if (clock !== undefined) a.clock = clock as Clock;
      break;
    }
    default:
      break;
  }
}

export function readHistory(
  issues: Issues,
  lookups: Lookups,
  v: unknown,
  receivedAt: Date,
): { intake: ImportTicket['intake']; actions: ImportAction[] } | undefined {
  const value = absent(v) ? [] : json(issues, 'history', v);
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    return issues.add('history', 'not_list', 'history 应为数组', 'history must be an array');
  let intake: ImportTicket['intake'] = null;
  const actions: ImportAction[] = [];
  let previous = receivedAt;
  const before = issues.list.length;
  value.forEach((entry: unknown, i) => {
    const f = `history[${i}]`;
    if (!isRecord(entry)) {
      issues.add(f, 'not_object', `${f} 应为对象`, `${f} must be an object`);
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!ACTION_KEYS.has(key))
        issues.add(`${f}.${key}`, 'unknown_field', `${f} 的未知字段 ${key}`, `Unknown field ${key} in ${f}`);
    }
    const rawAction = text(issues, `${f}.action`, entry.action);
    const action = rawAction === undefined ? undefined : lookups.actions.get(rawAction.trim());
    if (action === undefined) {
      issues.add(
        `${f}.action`,
        'unknown_action',
        `未知的办理环节：“${rawAction ?? ''}”`,
        `Unknown action: "${rawAction ?? ''}"`,
      );
      return;
    }
    const at = instant(issues, `${f}.at`, entry.at);
    if (absent(entry.at)) issues.add(`${f}.at`, 'required', `${f} 缺少时间 at`, `${f} needs a time (at)`);
    if (at && at.getTime() < previous.getTime()) {
      issues.add(
        `${f}.at`,
        'out_of_order',
        `${f} 的时间早于上一环节（${previous.toISOString()}）`,
        `${f} is dated before the step before it (${previous.toISOString()})`,
      );
    }
    if (at && at.getTime() >= previous.getTime()) previous = at;
    const rawRole = text(issues, `${f}.actor_role`, entry.actor_role);
    const role = rawRole === undefined ? DEFAULT_ROLE[action] : lookups.roles.get(rawRole.trim());
    if (role === undefined)
      issues.add(`${f}.actor_role`, 'unknown_role', `未知的角色：“${rawRole}”`, `Unknown role: "${rawRole}"`);
    const unitId = actorUnit(issues, lookups, `${f}.unit`, entry.unit);
    const reason = text(issues, `${f}.reason`, entry.reason);
    if (!at || !role) return;
    if (action === 'intake') {
      if (i !== 0)
        issues.add(
          `${f}.action`,
          'intake_not_first',
          '受理（intake）只能是第一个环节',
          'intake can only be the first step',
        );
      if (at.getTime() !== receivedAt.getTime())
        issues.add(
          `${f}.at`,
          'intake_time',
          '受理环节的时间应等于 received_at',
          'The intake step must be dated received_at',
        );
      intake = { role, unitId: unitId ?? null, at };
      return;
    }
    const a: ImportAction = { index: i, action, at, role, unitId, reason };
    const data = json(issues, `${f}.data`, entry.data);
    if (data !== undefined && !isRecord(data))
      issues.add(`${f}.data`, 'not_object', `${f}.data 应为对象`, `${f}.data must be an object`);
    readData(issues, lookups, f, a, isRecord(data) ? data : {});
    actions.push(a);
  });
  return issues.list.length > before ? undefined : { intake, actions };
}
