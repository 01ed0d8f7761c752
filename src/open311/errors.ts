/**
 * Open311 errors 错误: root `errors`, one `error` per problem with `code` and
 * a `description` meant for the user. The HTTP status follows the spec to
 * the letter — 403 for a missing or bad api_key, 404 for something that does
 * not exist, 400 for everything else (even "the CRM is down") — while the
 * numeric `code` in the body may be more specific (429 rate limited, 500
 * internal, …), as the spec allows.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Lang } from '../domain/errors.js';
import { list, type Node, send } from './format.js';

export type Open311Status = 400 | 403 | 404;

export interface Open311Issue {
  /** the number in `<code>`: the HTTP status, or a more specific HTTP-like number */
  code: number;
  description: string;
}

/** Messages in both languages; `{…}` placeholders filled from params. */
const MESSAGES = {
  api_key_missing: { zh: '缺少 api_key 参数', en: 'api_key is missing' },
  api_key_invalid: { zh: 'api_key 无效或已吊销', en: 'api_key is invalid or revoked' },
  api_key_scope: { zh: 'api_key 未被授予 open311 权限', en: 'api_key is not granted the open311 scope' },
  jurisdiction_unknown: {
    zh: '未知的 jurisdiction_id：{value}（本接口服务于 {expected}）',
    en: 'jurisdiction_id {value} not found (this endpoint serves {expected})',
  },
  service_unknown: { zh: '未找到服务 service_code：{value}', en: 'service_code {value} not found' },
  request_unknown: {
    zh: '未找到诉求 service_request_id：{value}',
    en: 'service_request_id {value} not found',
  },
  token_unknown: { zh: '未找到 token：{value}', en: 'token {value} not found' },
  resource_unknown: { zh: '未找到该资源：{value}', en: 'No such resource: {value}' },
  required: { zh: '缺少必填参数 {field}', en: '{field} is required' },
  location_required: {
    zh: '必须提供位置：lat 和 long，或 address_string，或 address_id',
    en: 'A location is required: lat and long, or address_string, or address_id',
  },
  pair_required: { zh: '{field} 必须与 {other} 同时提供', en: '{field} must be sent together with {other}' },
  not_number: { zh: '{field} 必须是数字', en: '{field} must be a number' },
  out_of_range: { zh: '{field} 超出范围（{min} 至 {max}）', en: '{field} is out of range ({min} to {max})' },
  too_long: { zh: '{field} 不能超过 {max} 个字符', en: '{field} may not exceed {max} characters' },
  no_html: { zh: '{field} 不能包含 HTML 或代码', en: '{field} may not contain HTML or code' },
  line_breaks: { zh: '{field} 不能包含换行', en: '{field} may not contain line breaks' },
  control_chars: { zh: '{field} 含有非法字符', en: '{field} contains characters that are not allowed' },
  repeated: { zh: '参数 {field} 只能出现一次', en: '{field} may be given only once' },
  bad_format: { zh: '{field} 格式错误：{hint}', en: '{field} is malformed: {hint}' },
  bad_datetime: {
    zh: '{field} 必须是 W3C 日期时间，如 2026-11-26T09:30:00+08:00',
    en: '{field} must be a W3C date-time such as 2026-11-26T09:30:00+08:00',
  },
  date_order: { zh: 'end_date 不能早于 start_date', en: 'end_date may not be before start_date' },
  date_span: {
    zh: 'start_date 与 end_date 的间隔不能超过 {days} 天',
    en: 'start_date and end_date may not span more than {days} days',
  },
  bad_status: { zh: 'status 只能是 open 或 closed：{value}', en: 'status must be open or closed: {value}' },
  unknown_service_filter: { zh: '未知的 service_code：{value}', en: 'Unknown service_code: {value}' },
  too_many_ids: {
    zh: 'service_request_id 一次最多 {max} 个',
    en: 'At most {max} service_request_id values at once',
  },
  address_id_unknown: {
    zh: 'address_id {value} 不是怀柔区的行政区划代码',
    en: 'address_id {value} is not a Huairou division code',
  },
  attribute_unknown: {
    zh: '服务 {service} 没有属性 {code}',
    en: 'Service {service} has no attribute {code}',
  },
  attribute_code: {
    zh: '属性代码只能由字母、数字、下划线和连字符组成：{code}',
    en: 'Attribute codes are letters, digits, _ and -: {code}',
  },
  attribute_required: {
    zh: '缺少必填属性 attribute[{code}]（{name}）',
    en: 'attribute[{code}] ({name}) is required',
  },
  attribute_single: {
    zh: '属性 attribute[{code}] 只能有一个值',
    en: 'attribute[{code}] takes a single value',
  },
  attribute_value: {
    zh: '属性 attribute[{code}] 的取值 {value} 不在可选值中（{keys}）',
    en: 'attribute[{code}] value {value} is not one of {keys}',
  },
  attribute_number: { zh: '属性 attribute[{code}] 必须是数字', en: 'attribute[{code}] must be a number' },
  attribute_datetime: {
    zh: '属性 attribute[{code}] 必须是 ISO 8601 日期时间，如 2026-11-26T09:30:00+08:00',
    en: 'attribute[{code}] must be an ISO 8601 date-time such as 2026-11-26T09:30:00+08:00',
  },
  content_type: {
    zh: '请求体必须是 application/x-www-form-urlencoded',
    en: 'The body must be application/x-www-form-urlencoded',
  },
  body_encoding: {
    zh: '请求体不是有效的 UTF-8 百分号编码',
    en: 'The body is not valid percent-encoded UTF-8',
  },
  rate_limited: {
    zh: '请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests; try again in {seconds} s',
  },
  idempotency: { zh: '{message}', en: '{message}' },
  internal: {
    zh: '服务暂时无法处理该请求，请稍后重试或拨打12345',
    en: 'The service could not process the request; try again later or call 12345',
  },
  bad_request: { zh: '请求无效：{reason}', en: 'Bad request: {reason}' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
export type Params = Record<string, string | number>;

export function message(key: MessageKey, lang: Lang, params: Params = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, k: string) =>
    params[k] === undefined ? whole : String(params[k]),
  );
}

