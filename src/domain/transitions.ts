/**
 * The ticket lifecycle of SPEC.md as data: which action moves a ticket from
 * which states to which state, and who may take it. `decide()` in
 * ./decide.ts is the only reader; tests enumerate this table exhaustively.
 */
import type { Label, Role, TicketState } from './vocabulary.js';

export const TICKET_ACTIONS = [
  'intake', // 受理
  'answer', // 直接办结
  'dispatch', // 派单
  'sign', // 签收
  'return', // 退单
  'approve_return', // 同意退单
  'reject_return', // 驳回退单
  'contact', // 联系诉求人（首次响应）
  'note', // 办理记录
  'request_extension', // 申请延期
  'approve_extension', // 同意延期
  'reject_extension', // 驳回延期
  'request_co_unit', // 申请协办
  'add_co_unit', // 增派协办单位
  'co_reply', // 协办反馈
  'reply', // 办结反馈
  'callback', // 回访
  'reopen', // 重办
  'merge', // 合并
  'invalidate', // 无效（恶意/重复骚扰）
  'supervise', // 督办
  'unsupervise', // 取消督办
  'exempt', // 不纳入考核
  'unexempt', // 恢复考核
  'yellow_card', // 黄牌预警
  'red_card', // 红牌超期
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const ACTION_LABELS: Record<TicketAction, Label> = {
  intake: { zh: '受理', en: 'Intake' },
  answer: { zh: '直接办结', en: 'Answer directly' },
  dispatch: { zh: '派单', en: 'Dispatch' },
  sign: { zh: '签收', en: 'Sign' },
  return: { zh: '退单', en: 'Return' },
  approve_return: { zh: '同意退单', en: 'Approve return' },
  reject_return: { zh: '驳回退单', en: 'Reject return' },
  contact: { zh: '联系诉求人', en: 'Contact citizen' },
  note: { zh: '办理记录', en: 'Progress note' },
  request_extension: { zh: '申请延期', en: 'Request extension' },
  approve_extension: { zh: '同意延期', en: 'Approve extension' },
  reject_extension: { zh: '驳回延期', en: 'Reject extension' },
  request_co_unit: { zh: '申请协办', en: 'Request co-handler' },
  add_co_unit: { zh: '增派协办单位', en: 'Add co-handling unit' },
  co_reply: { zh: '协办反馈', en: 'Co-handler reply' },
  reply: { zh: '办结反馈', en: 'Reply' },
  callback: { zh: '回访', en: 'Callback' },
  reopen: { zh: '重办', en: 'Reopen' },
  merge: { zh: '合并', en: 'Merge' },
  invalidate: { zh: '标记无效', en: 'Mark invalid' },
  supervise: { zh: '督办', en: 'Supervise' },
  unsupervise: { zh: '取消督办', en: 'End supervision' },
  exempt: { zh: '不纳入考核', en: 'Exempt from assessment' },
  unexempt: { zh: '恢复考核', en: 'Restore assessment' },
  yellow_card: { zh: '黄牌预警', en: 'Yellow card' },
  red_card: { zh: '红牌超期', en: 'Red card' },
};

/** Who must the actor act for: the main unit, a co-handling unit, or anyone holding the role. */
export type Scope = 'any' | 'main_unit' | 'co_unit';

export interface TransitionRule {
  action: TicketAction;
  /** states the action may start from; `null` only for intake, which creates the ticket */
  from: readonly TicketState[] | null;
  /** the state after the action; `same` for flags and records that leave the state alone */
  to: TicketState | 'same';
  roles: readonly Role[];
  scope: Scope;
  reasonRequired: boolean;
  /** shown on the citizen's public timeline and in Open311 service request updates */
  public: boolean;
}

const OPEN: readonly TicketState[] = [
  'received',
  'dispatched',
  'accepted',
  'return_requested',
  'in_progress',
  'replied',
];
const HANDLERS: readonly Role[] = ['handler', 'unit_lead'];
const CENTRE: readonly Role[] = ['agent', 'dispatcher'];

function rule(
  action: TicketAction,
  from: readonly TicketState[] | null,
  to: TicketState | 'same',
  roles: readonly Role[],
  extra: Partial<Pick<TransitionRule, 'scope' | 'reasonRequired' | 'public'>> = {},
): TransitionRule {
  return {
    action,
    from,
    to,
    roles,
    scope: extra.scope ?? 'any',
    reasonRequired: extra.reasonRequired ?? false,
    public: extra.public ?? false,
  };
}

export const TRANSITIONS: readonly TransitionRule[] = [
  rule('intake', null, 'received', ['agent', 'citizen', 'api_client', 'system', 'village_agent'], {
    public: true,
  }),
  rule('answer', ['received'], 'closed', ['agent'], { reasonRequired: true, public: true }),
  rule('dispatch', ['received'], 'dispatched', CENTRE, { public: true }),
  rule('sign', ['dispatched'], 'accepted', HANDLERS, { scope: 'main_unit', public: true }),
  rule('return', ['dispatched', 'accepted'], 'return_requested', HANDLERS, {
    scope: 'main_unit',
    reasonRequired: true,
  }),
  rule('approve_return', ['return_requested'], 'received', ['dispatcher']),
  rule('reject_return', ['return_requested'], 'dispatched', ['dispatcher'], { reasonRequired: true }),
  rule('contact', ['accepted'], 'in_progress', HANDLERS, { scope: 'main_unit', public: true }),
  rule('note', ['accepted', 'in_progress'], 'same', HANDLERS, { scope: 'main_unit', reasonRequired: true }),
  rule('request_extension', ['accepted', 'in_progress'], 'same', HANDLERS, {
    scope: 'main_unit',
    reasonRequired: true,
  }),
  rule('approve_extension', OPEN, 'same', ['dispatcher']),
  rule('reject_extension', OPEN, 'same', ['dispatcher'], { reasonRequired: true }),
  rule('request_co_unit', ['accepted', 'in_progress'], 'same', HANDLERS, {
    scope: 'main_unit',
    reasonRequired: true,
  }),
  rule('add_co_unit', ['dispatched', 'accepted', 'in_progress'], 'same', ['dispatcher']),
  rule('co_reply', ['dispatched', 'accepted', 'in_progress'], 'same', HANDLERS, {
    scope: 'co_unit',
    reasonRequired: true,
  }),
  rule('reply', ['in_progress'], 'replied', HANDLERS, {
    scope: 'main_unit',
    reasonRequired: true,
    public: true,
  }),
  rule('callback', ['replied'], 'closed', ['dispatcher', 'citizen'], { public: true }),
  rule('reopen', ['replied', 'closed'], 'dispatched', ['dispatcher'], { reasonRequired: true, public: true }),
  rule('merge', OPEN, 'merged', CENTRE, { public: true }),
  rule('invalidate', OPEN, 'invalid', ['dispatcher'], { reasonRequired: true, public: true }),
  rule('supervise', OPEN, 'same', ['dispatcher', 'supervisor', 'system'], { reasonRequired: true }),
  rule('unsupervise', OPEN, 'same', ['dispatcher', 'supervisor'], { reasonRequired: true }),
  rule('exempt', [...OPEN, 'closed'], 'same', ['dispatcher'], { reasonRequired: true }),
  rule('unexempt', [...OPEN, 'closed'], 'same', ['dispatcher'], { reasonRequired: true }),
  rule('yellow_card', OPEN, 'same', ['system']),
  rule('red_card', OPEN, 'same', ['system']),
];

const BY_ACTION = new Map<TicketAction, TransitionRule>(TRANSITIONS.map((r) => [r.action, r]));

export function ruleFor(action: TicketAction): TransitionRule {
  const found = BY_ACTION.get(action);
  if (!found) throw new Error(`no transition rule for ${action}`);
  return found;
}
