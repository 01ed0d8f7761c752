/**
 * The incremental aggregates always equal a recomputation from raw tickets:
 * after random workflows through the real use cases (reopens, exemptions
 * granted and withdrawn after closing, returns and re-dispatch to another
 * unit, merges, cards from the deadline sweep), with refreshes interleaved,
 * concurrent, in small batches, and after bulk demo data. The SQL facts are
 * also checked ticket by ticket against the domain rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRow } from '../../src/db/schema.js';
import {
  type AssessmentCounts,
  addCounts,
  COUNT_KEYS,
  contributionOf,
  ZERO_COUNTS,
} from '../../src/domain/assessment.js';
import { beijingDay } from '../../src/domain/assessment-period.js';
import { isAppError } from '../../src/domain/errors.js';
import { assessedOf } from '../../src/services/assessment/cell-tickets.js';
import { sumUnits } from '../../src/services/assessment/read-cubes.js';
import {
  compareWithRecomputation,
  readStoredCubes,
} from '../../src/services/assessment/recompute-assessment.js';
import {
  hasPendingChanges,
  rebuildAssessment,
  refreshAssessment,
} from '../../src/services/assessment/refresh-assessment.js';
import { runDeadlineSweep } from '../../src/services/sweep/run-deadline-sweep.js';
import { answerTicket } from '../../src/services/tickets/answer-ticket.js';
import { approveReturn } from '../../src/services/tickets/approve-return.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { invalidateTicket } from '../../src/services/tickets/invalidate-ticket.js';
import { mergeTicket } from '../../src/services/tickets/merge-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { reopenTicket } from '../../src/services/tickets/reopen-ticket.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { returnTicket } from '../../src/services/tickets/return-ticket.js';
import { setExemption } from '../../src/services/tickets/set-exemption.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import { AGENT, actor, DISPATCHER, newTicket, someLeafCategory, unitId } from '../support/factories.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
const UNITS = ['tw-quanhe', 'tw-longshan', 'tw-beifang', 'dept-cgw'];
const AREAS = ['110116001', '110116002', '110116102'];
let unitIds: number[] = [];

beforeAll(async () => {
  rt = await openTestRuntime();
  rt.clock.set('2024-10-25T09:00:00+08:00');
  unitIds = await Promise.all(UNITS.map((c) => unitId(rt.ctx, c)));
});
afterAll(async () => {
  await rt?.close();
});

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

async function expectAgreement(): Promise<void> {
  expect(await compareWithRecomputation(rt.ctx)).toEqual([]);
}

/** The unit cube, recomputed in TypeScript from the rules of src/domain/assessment.ts. */
async function expectDomainAgreement(): Promise<void> {
  const tickets: TicketRow[] = await rt.ctx.db.selectFrom('tickets').selectAll().execute();
  const expected = new Map<string, AssessmentCounts>();
  for (const t of tickets) {
    const c = contributionOf(assessedOf(t));
    if (c.tickets === 0 || t.callback_at === null) continue;
    const key = `${t.main_unit_id}|${beijingDay(t.callback_at)}`;
    expected.set(key, addCounts(expected.get(key) ?? { ...ZERO_COUNTS }, c));
  }
  const days = [...new Set([...expected.keys()].map((k) => k.split('|')[1] as string))];
  for (const day of days) {
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    for (const row of await sumUnits(rt.ctx.db, { from: day, to: next })) {
      const want = expected.get(`${row.unitId}|${day}`) ?? ZERO_COUNTS;
      for (const k of COUNT_KEYS)
        expect({ key: `${row.unitId}|${day}|${k}`, v: row.counts[k] }).toEqual({
          key: `${row.unitId}|${day}|${k}`,
          v: want[k],
        });
    }
  }
}

/** One random step on one ticket; actions the state does not allow are simply refused by the domain. */
async function randomStep(r: ReturnType<typeof random>, ids: number[]): Promise<void> {
  const ctx = rt.ctx;
  if (ids.length === 0 || r.chance(0.15)) {
    const t = await newTicket(ctx, { areaCode: r.pick(AREAS), categoryId: await someLeafCategory(ctx) });
    ids.push(t.id);
    return;
  }
  const id = r.pick(ids);
  const t = await ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const main = t.main_unit_id ?? r.pick(unitIds);
  const handler = actor('handler', [main]);
  try {
    switch (t.state) {
      case 'received':
        if (r.chance(0.08)) await answerTicket(ctx, { ticketId: id, actor: AGENT, answer: '已直接答复' });
        else await dispatchTicket(ctx, { ticketId: id, actor: DISPATCHER, mainUnitId: r.pick(unitIds) });
        break;
      case 'dispatched':
        if (r.chance(0.15)) await returnTicket(ctx, { ticketId: id, actor: handler, reason: '非本单位职责' });
        else await signTicket(ctx, { ticketId: id, actor: handler });
        break;
      case 'return_requested':
        await approveReturn(ctx, { ticketId: id, actor: DISPATCHER });
        break;
      case 'accepted':
        await recordContact(ctx, { ticketId: id, actor: handler });
        break;
      case 'in_progress':
        await replyTicket(ctx, { ticketId: id, actor: handler, reply: '已处理' });
        break;
      case 'replied': {
        const reached = r.chance(0.8);
        await recordCallback(ctx, {
          ticketId: id,
          actor: DISPATCHER,
          reached,
          resolved: reached ? r.chance(0.7) : undefined,
          satisfaction: reached
            ? r.pick(['satisfied', 'basically_satisfied', 'unsatisfied'] as const)
            : undefined,
        });
        break;
      }
      case 'closed':
        if (t.callback_resolved === false && r.chance(0.5))
          await reopenTicket(ctx, { ticketId: id, actor: DISPATCHER, reason: '回访未解决，重办' });
        else
          await setExemption(ctx, {
            ticketId: id,
            actor: DISPATCHER,
            exempt: !t.exempt,
            reason: '核实后调整',
          });
        break;
      default:
        break;
    }
    if (r.chance(0.05) && ['received', 'dispatched', 'accepted'].includes(t.state)) {
      const target = r.pick(ids);
      if (r.chance(0.5)) await mergeTicket(ctx, { ticketId: id, targetId: target, actor: DISPATCHER });
      else await invalidateTicket(ctx, { ticketId: id, actor: DISPATCHER, reason: '重复骚扰' });
    }
  } catch (err) {
    if (!isAppError(err)) throw err;
  }
}

