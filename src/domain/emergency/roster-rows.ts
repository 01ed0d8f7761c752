/**
 * 值班表导入 The rows of a roster file, checked one by one, pure: columns
 * `unit,post,date,start,end,user[,note]` (or 单位,岗位,日期,开始,结束,人员,备注),
 * Beijing local dates and times; a shift whose end is not after its start
 * ends the next day (a night shift 20:00–08:00). Unit codes and usernames are
 * resolved by the use case, which knows the database.
 */
import { instantAt } from '../calendar.js';
import { DUTY_POSTS, type DutyPost } from './vocabulary.js';

export const ROSTER_COLUMNS = ['unit', 'post', 'date', 'start', 'end', 'user', 'note'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly RosterColumn[] = ['unit', 'post', 'date', 'start', 'end', 'user'];

const HEADER_ALIASES: Record<string, RosterColumn> = {
  单位: 'unit',
  单位编码: 'unit',
  岗位: 'post',
  日期: 'date',
  开始: 'start',
  开始时间: 'start',
  结束: 'end',
  结束时间: 'end',
  人员: 'user',
  用户名: 'user',
  备注: 'note',
};

const POST_ALIASES: Record<string, DutyPost> = {
  值班员: 'primary',
  值班: 'primary',
  主班: 'primary',
  副班: 'deputy',
  带班领导: 'leader',
  带班: 'leader',
};

export interface RosterRow {
  line: number;
  unitCode: string;
  post: DutyPost;
  username: string;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
}

export interface RowProblem {
  line: number;
  field: string;
  zh: string;
  en: string;
}

/** Column positions from the header; problems name the unknown, repeated or missing columns. */
export function rosterHeader(cells: readonly string[]): Map<RosterColumn, number> | RowProblem {
  const positions = new Map<RosterColumn, number>();
  for (const [i, raw] of cells.entries()) {
    const name = raw.trim().replace(/^\uFEFF/, '');
    const column = (ROSTER_COLUMNS as readonly string[]).includes(name.toLowerCase())
      ? (name.toLowerCase() as RosterColumn)
      : HEADER_ALIASES[name];
    if (!column) return { line: 1, field: name, zh: `未知列：${name}`, en: `unknown column: ${name}` };
    if (positions.has(column))
      return { line: 1, field: name, zh: `重复列：${name}`, en: `repeated column: ${name}` };
    positions.set(column, i);
  }
  const missing = REQUIRED.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    return {
      line: 1,
      field: missing.join(','),
      zh: `缺少列：${missing.join(', ')}`,
      en: `missing columns: ${missing.join(', ')}`,
    };
  }
  return positions;
}

function minutesOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** One data row to a shift, or the problems with it. */
export function rosterRow(
  cells: readonly string[],
  header: ReadonlyMap<RosterColumn, number>,
  line: number,
): RosterRow | RowProblem[] {
  const cell = (c: RosterColumn) => {
    const i = header.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  const problem = (field: string, zh: string, en: string) => problems.push({ line, field, zh, en });
  const unitCode = cell('unit');
  if (unitCode === '') problem('unit', '单位不能为空', 'unit is required');
  const rawPost = cell('post');
  const post = (DUTY_POSTS as readonly string[]).includes(rawPost.toLowerCase())
    ? (rawPost.toLowerCase() as DutyPost)
    : POST_ALIASES[rawPost];
  if (!post)
    problem(
      'post',
      `未知岗位：${rawPost}（值班员/副班/带班领导）`,
      `unknown post: ${rawPost} (primary, deputy, leader)`,
    );
  const username = cell('user');
  if (username === '') problem('user', '人员不能为空', 'user is required');
  const date = cell('date');
  const start = minutesOf(cell('start'));
  const end = minutesOf(cell('end'));
  if (start === null || start === 1440) problem('start', '开始时间应为 HH:MM', 'start must be HH:MM');
  if (end === null) problem('end', '结束时间应为 HH:MM', 'end must be HH:MM');
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  if (start !== null && end !== null && start < 1440) {
    try {
      startsAt = instantAt(date, start);
      // An end not after the start is the next morning: a night shift.
      endsAt = new Date(instantAt(date, end).getTime() + (end <= start ? 86_400_000 : 0));
    } catch {
      problem('date', `日期无效：${date}（YYYY-MM-DD）`, `invalid date: ${date} (YYYY-MM-DD)`);
    }
  }
  if (problems.length > 0 || !post || !startsAt || !endsAt) return problems;
  const note = cell('note');
  return { line, unitCode, post, username, startsAt, endsAt, note: note === '' ? null : note };
}
