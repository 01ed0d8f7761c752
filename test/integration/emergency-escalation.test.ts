/**
 * Escalation with a fake clock, through HTTP and the minute sweep, on
 * PGlite or PostgreSQL: a level-II incident climbs its chain at the
 * configured minutes and stops on acknowledgement; an unacknowledged one
 * runs out and alerts the centre; roster gaps fall to the deputy or the
 * next link; a level change starts a new round; the sweep is at most once.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenIncidentChainAt, listIncidentEvents } from '../../src/db/repositories/incident-events.js';
import { runEscalationSweep } from '../../src/services/emergency/run-escalation-sweep.js';
import { deliverOutbox } from '../../src/services/outbox/deliver-outbox.js';
import type { RenderedMessage } from '../../src/services/outbox/transports.js';
import { unitId } from '../support/factories.js';
import { testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import {
  type Crew,
  crew,
  LONGSHAN,
  MIN,
  noticesFor,
  outboxOf,
  QUANHE,
  standardRosterCsv,
} from './emergency-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let c: Crew;
const onPostgres = Boolean(process.env.DATABASE_URL);
const T0 = new Date('2024-11-26T10:00:00+08:00');

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  c = await crew(app, rt.ctx);
  const res = await c.admin.post('/api/duty/import', { csv: await standardRosterCsv(rt.ctx, c) });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function report(body: Record<string, unknown>) {
  const res = await c.dispatcher.post('/api/incidents', {
    type: 'gas',
    level: 'II',
    title: '富乐小区燃气泄漏',
    areaCode: '110116001',
    leadUnitId: await unitId(rt.ctx, QUANHE),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; number: string; level: string; version: number };
}

async function at(minutes: number) {
  rt.clock.set(new Date(T0.getTime() + minutes * MIN));
  return runEscalationSweep(rt.ctx);
}

const recipientsOf = async (id: number) =>
  (await noticesFor(rt.ctx, id)).map((n) => [n.link_index, n.target, n.recipient_user_ids, n.via]);

describe(`escalation on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('a level-II incident climbs at 10 and 20 minutes and stops on acknowledgement', async () => {
    rt.clock.set(T0);
    const incident = await report({});
    // The officer on duty is told at once, in app and by SMS.
    expect(await recipientsOf(incident.id)).toEqual([[0, 'unit_duty', [c.quanheDuty.userId], 'primary']]);
    const first = await outboxOf(rt.ctx, {
      template: 'incident_notice',
      recipient: `user:${c.quanheDuty.userId}`,
      incidentId: incident.id,
    });
    expect(first.map((r) => r.channel).sort()).toEqual(['inapp', 'sms']);
    expect(first[0]?.payload).toMatchObject({ drill: false, level: 'II', linkIndex: 0 });

    expect(await at(9)).toMatchObject({ notified: 0 });
    expect(await recipientsOf(incident.id)).toHaveLength(1);

    expect(await at(10)).toMatchObject({ checked: 1, notified: 1 });
    expect((await recipientsOf(incident.id))[1]).toEqual([
      1,
      'unit_lead',
      [c.quanheLead.userId],
      'unit_lead',
    ]);
    expect(await at(19.9)).toMatchObject({ checked: 0 });
    expect(await at(20)).toMatchObject({ notified: 1 });
    expect((await recipientsOf(incident.id))[2]).toEqual([
      2,
      'centre_duty',
      [c.centreDuty.userId],
      'primary',
    ]);

    // The board shows who is being waited for.
    rt.clock.set(new Date(T0.getTime() + 22 * MIN));
    const board = (await c.dispatcher.get('/api/incidents/board')).json();
    const item = board.items.find((x: { id: number }) => x.id === incident.id);
    expect(item).toMatchObject({ acknowledged: false, minutesSinceReport: 22, linkedTickets: 0 });
    expect(item.escalation.link).toMatchObject({ index: 2, target: 'centre_duty' });
    expect(item.escalation.link.recipients[0].id).toBe(c.centreDuty.userId);

    rt.clock.set(new Date(T0.getTime() + 25 * MIN));
    const ack = await c.centreDuty.post(`/api/incidents/${incident.id}/acknowledge`, {
      note: '已收到，正在调度',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ stoppedEscalation: true });
    expect(ack.json().incident.escalation.nextAt).toBeNull();

    for (const m of [30, 45, 60, 120]) expect(await at(m)).toMatchObject({ checked: 0, notified: 0 });
    expect(await recipientsOf(incident.id)).toHaveLength(3);

    const after = (await c.dispatcher.get('/api/incidents/board')).json();
    const acked = after.items.find((x: { id: number }) => x.id === incident.id);
    expect(acked.acknowledged).toBe(true);
    expect(acked.acknowledgedBy.map((a: { id: number }) => a.id)).toEqual([c.centreDuty.userId]);
    expect(acked.firstAcknowledgedAt).toBe(new Date(T0.getTime() + 25 * MIN).toISOString());

    // The first officer may still acknowledge late; nobody acknowledges twice; the unnotified cannot.
    expect((await c.quanheDuty.post(`/api/incidents/${incident.id}/acknowledge`, {})).statusCode).toBe(200);
    const twice = await c.quanheDuty.post(`/api/incidents/${incident.id}/acknowledge`, {});
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'INCIDENT_ALREADY_ACKNOWLEDGED']);
    const stranger = await c.dispatcher.post(`/api/incidents/${incident.id}/acknowledge`, {});
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([403, 'INCIDENT_NOT_NOTIFIED']);

    const events = await listIncidentEvents(rt.ctx.db, incident.id);
    expect(events.map((e) => e.action)).toEqual([
      'report',
      'notify',
      'notify',
      'notify',
      'acknowledge',
      'acknowledge',
    ]);
    expect(brokenIncidentChainAt(events)).toBeNull();
    const acks = await rt.ctx.db
      .selectFrom('incident_acknowledgements')
      .selectAll()
      .where('incident_id', '=', incident.id)
      .execute();
    expect(acks).toHaveLength(2);
  });

  it('unacknowledged, it climbs to the district leader and then alerts the centre once', async () => {
    rt.clock.set(T0);
    const incident = await report({ title: '青春路燃气管线破损' });
    for (const m of [10, 20, 30]) await at(m);
    expect((await recipientsOf(incident.id)).map((r) => r[1])).toEqual([
      'unit_duty',
      'unit_lead',
      'centre_duty',
      'district_leader',
    ]);
    expect((await recipientsOf(incident.id))[3]).toEqual([3, 'district_leader', [c.leader.userId], 'leader']);
    expect(await at(44)).toMatchObject({ exhausted: 0 });
    expect(await at(45)).toMatchObject({ exhausted: 1 });
    const alerts = await outboxOf(rt.ctx, { template: 'incident_unacknowledged', incidentId: incident.id });
    expect(alerts.map((a) => a.recipient).sort()).toEqual(['role:dispatcher', 'role:supervisor']);
    // Again and again at the same minute or later: nothing more.
    const before = (await outboxOf(rt.ctx, { incidentId: incident.id })).length;
    expect(await at(45)).toMatchObject({ checked: 0 });
    expect(await at(90)).toMatchObject({ checked: 0 });
    expect((await outboxOf(rt.ctx, { incidentId: incident.id })).length).toBe(before);
    const row = await rt.ctx.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(row.next_escalation_at).toBeNull();
    expect(row.chain_exhausted_round).toBe(1);
    // The district leader can still acknowledge the climb that reached them.
    expect((await c.leader.post(`/api/incidents/${incident.id}/acknowledge`, {})).statusCode).toBe(200);
  });

  it('two sweeps at once notify each link once', async () => {
    rt.clock.set(T0);
    const incident = await report({ title: '并发巡检' });
    rt.clock.set(new Date(T0.getTime() + 10 * MIN));
    const [a, b] = await Promise.all([runEscalationSweep(rt.ctx), runEscalationSweep(rt.ctx)]);
    expect(a.notified + b.notified).toBe(1);
    expect(await recipientsOf(incident.id)).toHaveLength(2);
    expect(
      await outboxOf(rt.ctx, {
        template: 'incident_notice',
        recipient: `user:${c.quanheLead.userId}`,
        incidentId: incident.id,
      }),
    ).toHaveLength(2);
    await c.quanheLead.post(`/api/incidents/${incident.id}/acknowledge`, {});
  });

  it('a gap in the officer post falls to the deputy; a unit with no roster passes to the next link at once', async () => {
    rt.clock.set(new Date('2024-11-26T21:00:00+08:00'));
    const night = await report({ title: '夜间燃气味' });
    expect(await recipientsOf(night.id)).toEqual([[0, 'unit_duty', [c.quanheDeputy.userId], 'deputy']]);
    await c.quanheDeputy.post(`/api/incidents/${night.id}/acknowledge`, {});

    rt.clock.set(new Date('2024-11-26T21:00:00+08:00'));
    const elsewhere = await report({
      title: '龙山街道路面塌陷',
      type: 'structural',
      leadUnitId: await unitId(rt.ctx, LONGSHAN),
    });
    // 龙山 keeps no roster and has no unit lead: both links are gaps, the centre hears at once.
    expect(await recipientsOf(elsewhere.id)).toEqual([
      [0, 'unit_duty', [], 'none'],
      [1, 'unit_lead', [], 'none'],
      [2, 'centre_duty', [c.centreDuty.userId], 'primary'],
    ]);
    const unfilled = await outboxOf(rt.ctx, { template: 'incident_link_unfilled', incidentId: elsewhere.id });
    expect(unfilled.map((u) => u.recipient)).toEqual(['role:dispatcher', 'role:dispatcher']);
    const board = (await c.dispatcher.get('/api/incidents/board')).json();
    expect(board.items.find((x: { id: number }) => x.id === elsewhere.id).escalation.link.target).toBe(
      'centre_duty',
    );
    await c.centreDuty.post(`/api/incidents/${elsewhere.id}/acknowledge`, {});
  });

  it('a level change needs a reason, changes nothing without one, and starts a new round', async () => {
    rt.clock.set(T0);
    const incident = await report({ level: 'III', title: '升级测试' });
    const noReason = await c.dispatcher.post(`/api/incidents/${incident.id}/severity`, { level: 'I' });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'REASON_REQUIRED']);
    const blank = await c.dispatcher.post(`/api/incidents/${incident.id}/severity`, {
      level: 'I',
      reason: '   ',
    });
    expect(blank.json().error.code).toBe('REASON_REQUIRED');
    const unknown = await c.dispatcher.post(`/api/incidents/${incident.id}/severity`, {
      level: 'V',
      reason: '升级',
    });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'INCIDENT_LEVEL_UNKNOWN']);
    const same = await rt.ctx.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect([same.level, same.event_count, same.escalation_round]).toEqual(['III', incident.version, 1]);

    await c.quanheDuty.post(`/api/incidents/${incident.id}/acknowledge`, {});
    rt.clock.set(new Date(T0.getTime() + 3 * MIN));
    const up = await c.dispatcher.post(`/api/incidents/${incident.id}/severity`, {
      level: 'I',
      reason: '疏散人数超过一千人',
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ level: 'I', escalation: { round: 2 }, acknowledged: false });
    const notices = await noticesFor(rt.ctx, incident.id);
    expect(notices.map((n) => [n.round, n.link_index])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    // Level I climbs after 5 minutes.
    expect(await at(7.9)).toMatchObject({ notified: 0 });
    expect(await at(8)).toMatchObject({ notified: 1 });
    expect((await c.quanheDuty.post(`/api/incidents/${incident.id}/acknowledge`, {})).json()).toMatchObject({
      stoppedEscalation: true,
    });
  });

  it('delivers the notices: SMS to the officer’s own phone, in-app to the user', async () => {
    const sms: RenderedMessage[] = [];
    const inapp: RenderedMessage[] = [];
    // Outbox rows become due at the database's own now(): deliver from a clock past it.
    rt.clock.set(new Date(Date.now() + 3_600_000));
    await deliverOutbox(rt.ctx, {
      transports: [
        { channel: 'sms', send: async (m) => void sms.push(m) },
        { channel: 'inapp', send: async (m) => void inapp.push(m) },
      ],
      maxBatches: 100,
    });
    const toOfficer = sms.filter((m) => m.template === 'incident_notice' && m.to === '13900000001');
    expect(toOfficer.length).toBeGreaterThan(0);
    expect(toOfficer[0]?.text).toMatch(/^【怀柔12345】Ⅱ级（重大）燃气泄漏事件 YJ20241126-\d{4}/);
    expect(toOfficer[0]?.text).toContain('请于 2024-11-26 10:10 前');
    expect(sms.some((m) => m.to.startsWith('user:'))).toBe(false);
    expect(
      inapp.some((m) => m.to === `user:${c.centreDuty.userId}` && m.template === 'incident_notice'),
    ).toBe(true);
  });
});