describe(`assessment aggregates on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('equal a recomputation after random workflows with refreshes interleaved', async () => {
    const r = random(20241126);
    const ids: number[] = [];
    for (let step = 0; step < 300; step++) {
      await randomStep(r, ids);
      // From minutes to two days: some contacts miss the response deadline, callbacks cross months.
      rt.clock.advance(r.chance(0.7) ? r.int(90) * 60_000 : r.int(48) * 3_600_000);
      if (r.chance(0.04)) await runDeadlineSweep(rt.ctx);
      if (r.chance(0.1)) await refreshAssessment(rt.ctx, { batchSize: 1 + r.int(9) });
    }
    await refreshAssessment(rt.ctx);
    expect(await hasPendingChanges(rt.ctx)).toBe(false);
    const called = await rt.ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('callback_at', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(called.n)).toBeGreaterThan(10);
    await expectAgreement();
    await expectDomainAgreement();
    const cards = await rt.ctx.db.selectFrom('assessment_card_days').select('n').execute();
    expect(cards.length).toBeGreaterThan(0);
  }, 240_000);

  it('stay exact with refreshes racing each other and the workflow', async () => {
    const r = random(7);
    const ids = (await rt.ctx.db.selectFrom('tickets').select('id').execute()).map((t) => t.id);
    const workflow = (async () => {
      for (let i = 0; i < 60; i++) {
        await randomStep(r, ids);
        rt.clock.advance(r.int(600) * 60_000);
      }
    })();
    const refreshers = [1, 2, 3].map(async (n) => {
      for (let i = 0; i < 8; i++) await refreshAssessment(rt.ctx, { batchSize: n * 3 });
    });
    await Promise.all([workflow, ...refreshers]);
    await refreshAssessment(rt.ctx);
    await expectAgreement();
  });

  it('a bounded refresh leaves the rest queued and says so; a rebuild gives the same cubes', async () => {
    await refreshAssessment(rt.ctx);
    // One queue row each: intake inserts the row (queued) and then only sets its event bookkeeping.
    for (let i = 0; i < 12; i++) await newTicket(rt.ctx);
    const partial = await refreshAssessment(rt.ctx, { batchSize: 3, maxBatches: 2 });
    expect(partial).toEqual({ tickets: 6, batches: 2, upToDate: false });
    // A big consumer vacuums the queue afterwards: outside any transaction, on both databases.
    expect((await refreshAssessment(rt.ctx, { batchSize: 3, vacuumAfterRows: 1 })).upToDate).toBe(true);
    await expectAgreement();
    const before = await readStoredCubes(rt.ctx);
    // A change queued before the rebuild is folded in by it and leaves nothing queued.
    await newTicket(rt.ctx);
    const rebuilt = await rebuildAssessment(rt.ctx);
    expect(rebuilt.tickets).toBe((await rt.ctx.db.selectFrom('tickets').select('id').execute()).length);
    expect(await hasPendingChanges(rt.ctx)).toBe(false);
    await expectAgreement();
    const after = await readStoredCubes(rt.ctx);
    expect(after.get('assessment_unit_days')).toEqual(before.get('assessment_unit_days'));
  });

  it('a change that moves nothing assessed queues nothing (the sweep’s bookkeeping, notes)', async () => {
    await refreshAssessment(rt.ctx);
    await rt.ctx.db.updateTable('tickets').set({ next_check_at: null }).execute();
    expect(await hasPendingChanges(rt.ctx)).toBe(false);
  });

  it('bulk demo data (one statement per batch) is queued and folded in exactly', async () => {
    const { seedDemo } = await import('../../src/seed/demo/seed-demo.js');
    await seedDemo(rt.ctx, { tickets: 400, since: '2024-06', seed: 3, until: rt.clock.now() });
    expect(await hasPendingChanges(rt.ctx)).toBe(true);
    await refreshAssessment(rt.ctx, { batchSize: 150 });
    await expectAgreement();
    await expectDomainAgreement();
  });
});
