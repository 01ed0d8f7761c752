/**
 * The catalogue of error codes: HTTP status and the message in 简体中文 and
 * English. Codes are part of the public API: add, never rename.
 */
import { ACCESS_MESSAGES } from './messages-access.js';
import { ADMIN_MESSAGES } from './messages-admin.js';
import { ASSESSMENT_MESSAGES } from './messages-assessment.js';
import { EMERGENCY_MESSAGES } from './messages-emergency.js';
import { IMPORT_MESSAGES } from './messages-import.js';
import { INTAKE_MESSAGES } from './messages-intake.js';
import { SECURITY_MESSAGES } from './messages-security.js';
import { SERVICE_MESSAGES } from './messages-services.js';

interface CatalogueEntry {
  status: number;
  zh: string;
  en: string;
}

const catalogue = {
  VALIDATION_FAILED: { status: 400, zh: '请求内容不符合要求', en: 'The request is not valid' },
  BAD_REQUEST: { status: 400, zh: '请求格式错误：{reason}', en: 'Malformed request: {reason}' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型：{type}',
    en: 'Unsupported content type: {type}',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  NOT_FOUND: { status: 404, zh: '未找到该资源', en: 'Not found' },
  TICKET_NOT_FOUND: { status: 404, zh: '未找到工单 {ticket}', en: 'Ticket {ticket} not found' },
  UNIT_NOT_FOUND: { status: 400, zh: '未知的承办单位：{unit}', en: 'Unknown unit: {unit}' },
  CATEGORY_NOT_FOUND: { status: 400, zh: '未知的诉求分类：{category}', en: 'Unknown category: {category}' },
  CATEGORY_NOT_LEAF: {
    status: 400,
    zh: '诉求分类 {category} 不是末级分类',
    en: 'Category {category} is not a leaf category',
  },
  AREA_NOT_FOUND: { status: 400, zh: '未知的行政区划：{area}', en: 'Unknown area: {area}' },
  POLICY_NOT_FOUND: { status: 400, zh: '未知的时限规则：{policy}', en: 'Unknown deadline policy: {policy}' },
  DEADLINE_UNCOMPUTABLE: {
    status: 422,
    zh: '无法计算时限：{reason}',
    en: 'The deadline cannot be computed: {reason}',
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: '工单当前状态为“{state}”，不能执行“{action}”',
    en: 'A ticket in state "{state}" does not allow "{action}"',
  },
  ROLE_NOT_ALLOWED: {
    status: 403,
    zh: '角色“{role}”无权执行“{action}”',
    en: 'Role "{role}" may not perform "{action}"',
  },
  NOT_MAIN_UNIT: {
    status: 403,
    zh: '只有主办单位可以执行“{action}”',
    en: 'Only the main unit may perform "{action}"',
  },
  NOT_CO_UNIT: {
    status: 403,
    zh: '只有协办单位可以提交协办意见',
    en: 'Only a co-handling unit may reply as co-handler',
  },
  REASON_REQUIRED: { status: 400, zh: '“{action}”必须填写原因', en: '"{action}" requires a reason' },
  RETURN_WINDOW_CLOSED: {
    status: 409,
    zh: '已超过退单时限（派单后 {hours} 小时内）',
    en: 'The return window has closed ({hours} h after dispatch)',
  },
  EXTENSION_PENDING: {
    status: 409,
    zh: '已有待审批的延期申请',
    en: 'An extension request is already pending',
  },
  NO_EXTENSION_PENDING: {
    status: 409,
    zh: '没有待审批的延期申请',
    en: 'There is no pending extension request',
  },
  EXTENSION_NOT_LATER: {
    status: 400,
    zh: '延期后的时限必须晚于当前时限',
    en: 'The extended deadline must be later than the current one',
  },
  REOPEN_WINDOW_CLOSED: {
    status: 409,
    zh: '已超过重办期限（办结后 {days} 天内）',
    en: 'The reopen window has closed ({days} days after closing)',
  },
  REOPEN_REQUIRES_UNRESOLVED: {
    status: 409,
    zh: '只有回访未解决的工单可以重办',
    en: 'Only a ticket whose callback found it unresolved can be reopened',
  },
  MERGE_TARGET_INVALID: {
    status: 409,
    zh: '不能合并到工单 {target}：{reason}',
    en: 'Cannot merge into ticket {target}: {reason}',
  },
  UNIT_REQUIRED: { status: 400, zh: '派单必须指定主办单位', en: 'Dispatch requires a main unit' },
  CO_UNIT_INVALID: {
    status: 400,
    zh: '协办单位不能与主办单位相同或重复',
    en: 'Co-handling units must differ from the main unit and from each other',
  },
  FLAG_UNCHANGED: {
    status: 409,
    zh: '标记“{flag}”已是该状态',
    en: 'Flag "{flag}" already has that value',
  },
  CONFLICT: {
    status: 409,
    zh: '该工单正在被他人处理，请刷新后重试',
    en: 'The ticket was changed by someone else; reload and try again',
  },
  DATA_DIR_LOCKED: {
    status: 503,
    zh: '数据目录 {dir} 正被另一个进程（PID {pid}）使用，请先停止服务或改用 PostgreSQL',
    en: 'The data directory {dir} is in use by another process (PID {pid}); stop the server first or use PostgreSQL',
  },
  REFERENCE_FILE_INVALID: {
    status: 400,
    zh: '参考数据文件 {file} 第 {line} 行有误：{reason}',
    en: 'Reference file {file}, line {line}: {reason}',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  CALLBACK_LINK_INVALID: {
    status: 404,
    zh: '回访链接无效，请核对短信中的链接或拨打12345',
    en: 'This callback link is not valid; check the link in the text message or call 12345',
  },
  CALLBACK_LINK_EXPIRED: {
    status: 410,
    zh: '回访链接已过期，如需评价请拨打12345',
    en: 'This callback link has expired; call 12345 to give your feedback',
  },
  CALLBACK_LINK_USED: {
    status: 409,
    zh: '该工单的回访已完成，链接不能重复使用',
    en: 'The callback for this ticket has already been answered; the link cannot be used again',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  ...ACCESS_MESSAGES,
  ...ADMIN_MESSAGES,
  ...ASSESSMENT_MESSAGES,
  ...EMERGENCY_MESSAGES,
  ...IMPORT_MESSAGES,
  ...INTAKE_MESSAGES,
  ...SECURITY_MESSAGES,
  ...SERVICE_MESSAGES,
  MODEL_NOT_FOUND: {
    status: 503,
    zh: '未找到分类模型文件 {file}，智能分类暂不可用',
    en: 'Classifier model file {file} not found; automatic categorisation is unavailable',
  },
  MODEL_INVALID: {
    status: 503,
    zh: '分类模型文件 {file} 无效：{reason}',
    en: 'Classifier model file {file} is invalid: {reason}',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;
export const errorCatalogue: Record<ErrorCode, CatalogueEntry> = catalogue;
