/**
 * The words of the 12345 domain, as stable English codes with their Chinese
 * and English labels. Codes are stored in the database and on the wire;
 * labels are for screens.
 */

export interface Label {
  zh: string;
  en: string;
}

/** Ticket states 工单状态. */
export const TICKET_STATES = [
  'received', // 已受理
  'dispatched', // 已派单
  'accepted', // 已签收
  'return_requested', // 退单申请中
  'in_progress', // 办理中
  'replied', // 已反馈（待回访）
  'closed', // 已办结
  'merged', // 已合并
  'invalid', // 无效
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const STATE_LABELS: Record<TicketState, Label> = {
  received: { zh: '已受理', en: 'Received' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  accepted: { zh: '已签收', en: 'Accepted' },
  return_requested: { zh: '退单审核中', en: 'Return requested' },
  in_progress: { zh: '办理中', en: 'In progress' },
  replied: { zh: '已反馈待回访', en: 'Replied, awaiting callback' },
  closed: { zh: '已办结', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
  invalid: { zh: '无效工单', en: 'Invalid' },
};

/** Terminal states: nothing but reopen (from closed) or exemption leaves them. */
export const TERMINAL_STATES: readonly TicketState[] = ['closed', 'merged', 'invalid'];
export const OPEN_STATES: readonly TicketState[] = TICKET_STATES.filter((s) => !TERMINAL_STATES.includes(s));

export function isOpen(state: TicketState): boolean {
  return !TERMINAL_STATES.includes(state);
}

/** Request types 诉求类型. */
export const REQUEST_TYPES = [
  'inquiry',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
  'other',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_TYPE_LABELS: Record<RequestType, Label> = {
  inquiry: { zh: '咨询', en: 'Inquiry' },
  help: { zh: '求助', en: 'Request for help' },
  complaint: { zh: '投诉', en: 'Complaint' },
  report: { zh: '举报', en: 'Report' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  praise: { zh: '表扬', en: 'Praise' },
  other: { zh: '其他', en: 'Other' },
};

/** Intake channels 受理渠道. */
export const CHANNELS = ['phone', 'web', 'app', 'wechat', 'open311', 'import', 'rating'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, Label> = {
  phone: { zh: '电话', en: 'Phone' },
  web: { zh: '网站', en: 'Web' },
  app: { zh: '移动端', en: 'App' },
  wechat: { zh: '微信', en: 'WeChat' },
  open311: { zh: 'Open311 接口', en: 'Open311 API' },
  import: { zh: '历史导入', en: 'Import' },
  rating: { zh: '好差评整改', en: 'Service rating' },
};

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Callback satisfaction 满意度. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

/** Roles 角色. `system` is the sweep and importers; `api_client` an Open311 or other machine client. */
export const ROLES = [
  'citizen', // 诉求人
  'agent', // 话务员
  'dispatcher', // 派单员
  'handler', // 承办人
  'unit_lead', // 单位负责人
  'supervisor', // 区领导 / 分析人员
  'reviewer', // 审批人
  'village_agent', // 村代办员
  'admin', // 管理员
  'system',
  'api_client',
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, Label> = {
  citizen: { zh: '诉求人', en: 'Citizen' },
  agent: { zh: '话务员', en: 'Hotline agent' },
  dispatcher: { zh: '派单员', en: 'Dispatcher' },
  handler: { zh: '承办人', en: 'Handler' },
  unit_lead: { zh: '单位负责人', en: 'Unit lead' },
  supervisor: { zh: '区领导', en: 'Supervisor' },
  reviewer: { zh: '审批人', en: 'Reviewer' },
  village_agent: { zh: '村代办员', en: 'Village agent' },
  admin: { zh: '管理员', en: 'Administrator' },
  system: { zh: '系统', en: 'System' },
  api_client: { zh: '接口客户端', en: 'API client' },
};

/** Peer groups for ranking units 考核分组. */
export const PEER_GROUPS = ['centre', 'township', 'department', 'utility'] as const;
export type PeerGroup = (typeof PEER_GROUPS)[number];
export const PEER_GROUP_LABELS: Record<PeerGroup, Label> = {
  centre: { zh: '热线中心', en: 'Hotline centre' },
  township: { zh: '街道乡镇', en: 'Streets and towns' },
  department: { zh: '区属部门', en: 'District departments' },
  utility: { zh: '公共服务企业', en: 'Utilities' },
};
