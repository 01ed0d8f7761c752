/**
 * A small, hand-built assessment month (November 2024) whose figures are
 * computed by hand in the tests, plus one October ticket (previous period)
 * and one 2019 ticket (baseline year). Built through the ticket use cases
 * with the test clock.
 */
import type { TicketRow } from '../../src/db/schema.js';
import type { Satisfaction } from '../../src/domain/vocabulary.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { reopenTicket } from '../../src/services/tickets/reopen-ticket.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { setExemption } from '../../src/services/tickets/set-exemption.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import { DISPATCHER, handlerOf, newTicket, unitId } from './factories.js';
import type { TestRuntime } from './runtime.js';

export interface Outcome {
  /** first contact after the 24 h response deadline */
  late?: boolean;
  reached?: boolean;
  resolved?: boolean;
  satisfaction?: Satisfaction;
  exempt?: boolean;
  /** reopened after its callback (so its callback no longer counts) */
  reopen?: boolean;
}

const HOUR = 3_600_000;

/** One ticket from intake to callback for `unitCode`, starting at `start` (Beijing time). */
export async function handled(
  rt: TestRuntime,
  unitCode: string,
  start: string,
  o: Outcome = {},
): Promise<TicketRow> {
  const ctx = rt.ctx;
  rt.clock.set(start);
  const handler = await handlerOf(ctx, unitCode);
  const t = await newTicket(ctx);
  await dispatchTicket(ctx, { ticketId: t.id, actor: DISPATCHER, mainUnitId: await unitId(ctx, unitCode) });
  await signTicket(ctx, { ticketId: t.id, actor: handler });
  rt.clock.advance(o.late ? 30 * HOUR : HOUR);
  await recordContact(ctx, { ticketId: t.id, actor: handler });
  await replyTicket(ctx, { ticketId: t.id, actor: handler, reply: '已处理完毕' });
  rt.clock.advance(HOUR);
  const reached = o.reached ?? true;
  let row = (
    await recordCallback(ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      reached,
      resolved: reached ? (o.resolved ?? true) : undefined,
      satisfaction: reached ? (o.satisfaction ?? 'satisfied') : undefined,
    })
  ).ticket;
  if (o.exempt) {
    row = (await setExemption(ctx, { ticketId: t.id, actor: DISPATCHER, exempt: true, reason: '不可抗力' }))
      .ticket;
  }
  if (o.reopen) {
    row = (await reopenTicket(ctx, { ticketId: t.id, actor: DISPATCHER, reason: '未解决，重办' })).ticket;
  }
  return row;
}

export interface AssessmentFixture {
  a: TicketRow[];
  /** tickets of unit A by role in the hand computation */
  lateA: TicketRow;
  unreachableA: TicketRow;
  exemptA: TicketRow;
  basicA: TicketRow;
  hotTopic: TicketRow[];
}

export const UNIT_A = 'tw-quanhe';
export const UNIT_B = 'tw-longshan';
export const UNIT_C = 'tw-beifang';
export const UNIT_C2 = 'tw-huairou';
export const DEPT = 'dept-cgw';

/**
 * November 2024, by unit (composite with weights 10/45/45, 基本满意 0.8):
 *   A: 5 called back, 1 exempt → 4 counted; 3 in time; 3 reached (1 unreachable);
 *      2 resolved, 1 not; 1 satisfied, 1 basically, 1 unsatisfied
 *      → 75%, 66.67%, 60% → 7.5 + 30 + 27 = 64.5; a 6th ticket was reopened and does not count
 *   B: 2 perfect → 100 · C and C2: 1 late but resolved and satisfied → 90 each (tied)
 *   DEPT: 1 in time, unresolved, basically satisfied → 10 + 0 + 36 = 46
 * October 2024, A: 1 perfect → 100. 2019, A: 1 in time, unresolved, unsatisfied → 10.
 */
export async function buildAssessmentFixture(rt: TestRuntime): Promise<AssessmentFixture> {
  const a: TicketRow[] = [];
  await handled(rt, UNIT_A, '2019-05-10T09:00:00+08:00', { resolved: false, satisfaction: 'unsatisfied' });
  await handled(rt, UNIT_A, '2024-10-10T09:00:00+08:00');
  a.push(await handled(rt, UNIT_A, '2024-11-04T09:00:00+08:00'));
  const basicA = await handled(rt, UNIT_A, '2024-11-05T09:00:00+08:00', {
    satisfaction: 'basically_satisfied',
  });
  const lateA = await handled(rt, UNIT_A, '2024-11-06T09:00:00+08:00', {
    late: true,
    resolved: false,
    satisfaction: 'unsatisfied',
  });
  const unreachableA = await handled(rt, UNIT_A, '2024-11-07T09:00:00+08:00', { reached: false });
  const exemptA = await handled(rt, UNIT_A, '2024-11-08T09:00:00+08:00', { exempt: true });
  a.push(basicA, lateA, unreachableA, exemptA);
  await handled(rt, UNIT_A, '2024-11-09T09:00:00+08:00', { resolved: false, reopen: true });
  await handled(rt, UNIT_B, '2024-11-10T09:00:00+08:00');
  await handled(rt, UNIT_B, '2024-11-11T09:00:00+08:00');
  await handled(rt, UNIT_C, '2024-11-12T09:00:00+08:00', { late: true });
  await handled(rt, UNIT_C2, '2024-11-13T09:00:00+08:00', { late: true });
  await handled(rt, DEPT, '2024-11-14T09:00:00+08:00', {
    resolved: false,
    satisfaction: 'basically_satisfied',
  });
  // A hot topic: the same full bins in one community, four times in November (received, not yet handled,
  // so that A's figures above stay as computed). The lamp tickets above form another topic.
  const hotTopic: TicketRow[] = [];
  for (const [i, text] of [
    '幸福里小区垃圾桶满了三天没人清运，气味很大',
    '幸福里小区的垃圾桶满了没人清运，苍蝇很多',
    '反映幸福里小区垃圾桶满了，一直没人清运',
    '幸福里小区垃圾没人清运，垃圾桶满了溢出来',
  ].entries()) {
    rt.clock.set(`2024-11-${20 + i}T09:00:00+08:00`);
    hotTopic.push(await newTicket(rt.ctx, { description: text, areaCode: '110116001' }));
  }
  rt.clock.set('2024-11-26T10:00:00+08:00');
  return { a, lateA, unreachableA, exemptA, basicA, hotTopic };
}
