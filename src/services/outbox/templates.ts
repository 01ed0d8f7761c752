/**
 * 消息模板 The words of every notification, in 简体中文 and English: a title
 * and a body for in-app messages and e-mail, and the one text an SMS carries
 * (Chinese, signed 【怀柔12345】, as district hotline messages are).
 * Templates read only the payload written with the outbox row and never
 * personal data: the phone number is resolved at send time, outside them.
 */
import { localDate, localMinutes } from '../../domain/calendar.js';
import type { Label } from '../../domain/vocabulary.js';
import { EMERGENCY_TEMPLATES } from './templates-emergency.js';
import { SERVICE_TEMPLATES } from './templates-services.js';

export const SMS_SIGNATURE = '【怀柔12345】';

export interface RenderContext {
  /** base URL of the public site, e.g. https://12345.hr.gov.cn */
  publicUrl: string;
  /** the one-time callback link (ticket_replied only) */
  callbackUrl?: string;
  /** how long the callback link stays valid, in hours */
  callbackHours?: number;
}

export interface RenderedTemplate {
  title: Label;
  body: Label;
  /** the SMS text: the Chinese body with the hotline's signature */
  sms: string;
}

type Payload = Record<string, unknown>;

/** A template is asked for that this build does not know; retrying will not help. */
export class UnknownTemplateError extends Error {
  constructor(readonly template: string) {
    super(`unknown notification template "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

function text(p: Payload, key: string, fallback = ''): string {
  const value = p[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

/** An ISO instant as Beijing local time, 2024-11-26 18:00. */
function when(p: Payload, key: string): string {
  const value = p[key];
  if (typeof value !== 'string') return '—';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return '—';
  const minutes = localMinutes(at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${localDate(at)} ${hh}:${mm}`;
}

/** ：原因 / : reason, or nothing when there is no reason. */
function reason(p: Payload): Label {
  const r = text(p, 'reason').trim();
  return r === '' ? { zh: '', en: '' } : { zh: `，原因：${r}`, en: `. Reason: ${r}` };
}

const CLOCKS: Record<string, Label> = {
  sign: { zh: '签收', en: 'signing' },
  response: { zh: '联系诉求人', en: 'first contact' },
  reply: { zh: '办结反馈', en: 'reply' },
  callback: { zh: '回访', en: 'callback' },
};

function clock(p: Payload): Label {
  return CLOCKS[text(p, 'clock')] ?? { zh: '办理', en: 'handling' };
}

type Template = (p: Payload, c: RenderContext) => { title: Label; body: Label };

const TEMPLATES: Record<string, Template> = {
  ticket_received: (p, c) => ({
    title: { zh: '诉求已受理', en: 'Request received' },
    body: {
      zh: `您的诉求已受理，工单号${text(p, 'number')}，可凭工单号和手机号后四位在 ${c.publicUrl}/track 查询办理进度。`,
      en: `Your request has been received as ticket ${text(p, 'number')}. Track it at ${c.publicUrl}/track with the ticket number and the last four digits of your phone number.`,
    },
  }),
  ticket_replied: (p, c) => {
    const link = c.callbackUrl ?? `${c.publicUrl}/track`;
    const hours = c.callbackHours ?? 72;
    return {
      title: { zh: '诉求已办理完毕', en: 'Your request has been handled' },
      body: {
        zh: `您的诉求（工单号${text(p, 'number')}）已办理完毕并反馈。请点击 ${link} 评价问题是否解决及满意度，链接${hours}小时内有效且仅可使用一次。`,
        en: `Your request (ticket ${text(p, 'number')}) has been handled. Please tell us at ${link} whether it was resolved and how satisfied you are; the link works once, within ${hours} hours.`,
      },
    };
  },
  ticket_dispatched: (p) => ({
    title: { zh: `新派工单 ${text(p, 'number')}`, en: `New ticket ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}「${text(p, 'title')}」已派至本单位主办，请在时限内签收。`,
      en: `Ticket ${text(p, 'number')} "${text(p, 'title')}" has been dispatched to your unit as main handler; please sign for it in time.`,
    },
  }),
  ticket_co_dispatched: (p) => ({
    title: { zh: `协办工单 ${text(p, 'number')}`, en: `Co-handling ticket ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}「${text(p, 'title')}」需本单位协办，请配合主办单位办理。`,
      en: `Ticket ${text(p, 'number')} "${text(p, 'title')}" needs your unit as co-handler; please support the main unit.`,
    },
  }),
  return_requested: (p) => ({
    title: { zh: `退单申请 ${text(p, 'number')}`, en: `Return requested: ${text(p, 'number')}` },
    body: {
      zh: `承办单位申请退回工单${text(p, 'number')}${reason(p).zh}，请审核。`,
      en: `The handling unit asks to return ticket ${text(p, 'number')}${reason(p).en}. Please review.`,
    },
  }),
  return_approved: (p) => ({
    title: { zh: `退单已同意 ${text(p, 'number')}`, en: `Return approved: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}的退单申请已同意，工单已退回热线中心。`,
      en: `The return of ticket ${text(p, 'number')} was approved; the ticket is back with the hotline centre.`,
    },
  }),
  return_rejected: (p) => ({
    title: { zh: `退单被驳回 ${text(p, 'number')}`, en: `Return rejected: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}的退单申请被驳回${reason(p).zh}，请继续办理。`,
      en: `The return of ticket ${text(p, 'number')} was rejected${reason(p).en}. Please carry on handling it.`,
    },
  }),
  extension_requested: (p) => ({
    title: { zh: `延期申请 ${text(p, 'number')}`, en: `Extension requested: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}申请延期至 ${when(p, 'until')}${reason(p).zh}，请审批。`,
      en: `An extension of ticket ${text(p, 'number')} until ${when(p, 'until')} is requested${reason(p).en}. Please decide.`,
    },
  }),
  extension_approved: (p) => ({
    title: { zh: `延期已同意 ${text(p, 'number')}`, en: `Extension approved: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}的办结时限已延至 ${when(p, 'until')}。`,
      en: `The reply deadline of ticket ${text(p, 'number')} is now ${when(p, 'until')}.`,
    },
  }),
  extension_rejected: (p) => ({
    title: { zh: `延期被驳回 ${text(p, 'number')}`, en: `Extension rejected: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}的延期申请被驳回${reason(p).zh}，原办结时限不变。`,
      en: `The extension of ticket ${text(p, 'number')} was rejected${reason(p).en}; the deadline stands.`,
    },
  }),
  co_unit_requested: (p) => ({
    title: { zh: `协办申请 ${text(p, 'number')}`, en: `Co-handler requested: ${text(p, 'number')}` },
    body: {
      zh: `主办单位申请为工单${text(p, 'number')}增派协办单位${reason(p).zh}，请处理。`,
      en: `The main unit asks for a co-handling unit on ticket ${text(p, 'number')}${reason(p).en}.`,
    },
  }),
  co_replied: (p) => ({
    title: { zh: `协办反馈 ${text(p, 'number')}`, en: `Co-handler replied: ${text(p, 'number')}` },
    body: {
      zh: `协办单位已就工单${text(p, 'number')}提交协办意见，请查看。`,
      en: `A co-handling unit has replied on ticket ${text(p, 'number')}.`,
    },
  }),
  ticket_reopened: (p) => ({
    title: { zh: `工单重办 ${text(p, 'number')}`, en: `Ticket reopened: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}回访未解决，已重新派至本单位办理${reason(p).zh}。`,
      en: `Ticket ${text(p, 'number')} was not resolved at callback and is dispatched to your unit again${reason(p).en}.`,
    },
  }),
  ticket_supervised: (p) => ({
    title: { zh: `督办 ${text(p, 'number')}`, en: `Supervised: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}已列入督办${reason(p).zh}，请加快办理。`,
      en: `Ticket ${text(p, 'number')} is now under supervision${reason(p).en}. Please speed up.`,
    },
  }),
  card_yellow: (p) => ({
    title: { zh: `黄牌预警 ${text(p, 'number')}`, en: `Yellow card: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}「${text(p, 'title')}」${clock(p).zh}时限即将到期（${when(p, 'dueAt')}），请抓紧办理。`,
      en: `Ticket ${text(p, 'number')} "${text(p, 'title')}": the ${clock(p).en} deadline (${when(p, 'dueAt')}) is near.`,
    },
  }),
  card_red: (p) => ({
    title: { zh: `红牌超期 ${text(p, 'number')}`, en: `Red card: ${text(p, 'number')}` },
    body: {
      zh: `工单${text(p, 'number')}「${text(p, 'title')}」${clock(p).zh}已超期（时限 ${when(p, 'dueAt')}）。`,
      en: `Ticket ${text(p, 'number')} "${text(p, 'title')}" is overdue for ${clock(p).en} (deadline ${when(p, 'dueAt')}).`,
    },
  }),
  callback_reminder: (p) => {
    const overdue = p.overdue === true;
    return {
      title: {
        zh: `${overdue ? '回访已超期' : '待回访'} ${text(p, 'number')}`,
        en: `${overdue ? 'Callback overdue' : 'Callback due'}: ${text(p, 'number')}`,
      },
      body: {
        zh: `工单${text(p, 'number')}「${text(p, 'title')}」${overdue ? '回访已超期' : '回访时限将至'}（${when(p, 'dueAt')}），请尽快回访诉求人。`,
        en: `Ticket ${text(p, 'number')} "${text(p, 'title')}": the callback ${overdue ? 'is overdue' : 'is due soon'} (${when(p, 'dueAt')}).`,
      },
    };
  },
  ...SERVICE_TEMPLATES,
  ...EMERGENCY_TEMPLATES,
};

export const TEMPLATE_NAMES: readonly string[] = Object.keys(TEMPLATES);

/** Title, body and SMS text of `template` for `payload`; UnknownTemplateError for a name not above. */
export function renderTemplate(template: string, payload: Payload, context: RenderContext): RenderedTemplate {
  const render = Object.hasOwn(TEMPLATES, template) ? TEMPLATES[template] : undefined;
  if (!render) throw new UnknownTemplateError(template);
  const { title, body } = render(payload, context);
  return { title, body, sms: `${SMS_SIGNATURE}${body.zh}` };
}
