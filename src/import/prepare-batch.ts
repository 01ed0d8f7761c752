/**
 * Turns a batch of validated rows into the rows to write, in two steps.
 * Planning (BatchPlanner, on the importing thread, in file order, with the
 * database): rejects numbers the database already holds, resolves merge
 * targets outside the batch, takes ticket ids from the identity sequence and
 * numbers from the daily counters. Replaying (replayBatch, pure, on any
 * thread — see replay-pool.ts): replays each history and checks the outcome
 * against what the row states. Every row that fails any of this becomes a
 * rejected row; the others form the batch.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { reserveTicketIds } from '../db/repositories/ticket-ids.js';
import { localDate } from '../domain/calendar.js';
import { formatTicketNumber, parseTicketNumber } from '../domain/ticket-number.js';
import { STATE_LABELS } from '../domain/vocabulary.js';
import type { ImportTicket, RejectedRow, RowIssue } from './format.js';
import type { Lookups } from './lookups.js';
import { type ReplayedTicket, replayTicket } from './replay.js';
import { activeCoUnits, type ReplayEnv, StepRefused } from './replay-types.js';

export interface PendingRow {
  line: number;
  ticket: ImportTicket;
  raw: string;
}

/** A merge target: a ticket of the database or of an earlier batch, as it stands. */
export type Target = { id: number; state: string };

/** What replaying a batch needs besides the rows: planned on the importing thread, sent to a replayer. */
export interface BatchPlan {
  /** the rows to replay, in file order */
  rows: PendingRow[];
  /** ticket id and number of each row */
  ids: number[];
  numbers: string[];
  /** merge targets outside the batch, by number */
  targets: [string, Target][];
}

export interface PlannedBatch {
  plan: BatchPlan;
  /** rows refused while planning (numbers the database already holds) */
  rejects: RejectedRow[];
  /** targets taken from recent batches as their rows state them, not yet known to have been written */
  assumed: string[];
}

export interface ReplayedBatch {
  tickets: ReplayedTicket[];
  rejects: RejectedRow[];
  /** highest sequence per Beijing day among the batch's numbers of this deployment's prefix */
  counters: Map<string, number>;
  /** the batch's tickets by number, as merge targets for the batches after it */
  current: Map<string, Target>;
}

export interface PlanEnv {
  db: Executor;
  prefix: string;
  /**
   * An initial load (initial-load.ts): the tables were empty when its
   * transaction began, so no number can already be taken; older merge
   * targets are looked up in that transaction (`db`, the only place its rows
   * are visible), and numbers are handed out from the counters in memory,
   * written in the same transaction by each batch.
   */
  initial?: { db: Executor; counters: Map<string, number> };
}

function issue(field: string, code: string, zh: string, en: string): RowIssue {
  return { field, code, zh, en };
}

/** What the row states about its end (state, main unit, co-units, deadlines) must be what the replay reached. */
export function outcomeIssues(t: ImportTicket, r: ReplayedTicket, lookups: Lookups): RowIssue[] {
  const issues: RowIssue[] = [];
  const row = r.row;
  if (row.state !== t.state) {
    const reached = STATE_LABELS[row.state as ImportTicket['state']] ?? { zh: row.state, en: row.state };
    issues.push(
      issue(
        'state',
        'state_mismatch',
        `最终状态为“${STATE_LABELS[t.state].zh}”，但办理过程走到“${reached.zh}”`,
        `state is "${t.state}" but the history ends in "${row.state}"`,
      ),
    );
  }
  if (t.mainUnitId !== undefined && t.mainUnitId !== row.main_unit_id) {
    const got = lookups.unitCode(row.main_unit_id) ?? 'none';
    issues.push(
      issue(
        'main_unit',
        'main_unit_mismatch',
        `主办单位与办理过程不符（过程结束时为 ${got}）`,
        `main_unit differs from the history (which ends with ${got})`,
      ),
    );
  }
  if (t.coUnitIds !== undefined) {
    const want = [...t.coUnitIds].sort((a, b) => a - b).join(',');
    const got = activeCoUnits(row, r).sort((a, b) => a - b);
    if (want !== got.join(',')) {
      const names = got.map((u) => lookups.unitCode(u)).join(', ') || 'none';
      issues.push(
        issue(
          'co_units',
          'co_units_mismatch',
          `协办单位与办理过程不符（过程结束时为 ${names}）`,
          `co_units differ from the history (which ends with ${names})`,
        ),
      );
    }
  }
  const d = t.deadlines;
  if ((d.sign_due_at || d.response_due_at || d.reply_due_at || d.return_due_at) && row.dispatch_round === 0) {
    issues.push(
      issue(
        'reply_due_at',
        'deadline_without_dispatch',
        '给出了办理时限，但工单从未派单',
        'Deadlines are given but the ticket was never dispatched',
      ),
    );
  }
  if (d.callback_due_at && !r.events.some((e) => e.action === 'reply')) {
    issues.push(
      issue(
        'callback_due_at',
        'deadline_without_reply',
        '给出了回访时限，但工单从未办结反馈',
        'callback_due_at is given but the ticket was never replied',
      ),
    );
  }
  return issues;
}

