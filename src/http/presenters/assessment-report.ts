/**
 * A unit's monthly assessment report 月度考核报告 as one printable HTML page
 * (Chinese first, English beside): print it, or "save as PDF" from the
 * browser. Self-contained: inline CSS and an inline SVG trend, no script.
 */
import type { AssessmentRates, RatesDelta } from '../../domain/assessment.js';
import { SATISFACTION_LABELS, type Satisfaction } from '../../domain/vocabulary.js';
import type { UnitReport, WorstTicket } from '../../services/assessment/unit-report.js';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const signed = (v: number | null, unit: string) =>
  v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(2)}${unit}`;

const MEASURES: { key: keyof AssessmentRates; zh: string; en: string }[] = [
  { key: 'response', zh: '响应率', en: 'Response rate' },
  { key: 'resolution', zh: '解决率', en: 'Resolution rate' },
  { key: 'satisfaction', zh: '满意率', en: 'Satisfaction rate' },
  { key: 'composite', zh: '综合得分', en: 'Composite score' },
];

function rateCell(key: keyof AssessmentRates, r: AssessmentRates): string {
  return key === 'composite' ? score(r.composite) : pct(r[key]);
}

function deltaCell(key: keyof RatesDelta, d: RatesDelta): string {
  return signed(d[key], key === 'composite' ? '' : ' pt');
}

function sparkline(points: (number | null)[]): string {
  const w = 520;
  const h = 120;
  const known = points.filter((p): p is number => p !== null);
  if (known.length === 0) return '<p class="muted">暂无数据 No data</p>';
  const min = Math.min(...known, 60);
  const max = Math.max(...known, 100);
  const x = (i: number) => (points.length <= 1 ? w / 2 : 10 + (i * (w - 20)) / (points.length - 1));
  const y = (v: number) => h - 10 - ((v - min) / (max - min || 1)) * (h - 20);
  const path = points
    .map((p, i) => (p === null ? null : `${x(i).toFixed(1)},${y(p).toFixed(1)}`))
    .filter((s): s is string => s !== null)
    .join(' ');
  const dots = points
    .map((p, i) => (p === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(p).toFixed(1)}" r="3"/>`))
    .join('');
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="综合得分趋势 Composite trend">
  <polyline points="${path}" fill="none" stroke="#c0392b" stroke-width="2"/>${dots}</svg>`;
}

function outcomeText(w: WorstTicket): string {
  const parts: string[] = [];
  const o = w.outcomes;
  if (o.satisfaction && o.satisfaction !== 'unreachable') {
    const l = SATISFACTION_LABELS[o.satisfaction as Satisfaction];
    parts.push(`${l.zh} ${l.en}`);
  }
  if (o.resolution === 'unresolved') parts.push('未解决 Unresolved');
  if (o.resolution === 'unreachable') parts.push('未接通 Unreachable');
  if (o.response === 'missed') parts.push('响应超时 Response late');
  if (w.lateReply) parts.push('办结超期 Reply late');
  return parts.join('；');
}

export function renderUnitReport(r: UnitReport, o: { generatedAt: Date }): string {
  const row = r.row;
  const unit = row.unit;
  const t = r.table;
  const w = t.settings.weights;
  const rank = row.rank
    ? `第 ${row.rank.rank} 名 / 共 ${row.rank.of} 个 — Rank ${row.rank.rank} of ${row.rank.of}`
    : '未排名 Not ranked';
  const rankChange =
    row.change.rank === null
      ? ''
      : ` (${row.change.rank > 0 ? '↑' : row.change.rank < 0 ? '↓' : '='}${Math.abs(row.change.rank)})`;
  const c = row.counts;
  const ops = r.operations;
  const title = `${unit.name} ${t.period.label} 考核报告 — ${unit.nameEn} assessment report`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(title)}</title>
<style>
  body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 24px; color: #222; }
  h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 16px; margin-top: 24px; border-bottom: 2px solid #c0392b; }
  .en { color: #666; font-size: 0.9em; } .muted { color: #888; }
  table { border-collapse: collapse; width: 100%; margin-top: 8px; font-size: 13px; }
  th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; } th { background: #f4f4f4; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.self td { background: #fdecea; font-weight: bold; }
  .rank { font-size: 18px; font-weight: bold; color: #c0392b; }
  svg circle { fill: #c0392b; }
  @media print { body { margin: 10mm; } h2 { break-after: avoid; } table { break-inside: auto; } }
</style>
</head>
<body>
<h1>${e(unit.name)} 月度考核报告</h1>
<div class="en">${e(unit.nameEn)} — assessment report</div>
<p>统计周期 Period：<b>${e(t.period.from)} – ${e(t.period.to)}</b>（按回访时间 by callback date）
 · 生成于 Generated ${e(o.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC${t.upToDate ? '' : ' · <b>数据更新中 aggregates still catching up</b>'}</p>
<p class="rank">${e(rank)}${e(rankChange)}</p>

<h2>得分 Scores</h2>
<table>
<tr><th>指标 Measure</th><th>本期 This period</th><th>上期 Previous (${e(t.previousPeriod.label)})</th><th>较上期 Δ</th><th>基准年 Baseline ${t.baselineYear}</th><th>较基准年 Δ</th></tr>
${MEASURES.map(
  (
    m,
  ) => `<tr><td>${m.zh} ${m.en}</td><td class="num">${rateCell(m.key, row.rates)}</td><td class="num">${rateCell(m.key, row.previous.rates)}</td>
