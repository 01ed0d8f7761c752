/**
 * Turns a batch of validated rows into the rows to write: rejects numbers
 * the database already holds, finds merge targets, takes ticket ids from the
 * identity sequence and numbers from the daily counters, replays each
 * history and checks the outcome against what the row states. Every row
 * that fails any of this becomes a rejected row; the others form the batch.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
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

export interface PreparedBatch {
  tickets: ReplayedTicket[];
  rejects: RejectedRow[];
  /** highest sequence per Beijing day among the batch's numbers of this deployment's prefix */
  counters: Map<string, number>;
  /** a merge targets a ticket of a recent batch, which may still be in flight */
  needsPrevious: boolean;
}

type Target = { id: number; state: string };

/** rows replayed between two turns of the event loop */
const REPLAY_SLICE = 50;

export interface PrepareEnv extends Omit<ReplayEnv, 'mergeTarget'> {
  db: Executor;
  lookups: Lookups;
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

export class BatchPreparer {
  /** tickets of the last few batches, which may still be in flight and invisible to queries */
  private recent: Map<string, Target>[] = [];

  constructor(
    private readonly env: PrepareEnv,
    /** how many batches may be in flight at once */
    private readonly keep = 4,
  ) {}

  private fromRecent(n: string): Target | undefined {
    for (const m of this.recent) {
      const t = m.get(n);
      if (t) return t;
    }
    return undefined;
  }

  async prepare(
    rows: readonly PendingRow[],
    timings?: { lookups: number; replay: number },
  ): Promise<PreparedBatch> {
    const started = process.hrtime.bigint();
    const { db } = this.env;
    const rejects: RejectedRow[] = [];
    const reject = (p: PendingRow, number: string | null, reasons: RowIssue[]) =>
      rejects.push({ line: p.line, number, reasons, raw: p.raw });

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
        reject(p, n, [
          issue(
            'number',
            'duplicate_number',
            `工单编号 ${n} 已存在于系统中`,
            `Ticket number ${n} already exists in the database`,
          ),
        ]);
      } else live.push(p);
    }

    // A target in this batch is found as the batch replays: only older ones are looked up (on an
    // initial load that query waits for the COPY in flight on the load's connection).
    const inBatch = new Set<string>();
    for (const p of live) if (p.ticket.number) inBatch.add(p.ticket.number);
    const wanted = new Set<string>();
    for (const p of live)
      for (const a of p.ticket.history)
        if (a.target && !inBatch.has(a.target) && !this.fromRecent(a.target)) wanted.add(a.target);
    const targets = new Map<string, Target>();
    if (wanted.size > 0) {
      const found = await sql<{ id: number; number: string; state: string }>`
        select id, number, state from tickets where number = any(${[...wanted]}::text[])`.execute(
        this.env.initial?.db ?? db,
      );
      for (const r of found.rows) targets.set(r.number, { id: Number(r.id), state: r.state });
    }

    const ids = await reserveTicketIds(this.env.db, live.length);
    const numbers = await this.reserveNumbers(live);
    const current = new Map<string, Target>();
    let needsPrevious = false;
    const mergeTarget = (n: string): Target | null => {
      const recent = current.has(n) ? undefined : this.fromRecent(n);
      if (recent) needsPrevious = true;
      return current.get(n) ?? recent ?? targets.get(n) ?? null;
    };
    const tickets: ReplayedTicket[] = [];
    const counters = new Map<string, number>();
    const replayed = process.hrtime.bigint();
    for (let i = 0; i < live.length; i++) {
      // Let the event loop feed the batch in flight to the database between slices of replay.
      if (i > 0 && i % REPLAY_SLICE === 0) await nextTurn();
      const p = live[i] as PendingRow;
      const t = p.ticket;
      const number = t.number ?? (numbers[i] as string);
      try {
        const r = replayTicket(t, ids[i] as number, number, { ...this.env, mergeTarget });
        const problems = outcomeIssues(t, r, this.env.lookups);
        if (problems.length > 0) {
          reject(p, t.number, problems);
          continue;
        }
        tickets.push(r);
        current.set(number, { id: r.row.id, state: r.row.state });
        this.count(counters, number);
      } catch (err) {
        if (!(err instanceof StepRefused)) throw err;
        reject(p, t.number, [err.issue]);
      }
    }
    if (timings) {
      const done = process.hrtime.bigint();
      timings.lookups += Number(replayed - started) / 1e6;
      timings.replay += Number(done - replayed) / 1e6;
    }
    this.recent = [current, ...this.recent].slice(0, this.keep);
    // Stated numbers of the prefix move the counters on, as each batch's counter upsert does.
    const held = this.env.initial?.counters;
    if (held) for (const [day, last] of counters) held.set(day, Math.max(held.get(day) ?? 0, last));
    rejects.sort((a, b) => a.line - b.line);
    return { tickets, rejects, counters, needsPrevious };
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

  private count(counters: Map<string, number>, number: string): void {
    const parsed = parseTicketNumber(number);
    if (!parsed || parsed.prefix !== this.env.prefix) return;
    const day = `20${parsed.day.slice(0, 2)}-${parsed.day.slice(2, 4)}-${parsed.day.slice(4, 6)}`;
    if (Number.isNaN(Date.parse(day))) return;
    counters.set(day, Math.max(counters.get(day) ?? 0, parsed.sequence));
  }
}
