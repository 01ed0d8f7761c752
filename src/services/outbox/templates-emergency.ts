/**
 * 消息模板 The words of emergency notifications 应急通知, in 简体中文 and
 * English: the notice to the person on duty (asking for an acknowledgement
 * before a deadline), alerts to the command centre, and the SMS to a caller
 * whose ticket joined an incident. Every staff message of a drill starts
 * with 【演练】 / [DRILL], so nobody mistakes an exercise for the real thing.
 * Spread into the template table in ./templates.ts.
 */
import { localDate, localMinutes } from '../../domain/calendar.js';
import {
  INCIDENT_LEVEL_LABELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_TYPE_LABELS,
  type IncidentLevel,
  type IncidentStatus,
  type IncidentType,
  LINK_TARGET_LABELS,
  type LinkTarget,
} from '../../domain/emergency/vocabulary.js';
import type { Label } from '../../domain/vocabulary.js';
import type { RenderContext } from './templates.js';

type Payload = Record<string, unknown>;
type EmergencyTemplate = (p: Payload, c: RenderContext) => { title: Label; body: Label };

function text(p: Payload, key: string): string {
  const v = p[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function when(p: Payload, key: string): string {
  const v = p[key];
  const at = typeof v === 'string' ? new Date(v) : null;
  if (!at || Number.isNaN(at.getTime())) return '—';
  const m = localMinutes(at);
  return `${localDate(at)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function label<K extends string>(labels: Record<K, Label>, value: string): Label {
  return Object.hasOwn(labels, value) ? labels[value as K] : { zh: value, en: value };
}

/** 【演练】 before everything a drill says. */
function drill(p: Payload): Label {
  return p.drill === true ? { zh: '【演练】', en: '[DRILL] ' } : { zh: '', en: '' };
}

function headline(p: Payload): Label {
  const type = label<IncidentType>(INCIDENT_TYPE_LABELS, text(p, 'type'));
  const level = label<IncidentLevel>(INCIDENT_LEVEL_LABELS, text(p, 'level'));
  return {
    zh: `${level.zh}${type.zh}事件 ${text(p, 'number')}「${text(p, 'title')}」`,
    en: `${level.en} ${type.en.toLowerCase()} incident ${text(p, 'number')} "${text(p, 'title')}"`,
  };
}

function place(p: Payload): Label {
  const where = text(p, 'place');
  return where === '' ? { zh: '', en: '' } : { zh: `，地点：${where}`, en: ` at ${where}` };
}

export const EMERGENCY_TEMPLATES: Record<string, EmergencyTemplate> = {
  incident_notice: (p, c) => {
    const escalated = Number(p.linkIndex ?? 0) > 0;
    const target = label<LinkTarget>(LINK_TARGET_LABELS, text(p, 'target'));
    return {
      title: {
        zh: `${drill(p).zh}${escalated ? '升级通知' : '突发事件'} ${text(p, 'number')}`,
        en: `${drill(p).en}${escalated ? 'Escalated' : 'Incident'} ${text(p, 'number')}`,
      },
      body: {
        zh: `${drill(p).zh}${headline(p).zh}${place(p).zh}。${escalated ? `前一级未按时确认，现逐级上报至${target.zh}。` : ''}请于 ${when(p, 'ackDueAt')} 前在 ${c.publicUrl}/incidents/${text(p, 'incidentId')} 确认收到。`,
        en: `${drill(p).en}${headline(p).en}${place(p).en}.${escalated ? ` The previous link did not acknowledge in time; escalated to ${target.en.toLowerCase()}.` : ''} Acknowledge by ${when(p, 'ackDueAt')} at ${c.publicUrl}/incidents/${text(p, 'incidentId')}.`,
      },
    };
  },
  incident_link_unfilled: (p) => {
    const target = label<LinkTarget>(LINK_TARGET_LABELS, text(p, 'target'));
    const unit = text(p, 'unit');
    return {
      title: {
        zh: `${drill(p).zh}值班空缺 ${text(p, 'number')}`,
        en: `${drill(p).en}Nobody on duty: ${text(p, 'number')}`,
      },
      body: {
        zh: `${drill(p).zh}${headline(p).zh}需通知${unit ? `${unit}的` : ''}${target.zh}，但当前无人值班，已转下一级。请核查值班表。`,
        en: `${drill(p).en}${headline(p).en} was to reach the ${target.en.toLowerCase()}${unit ? ` of ${unit}` : ''}, but nobody is on duty; passed to the next link. Please check the roster.`,
      },
    };
  },
  incident_unacknowledged: (p) => ({
    title: {
      zh: `${drill(p).zh}无人确认 ${text(p, 'number')}`,
      en: `${drill(p).en}Unacknowledged: ${text(p, 'number')}`,
    },
    body: {
      zh: `${drill(p).zh}${headline(p).zh}已逐级上报至最后一级，仍无人确认收到，请立即电话落实。`,
      en: `${drill(p).en}${headline(p).en} has climbed its whole chain and nobody has acknowledged it. Call now.`,
    },
  }),
  incident_acknowledged: (p) => ({
    title: {
      zh: `${drill(p).zh}已确认 ${text(p, 'number')}`,
      en: `${drill(p).en}Acknowledged: ${text(p, 'number')}`,
    },
    body: {
      zh: `${drill(p).zh}${headline(p).zh}已由 ${text(p, 'by')} 确认收到（通知后 ${text(p, 'minutes')} 分钟）。`,
      en: `${drill(p).en}${headline(p).en} was acknowledged by ${text(p, 'by')} (${text(p, 'minutes')} min after the notice).`,
    },
  }),
  incident_status: (p) => {
    const status = label<IncidentStatus>(INCIDENT_STATUS_LABELS, text(p, 'status'));
    const r = text(p, 'reason').trim();
    return {
      title: {
        zh: `${drill(p).zh}事件${status.zh} ${text(p, 'number')}`,
        en: `${drill(p).en}Incident ${status.en.toLowerCase()}: ${text(p, 'number')}`,
      },
      body: {
        zh: `${drill(p).zh}${headline(p).zh}当前状态：${status.zh}${r ? `，说明：${r}` : ''}。`,
        en: `${drill(p).en}${headline(p).en} is now ${status.en.toLowerCase()}${r ? `. Note: ${r}` : ''}.`,
      },
    };
  },
  incident_ticket_linked: (p) => ({
    title: { zh: '诉求已纳入应急处置', en: 'Your call is part of an emergency response' },
    body: {
      zh: `您反映的紧急情况（工单号${text(p, 'number')}）已纳入突发事件 ${text(p, 'incidentNumber')} 统一处置，相关部门正在处理。如有危险请先撤离并拨打 110/119/120。`,
      en: `The emergency you reported (ticket ${text(p, 'number')}) is handled as part of incident ${text(p, 'incidentNumber')}; the services concerned are on it. If you are in danger, leave and call 110/119/120.`,
    },
  }),
};