<td class="num">${deltaCell(m.key, row.change.vsPrevious)}</td><td class="num">${rateCell(m.key, row.baseline.rates)}</td><td class="num">${deltaCell(m.key, row.change.vsBaseline)}</td></tr>`,
).join('\n')}
</table>
<p class="muted">权重 Weights：响应 response ${w.response * 100}% · 解决 resolution ${w.resolution * 100}% · 满意 satisfaction ${w.satisfaction * 100}%；基本满意按 ${t.settings.basicallySatisfiedWeight} 计 (basically satisfied counts ${t.settings.basicallySatisfiedWeight})。</p>

<h2>工单 Tickets</h2>
<table>
<tr><th>回访 Called back</th><th>不纳入考核 Exempt</th><th>参评 Counted</th><th>未接通 Unreachable</th><th>按时响应 Responded in time</th><th>解决 Resolved</th><th>未解决 Unresolved</th><th>满意 Satisfied</th><th>基本满意 Basically</th><th>不满意 Unsatisfied</th></tr>
<tr>${[
    c.tickets,
    c.exempt,
    c.counted,
    c.unreachable,
    c.responded,
    c.resolved,
    c.unresolved,
    c.satisfied,
    c.basicallySatisfied,
    c.unsatisfied,
  ]
    .map((n) => `<td class="num">${n}</td>`)
    .join('')}</tr>
</table>

<h2>同组排名 Ranking in the peer group</h2>
<table>
<tr><th>排名 Rank</th><th>单位 Unit</th><th>综合得分 Composite</th></tr>
${r.peers.map((p) => `<tr${p.self ? ' class="self"' : ''}><td class="num">${p.rank ?? '—'}</td><td>${e(p.name)}</td><td class="num">${score(p.composite)}</td></tr>`).join('\n')}
</table>

<h2>近12个月趋势 Last twelve months</h2>
${sparkline(r.months.map((m) => m.composite))}
<table>
<tr><th>月份 Month</th><th>参评 Counted</th><th>响应率 Response</th><th>解决率 Resolution</th><th>满意率 Satisfaction</th><th>综合 Composite</th></tr>
${r.months.map((m) => `<tr><td>${e(m.month)}</td><td class="num">${m.counted}</td><td class="num">${pct(m.response)}</td><td class="num">${pct(m.resolution)}</td><td class="num">${pct(m.satisfaction)}</td><td class="num">${score(m.composite)}</td></tr>`).join('\n')}
</table>

${
  ops
    ? `<h2>时效与督办 Timeliness and supervision</h2>
<table>
<tr><th>黄牌 Yellow cards</th><th>红牌 Red cards</th><th>督办 Supervised</th><th>办结超期 Late replies</th><th>当前超期 Overdue now</th><th>平均签收 Avg. to sign (h)</th><th>平均响应 Avg. to contact (h)</th><th>平均办结 Avg. to reply (h)</th></tr>
<tr><td class="num">${ops.cards.sign.yellow + ops.cards.response.yellow + ops.cards.reply.yellow}</td><td class="num">${ops.cards.sign.red + ops.cards.response.red + ops.cards.reply.red}</td>
<td class="num">${ops.supervised}</td><td class="num">${ops.lateReplies}</td><td class="num">${ops.overdueNow}</td>
<td class="num">${ops.hours.sign ?? '—'}</td><td class="num">${ops.hours.contact ?? '—'}</td><td class="num">${ops.hours.reply ?? '—'}</td></tr>
</table>`
    : ''
}

<h2>重点关注工单 Worst tickets</h2>
${
  r.worst.length === 0
    ? '<p class="muted">本期无不满意、未解决或超时工单 No unsatisfied, unresolved or late tickets in the period.</p>'
    : `<table>
<tr><th>工单号 Number</th><th>标题 Title</th><th>回访 Callback</th><th>问题 Outcome</th></tr>
${r.worst.map((x) => `<tr><td>${e(x.ticket.number)}</td><td>${e(x.ticket.title)}</td><td>${e(x.ticket.callback_at?.toISOString().slice(0, 10) ?? '')}</td><td>${e(outcomeText(x))}</td></tr>`).join('\n')}
</table>`
}
</body>
</html>
`;
}