/** What replaying a batch needs: the same on every thread. */
export type ReplayBatchEnv = Omit<ReplayEnv, 'mergeTarget'> & { lookups: Lookups; prefix: string };

/** rows replayed between two pauses, and handed to `slice` at once */
const REPLAY_SLICE = 50;

/**
 * Replays a planned batch (pure: any thread may run it), a slice of rows at
 * a time. On the importing thread `pause` lets the event loop feed the batch
 * in flight to the database between slices.
 */
export async function replayBatch(
  plan: BatchPlan,
  env: ReplayBatchEnv,
  o: {
    pause?: () => Promise<void>;
    /** takes the tickets of each slice as it is replayed (they are then left out of the result) */
    slice?: (tickets: ReplayedTicket[]) => void;
  } = {},
): Promise<ReplayedBatch> {
  const rejects: RejectedRow[] = [];
  const targets = new Map(plan.targets);
  const current = new Map<string, Target>();
  const mergeTarget = (n: string): Target | null => current.get(n) ?? targets.get(n) ?? null;
  let tickets: ReplayedTicket[] = [];
  const counters = new Map<string, number>();
  for (let i = 0; i < plan.rows.length; i++) {
    if (i > 0 && i % REPLAY_SLICE === 0) {
      if (o.slice) {
        o.slice(tickets);
        tickets = [];
      }
      if (o.pause) await o.pause();
    }
    const p = plan.rows[i] as PendingRow;
    const t = p.ticket;
    const number = plan.numbers[i] as string;
    try {
      const r = replayTicket(t, plan.ids[i] as number, number, { ...env, mergeTarget });
      const problems = outcomeIssues(t, r, env.lookups);
      if (problems.length > 0) {
        rejects.push({ line: p.line, number: t.number, reasons: problems, raw: p.raw });
        continue;
      }
      tickets.push(r);
      current.set(number, { id: r.row.id, state: r.row.state });
      countNumber(counters, env.prefix, number);
    } catch (err) {
      if (!(err instanceof StepRefused)) throw err;
      rejects.push({ line: p.line, number: t.number, reasons: [err.issue], raw: p.raw });
    }
  }
  if (o.slice && tickets.length > 0) {
    o.slice(tickets);
    tickets = [];
  }
  return { tickets, rejects, counters, current };
}

/** Moves a day's counter on to a number of the prefix (stated numbers must never be handed out again). */
function countNumber(counters: Map<string, number>, prefix: string, number: string): void {
  const parsed = parseTicketNumber(number);
  if (!parsed || parsed.prefix !== prefix) return;
  const day = `20${parsed.day.slice(0, 2)}-${parsed.day.slice(2, 4)}-${parsed.day.slice(4, 6)}`;
  if (Number.isNaN(Date.parse(day))) return;
  counters.set(day, Math.max(counters.get(day) ?? 0, parsed.sequence));
}

export class BatchPlanner {
  /**
   * The tickets of the last few batches, by number, as their rows state them:
   * those batches may still be replaying or unwritten, invisible to queries.
   */
  private recent: Map<string, Target>[] = [];

  constructor(
    private readonly env: PlanEnv,
    /** how many batches may be planned and not yet committed at once */
    private readonly keep = 4,
  ) {}