/** A problem found while reading a request, before it is put into words. */
export interface Problem {
  status: Open311Status;
  /** body code when more specific than the status */
  code?: number;
  key: MessageKey;
  params?: Params;
}

export function problem(status: Open311Status, key: MessageKey, params: Params = {}, code?: number): Problem {
  return { status, key, params, ...(code === undefined ? {} : { code }) };
}

/** One or more problems; the response status is the most specific one among them. */
export class Open311Error extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map((p) => message(p.key, 'en', p.params)).join('; '));
    this.name = 'Open311Error';
    this.problems = problems;
  }

  /** 403 beats 404 beats 400: the client must fix its key before anything else matters. */
  get status(): Open311Status {
    if (this.problems.some((p) => p.status === 403)) return 403;
    if (this.problems.some((p) => p.status === 404)) return 404;
    return 400;
  }
}

export function fail(status: Open311Status, key: MessageKey, params: Params = {}, code?: number): never {
  throw new Open311Error([problem(status, key, params, code)]);
}

/** Throws when there are problems: only those of the response status, so a 404 is not mixed with 400s. */
export function throwIfAny(problems: Problem[]): void {
  if (problems.length === 0) return;
  const err = new Open311Error(problems);
  const status = err.status;
  throw new Open311Error(problems.filter((p) => p.status === status));
}

const APP_ERROR_STATUS: Partial<Record<string, { status: Open311Status; key: MessageKey }>> = {
  API_KEY_INVALID: { status: 403, key: 'api_key_invalid' },
  SCOPE_MISSING: { status: 403, key: 'api_key_scope' },
};

/** Anything thrown inside /open311 as Open311 problems. */
export function toOpen311Error(err: unknown, lang: Lang): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) {
    const known = APP_ERROR_STATUS[err.code];
    if (known) return new Open311Error([problem(known.status, known.key)]);
    if (err.code === 'RATE_LIMITED') {
      return new Open311Error([
        problem(400, 'rate_limited', { seconds: Number(err.params.seconds) || 60 }, 429),
      ]);
    }
    if (err.code === 'IDEMPOTENCY_IN_PROGRESS' || err.code === 'IDEMPOTENCY_KEY_REUSED') {
      return new Open311Error([problem(400, 'idempotency', { message: err.message_(lang) }, err.status)]);
    }
    if (err.status === 404)
      return new Open311Error([problem(404, 'resource_unknown', { value: err.message_(lang) })]);
    if (err.status >= 500) return new Open311Error([problem(400, 'internal', {}, 500)]);
    if (err.fields.length > 0) {
      return new Open311Error(
        err.fields.map((f) => problem(400, 'bad_request', { reason: `${f.path}: ${f.message}` }, err.status)),
      );
    }
    return new Open311Error([problem(400, 'bad_request', { reason: err.message_(lang) }, err.status)]);
  }
  const e = err as Partial<FastifyError>;
  if (e.statusCode === 429) return new Open311Error([problem(400, 'rate_limited', { seconds: 60 }, 429)]);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new Open311Error([problem(400, 'content_type', {}, 415)]);
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new Open311Error([problem(400, 'bad_request', { reason: 'body too large' }, 413)]);
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new Open311Error([problem(400, 'bad_request', { reason: e.message ?? 'invalid' })]);
  }
  return new Open311Error([problem(400, 'internal', {}, 500)]);
}

export function errorsNode(err: Open311Error, lang: Lang): Node {
  return list(
    'error',
    err.problems.map((p) => ({ code: p.code ?? p.status, description: message(p.key, lang, p.params) })),
  );
}

export function sendOpen311Error(
  req: FastifyRequest,
  reply: FastifyReply,
  err: Open311Error,
  format: 'xml' | 'json',
): FastifyReply {
  reply.header('content-language', req.lang === 'en' ? 'en' : 'zh-CN');
  return send(reply, format, 'errors', errorsNode(err, req.lang ?? 'zh'), err.status);
}
