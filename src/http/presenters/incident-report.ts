/**
 * 突发事件报告 The printable incident report: the facts, the response and
 * the times, as one self-contained HTML page (inline styles, no scripts) a
 * duty officer prints or saves as PDF from the browser. Chinese first with
 * English beside; every text from the database is escaped.
 */
import type { LinkedTicket } from '../../db/repositories/incidents.js';
import type { IncidentEventRow, IncidentRow } from '../../db/schema-emergency.js';
import { localDate, localMinutes } from '../../domain/calendar.js';
import { FACT_LABELS, type FactKey } from '../../domain/emergency/severity.js';
import { INCIDENT_ACTION_LABELS } from '../../domain/emergency/transitions.js';
import {
  INCIDENT_LEVEL_LABELS,
  INCIDENT_SOURCE_LABELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_TYPE_LABELS,
  LINK_TARGET_LABELS,
} from '../../domain/emergency/vocabulary.js';
import type { Label } from '../../domain/vocabulary.js';
import { STATE_LABELS } from '../../domain/vocabulary.js';
import type { IncidentExtras } from '../../services/emergency/incident-views.js';
import type { ReferenceData } from '../../services/reference-cache.js';
import { labelOf } from './incident.js';

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function at(d: Date | null): string {
  if (!d) return '—';
  const m = localMinutes(d);
  // Beijing is a whole number of minutes from UTC: the seconds are the same.
  const s = d.getUTCSeconds();
  return `${localDate(d)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

function after(from: Date, to: Date | null): string {
  if (!to) return '';
  const min = Math.round((to.getTime() - from.getTime()) / 6_000) / 10;
  return `（报告后 ${min} 分钟 / ${min} min after report）`;
}

function both(l: Label): string {
  return `${escapeHtml(l.zh)} <span class="en">${escapeHtml(l.en)}</span>`;
}

function row(th: Label, td: string): string {
  return `<tr><th>${both(th)}</th><td>${td}</td></tr>`;
}

/** What an event without a reason still says: an acknowledgement's note, who a notice went to. */
function noteOf(e: IncidentEventRow): string {
  if (typeof e.data.note === 'string') return e.data.note;
  if (e.action === 'notify') {
    const target = labelOf(LINK_TARGET_LABELS, String(e.data.target ?? '')).zh;
    return e.data.via === 'none' ? `${target}：无人值班，转下一级` : `${target}`;
  }
  return '';
}

export interface ReportInput {
  incident: IncidentRow;
  events: readonly IncidentEventRow[];
  extras: IncidentExtras;
  tickets: readonly LinkedTicket[];
  ref: ReferenceData;
  reportedBy: string | null;
  printedAt: Date;
}

export function renderIncidentReport(r: ReportInput): string {
  const i = r.incident;
  const user = (id: number | null) =>
    id === null ? '系统 system' : escapeHtml(r.extras.users.get(id) ?? String(id));
  const unit = (id: number | null) =>
    id === null ? '—' : escapeHtml(r.ref.units.get(id)?.name ?? String(id));
  const place = [
    i.township_code ? r.ref.areas.get(i.township_code)?.name : null,
    i.area_code && i.area_code !== i.township_code ? r.ref.areas.get(i.area_code)?.name : null,
    i.address,
  ]
    .filter(Boolean)
    .join(' ');
  const facts = Object.entries(i.facts ?? {})
    .map(([k, v]) => `${both(labelOf(FACT_LABELS as Record<FactKey, Label>, k))}：${escapeHtml(String(v))}`)
    .join('；');
  const notices = [...(r.extras.notices.get(i.id) ?? [])];
  const events = r.events
    .map(
      (e) => `<tr><td>${at(e.at)}</td><td>${both(labelOf(INCIDENT_ACTION_LABELS, e.action))}</td>
<td>${e.actor_user_id === null ? escapeHtml(e.actor_role) : user(e.actor_user_id)}</td><td>${escapeHtml(e.reason ?? noteOf(e))}${
        e.action === 'change_level'
          ? ` [${escapeHtml(String(e.data.from ?? ''))} → ${escapeHtml(String(e.data.to ?? ''))}]`
          : ''
      }</td></tr>`,
    )
    .join('\n');
  const noticeRows = notices
    .map(
      (
        n,
      ) => `<tr><td>${n.round}-${n.link_index + 1}</td><td>${both(labelOf(LINK_TARGET_LABELS, n.target))}</td><td>${unit(n.unit_id)}</td>
<td>${n.recipient_user_ids.length ? n.recipient_user_ids.map((id) => user(id)).join('、') : '<strong>无人值班 nobody on duty</strong>'}</td>
<td>${at(n.notified_at)}</td><td>${at(n.ack_due_at)}</td><td>${at(n.acknowledged_at)}${n.acknowledged_by ? ` ${user(n.acknowledged_by)}` : ''}</td></tr>`,
    )
    .join('\n');
  const ticketRows = r.tickets
    .map(
      (t) =>
        `<tr><td>${escapeHtml(t.number)}</td><td>${escapeHtml(t.title)}</td><td>${at(t.receivedAt)}</td><td>${both(labelOf(STATE_LABELS, t.state))}</td></tr>`,
    )
    .join('\n');
  const title = `${i.drill ? '【演练】' : ''}突发事件报告 ${i.number ?? i.id}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:2em;color:#111}
h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.4em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3;width:14em}.en{color:#666;font-size:.85em}.drill{background:#fde68a;padding:.4em;font-weight:bold}
@media print{body{margin:1cm}.noprint{display:none}}
</style></head><body>
${i.drill ? '<p class="drill" data-testid="drill-banner">【演练】本事件为演练，不是真实事件 / DRILL — this is an exercise, not a real incident</p>' : ''}
<h1 data-testid="report-title">${escapeHtml(title)}</h1>
<p>${escapeHtml(i.title)}</p>
<h2>${both({ zh: '基本情况', en: 'Facts' })}</h2>
<table>
${row({ zh: '事件编号', en: 'Number' }, escapeHtml(i.number ?? String(i.id)))}
${row({ zh: '类型', en: 'Type' }, both(labelOf(INCIDENT_TYPE_LABELS, i.type)))}
${row({ zh: '级别', en: 'Level' }, both(labelOf(INCIDENT_LEVEL_LABELS, i.level)))}
${row({ zh: '状态', en: 'Status' }, `<span data-testid="report-status">${both(labelOf(INCIDENT_STATUS_LABELS, i.status))}</span>`)}
${row({ zh: '来源', en: 'Source' }, both(labelOf(INCIDENT_SOURCE_LABELS, i.source)))}
${row({ zh: '地点', en: 'Place' }, `${escapeHtml(place || '—')}${i.lat !== null && i.lng !== null ? ` (${i.lat.toFixed(4)}, ${i.lng.toFixed(4)})` : ''}`)}
${row({ zh: '牵头单位', en: 'Lead unit' }, unit(i.lead_unit_id))}
${row({ zh: '报告人', en: 'Reported by' }, escapeHtml(r.reportedBy ?? '—'))}
${row({ zh: '事件描述', en: 'Description' }, escapeHtml(i.description || '—'))}
${row({ zh: '伤亡与影响', en: 'Casualties and impact' }, facts || '—')}
${row({ zh: '关联工单数', en: 'Linked tickets' }, String(i.linked_ticket_count))}
</table>
<h2>${both({ zh: '关键时间', en: 'Times' })}</h2>
<table>
${row({ zh: '报告', en: 'Reported' }, at(i.reported_at))}
${row({ zh: '首次确认收到', en: 'First acknowledged' }, `<span data-testid="report-first-ack">${at(i.first_ack_at)}</span>${after(i.reported_at, i.first_ack_at)}${i.first_ack_user_id ? ` ${user(i.first_ack_user_id)}` : ''}`)}
${row({ zh: '核实', en: 'Confirmed' }, at(i.confirmed_at) + after(i.reported_at, i.confirmed_at))}
${row({ zh: '启动处置', en: 'Response started' }, at(i.responding_at) + after(i.reported_at, i.responding_at))}
${row({ zh: '控制', en: 'Contained' }, at(i.contained_at) + after(i.reported_at, i.contained_at))}
${row({ zh: '结束', en: 'Closed' }, at(i.closed_at) + after(i.reported_at, i.closed_at))}
</table>
<h2>${both({ zh: '值班通知与确认', en: 'Notices and acknowledgements' })}</h2>
<table><tr><th>轮次-级</th><th>${both({ zh: '通知对象', en: 'Link' })}</th><th>${both({ zh: '单位', en: 'Unit' })}</th><th>${both({ zh: '接收人', en: 'Recipients' })}</th><th>${both({ zh: '通知时间', en: 'Notified' })}</th><th>${both({ zh: '确认时限', en: 'Due' })}</th><th>${both({ zh: '确认', en: 'Acknowledged' })}</th></tr>
${noticeRows || '<tr><td colspan="7">—</td></tr>'}
</table>
<h2>${both({ zh: '处置过程', en: 'Response' })}</h2>
<table><tr><th>${both({ zh: '时间', en: 'Time' })}</th><th>${both({ zh: '事项', en: 'What' })}</th><th>${both({ zh: '人员', en: 'Who' })}</th><th>${both({ zh: '说明', en: 'Note' })}</th></tr>
${events}
</table>
<h2>${both({ zh: '关联工单', en: 'Linked tickets' })}</h2>
<table><tr><th>${both({ zh: '工单号', en: 'Number' })}</th><th>${both({ zh: '标题', en: 'Title' })}</th><th>${both({ zh: '受理时间', en: 'Received' })}</th><th>${both({ zh: '状态', en: 'State' })}</th></tr>
${ticketRows || '<tr><td colspan="4">—</td></tr>'}
</table>
<p class="en">打印时间 Printed ${at(r.printedAt)} · 怀柔区接诉即办平台 jiesu</p>
</body></html>`;
}