  async plan(rows: readonly PendingRow[]): Promise<PlannedBatch> {
    const { db } = this.env;
    const rejects: RejectedRow[] = [];
    const stated = rows.flatMap((p) => (p.ticket.number ? [p.ticket.number] : []));
    const taken = new Set<string>();
    if (stated.length > 0 && !this.env.initial) {
      const found = await sql<{
        number: string;
      }>`select number from tickets where number = any(${stated}::text[])`.execute(db);
      for (const r of found.rows) taken.add(r.number);
    }
    const live: PendingRow[] = [];
    for (const p of rows) {
      const n = p.ticket.number;
      if (n && taken.has(n)) {
        rejects.push({
          line: p.line,
          number: n,
          reasons: [
            issue(
              'number',
              'duplicate_number',
              `工单编号 ${n} 已存在于系统中`,
              `Ticket number ${n} already exists in the database`,
            ),
          ],
          raw: p.raw,
        });
      } else live.push(p);
    }

    // A target in this batch is found as the batch replays. One of a recent batch is taken as its
    // row states it, without waiting for that batch's replay: a row is written only if its replay
    // ends in the state it states, and the writer replays this batch again in the rare case the
    // target's row was rejected (`assumed`). Only older targets are looked up (on an initial load
    // that query waits for the COPY in flight on the load's connection).
    const inBatch = new Set<string>();
    for (const p of live) if (p.ticket.number) inBatch.add(p.ticket.number);
    const wanted = new Set<string>();
    for (const p of live)
      for (const a of p.ticket.history) if (a.target && !inBatch.has(a.target)) wanted.add(a.target);
    const targets = new Map<string, Target>();
    const assumed: string[] = [];
    for (const n of wanted) {
      const t = this.fromRecent(n);
      if (!t) continue;
      wanted.delete(n);
      targets.set(n, t);
      assumed.push(n);
    }
    if (wanted.size > 0) {
      const found = await sql<{ id: number; number: string; state: string }>`
        select id, number, state from tickets where number = any(${[...wanted]}::text[])`.execute(
        this.env.initial?.db ?? db,
      );
      for (const r of found.rows) targets.set(r.number, { id: Number(r.id), state: r.state });
    }

    // Stated numbers of the prefix move the counters on before numbers are taken from them: the
    // batches before this one may not be written yet, and numbers handed out must not meet them.
    const highest = new Map<string, number>();
    for (const p of live) if (p.ticket.number) countNumber(highest, this.env.prefix, p.ticket.number);
    await this.moveCounters(highest);
    const ids = await reserveTicketIds(db, live.length);
    const generated = await this.reserveNumbers(live);
    const numbers = live.map((p, i) => p.ticket.number ?? (generated[i] as string));
    const mine = new Map<string, Target>();
    live.forEach((p, i) => {
      mine.set(numbers[i] as string, { id: ids[i] as number, state: p.ticket.state });
    });
    this.recent = [mine, ...this.recent].slice(0, this.keep);
    return { plan: { rows: live, ids, numbers, targets: [...targets] }, rejects, assumed };
  }

  private fromRecent(n: string): Target | undefined {
    for (const m of this.recent) {
      const t = m.get(n);
      if (t) return t;
    }
    return undefined;
  }

  /** Numbers for rows without one: a block per Beijing day, reserved and committed on its own like intake's. */
  private async reserveNumbers(rows: readonly PendingRow[]): Promise<(string | null)[]> {
    const perDay = new Map<string, number>();
    for (const p of rows) {
      if (p.ticket.number) continue;
      const day = localDate(p.ticket.receivedAt);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    if (perDay.size === 0) return rows.map(() => null);
    const next = this.env.initial
      ? this.takeInMemory(this.env.initial.counters, perDay)
      : await this.takeFromCounters(perDay);
    return rows.map((p) => {
      if (p.ticket.number) return null;
      const day = localDate(p.ticket.receivedAt);
      const seq = next.get(day) ?? 1;
      next.set(day, seq + 1);
      return formatTicketNumber(this.env.prefix, p.ticket.receivedAt, seq);
    });
  }

  /** Each day's counter moves on to at least `highest`. */
  private async moveCounters(highest: ReadonlyMap<string, number>): Promise<void> {
    if (highest.size === 0) return;
    const held = this.env.initial?.counters;
    if (held) {
      for (const [day, last] of highest) held.set(day, Math.max(held.get(day) ?? 0, last));
      return;
    }
    const days = [...highest.keys()];
    await sql`
      insert into ticket_number_counters (prefix, day, last)
      select ${this.env.prefix}, d::date, l from unnest(${days}::text[], ${days.map((d) => highest.get(d) ?? 0)}::int[]) as x(d, l)
      on conflict (prefix, day) do update set last = greatest(ticket_number_counters.last, excluded.last)`.execute(
      this.env.db,
    );
  }

  /** The first sequence of each day's block. */
  private takeInMemory(counters: Map<string, number>, perDay: Map<string, number>): Map<string, number> {
    const next = new Map<string, number>();
    for (const [day, n] of perDay) {
      const last = counters.get(day) ?? 0;
      next.set(day, last + 1);
      counters.set(day, last + n);
    }
    return next;
  }

  private async takeFromCounters(perDay: Map<string, number>): Promise<Map<string, number>> {
    const days = [...perDay.keys()];
    const r = await sql<{ day: string; last: number }>`
      insert into ticket_number_counters (prefix, day, last)
      select ${this.env.prefix}, d::date, n from unnest(${days}::text[], ${days.map((d) => perDay.get(d) ?? 0)}::int[]) as x(d, n)
      on conflict (prefix, day) do update set last = ticket_number_counters.last + excluded.last
      returning day::text as day, last`.execute(this.env.db);
    return new Map(r.rows.map((x) => [x.day, x.last - (perDay.get(x.day) ?? 0) + 1]));
  }
}
