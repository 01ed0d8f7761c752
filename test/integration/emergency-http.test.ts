/**
 * Incidents through HTTP on PGlite or PostgreSQL: an urgent ticket raised
 * as an incident in one action, many callers merged into one incident,
 * bad input refused with nothing changed, the response from report to
 * close, outsiders getting 404, the board feed, the printable report, and
 * drills that never reach the public nor count in the figures.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenIncidentChainAt, listIncidentEvents } from '../../src/db/repositories/incident-events.js';
import { newTicket, unitId } from '../support/factories.js';
import { anonymous, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type Crew, crew, MIN, outboxOf, QUANHE, standardRosterCsv } from './emergency-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let c: Crew;
const onPostgres = Boolean(process.env.DATABASE_URL);
const T0 = new Date('2024-11-26T10:00:00+08:00');
const GAS = '泉河街道富乐社区3号楼楼道里燃气味很重，怀疑燃气泄漏，请马上派人来！';

beforeAll(async () => {
  rt = await openTestRuntime();
  rt.clock.set(T0);
  app = await testServer(rt.ctx);
  c = await crew(app, rt.ctx);
  expect(
    (await c.admin.post('/api/duty/import', { csv: await standardRosterCsv(rt.ctx, c) })).statusCode,
  ).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function gasTicket(description = GAS, phone = '13812340000') {
  return newTicket(rt.ctx, {
    description,
    urgency: 'urgent',
    areaCode: '110116001',
    citizen: { name: '李女士', phone },
  });
}

async function incidentCount(): Promise<number> {
  const r = await rt.ctx.db
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe(`incidents over HTTP on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let incidentId = 0;
  let ticketIds: number[] = [];

  it('documents the emergency API in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    for (const path of [
      '/api/incidents/board',
      '/api/incidents/{id}/acknowledge',
      '/api/duty/now',
      '/api/duty/import',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('an agent raises an urgent ticket as an incident in one action, type from its words', async () => {
    const t = await gasTicket();
    const hint = await c.agent.get(`/api/tickets/${t.id}/incident-suggestion`);
    expect(hint.statusCode, hint.body).toBe(200);
    expect(hint.json()).toMatchObject({
      urgency: { urgency: 'urgent' },
      type: { type: 'gas' },
      level: { level: 'IV' },
      nearby: [],
    });

    const res = await c.agent.post(`/api/tickets/${t.id}/escalate-incident`, {
      level: 'III',
      leadUnitId: await unitId(rt.ctx, QUANHE),
      facts: { affected: 120 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'gas',
      level: 'III',
      status: 'reported',
      source: 'ticket',
      sourceTicketId: t.id,
      linkedTickets: 1,
      drill: false,
      leadUnit: { code: QUANHE },
      place: { townshipCode: '110116001', townshipName: '泉河街道' },
    });
    expect(body.number).toMatch(/^YJ20241126-\d{4}$/);
    expect(body.place.lat).toBeCloseTo(40.322, 2);
    expect(body.tickets.map((x: { id: number }) => x.id)).toEqual([t.id]);
    expect(res.headers.location).toBe(`/api/incidents/${body.id}`);
    incidentId = body.id;
    ticketIds = [t.id];
    // The caller hears the call is handled as an incident; the officer on duty is told.
    expect(
      await outboxOf(rt.ctx, { template: 'incident_ticket_linked', recipient: `ticket:${t.id}` }),
    ).toHaveLength(1);
    expect(
      await outboxOf(rt.ctx, { template: 'incident_notice', recipient: `user:${c.quanheDuty.userId}` }),
    ).toHaveLength(2);

    const again = await c.agent.post(`/api/tickets/${t.id}/escalate-incident`, {});
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'TICKET_ALREADY_IN_INCIDENT']);
  });

  it('many callers, one incident: the next tickets are suggested and linked, all or none', async () => {
    const more = [
      await gasTicket('富乐社区燃气味很重', '13812340001'),
      await gasTicket('3号楼漏气了', '13812340002'),
      await gasTicket('楼道有煤气味', '13812340003'),
    ];
    const hint = (await c.agent.get(`/api/tickets/${more[0]?.id}/incident-suggestion`)).json();
    expect(hint.nearby.map((n: { id: number }) => n.id)).toEqual([incidentId]);

    const res = await c.agent.post(`/api/incidents/${incidentId}/tickets`, {
      ticketIds: more.map((t) => t.id),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ linked: more.map((t) => t.id), alreadyLinked: [] });
    expect(res.json().incident.linkedTickets).toBe(4);
    ticketIds = [...ticketIds, ...more.map((t) => t.id)];
    expect((await c.agent.get(`/api/tickets/${more[1]?.id}/incident-suggestion`)).json().linkedTo.id).toBe(
      incidentId,
    );

    const repeat = await c.agent.post(`/api/incidents/${incidentId}/tickets`, { ticketIds: [more[0]?.id] });
    expect(repeat.json()).toMatchObject({ linked: [], alreadyLinked: [more[0]?.id] });

    // A ticket of another incident spoils the batch: nothing is linked.
    const other = await c.dispatcher.post('/api/incidents', {
      type: 'fire',
      title: '另一起火情',
      areaCode: '110116002',
    });
    expect(other.statusCode, other.body).toBe(201);
    const stray = await gasTicket('又一个燃气味', '13812340004');
    const clash = await c.agent.post(`/api/incidents/${other.json().id}/tickets`, {
      ticketIds: [stray.id, more[2]?.id],
    });
    expect([clash.statusCode, clash.json().error.code]).toEqual([409, 'TICKET_ALREADY_IN_INCIDENT']);
    const otherNow = (await c.dispatcher.get(`/api/incidents/${other.json().id}`)).json();
    expect(otherNow.linkedTickets).toBe(0);
    expect(otherNow.version).toBe(other.json().version);
    const missing = await c.agent.post(`/api/incidents/${incidentId}/tickets`, { ticketIds: [999_999] });
    expect(missing.statusCode).toBe(404);
    // Five SMS to five callers, each once.
    const sms = await outboxOf(rt.ctx, { template: 'incident_ticket_linked' });
    expect(sms.map((r) => r.recipient).sort()).toEqual(ticketIds.map((id) => `ticket:${id}`).sort());
  });

  it('bad input gets a clear error and changes nothing', async () => {
    const before = await incidentCount();
    const unknown = await c.dispatcher.post(
      '/api/incidents',
      { type: 'meteor', title: '陨石' },
      { 'accept-language': 'en' },
    );
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'INCIDENT_TYPE_UNKNOWN']);
    expect(unknown.json().error.message).toContain('Unknown incident type: meteor');
    const zh = await c.dispatcher.post('/api/incidents', { type: 'meteor', title: '陨石' });
    expect(zh.json().error.message).toContain('未知的事件类型：meteor');
    const level = await c.dispatcher.post('/api/incidents', { type: 'gas', level: 'V', title: '燃气' });
    expect(level.json().error.code).toBe('INCIDENT_LEVEL_UNKNOWN');
    const place = await c.dispatcher.post('/api/incidents', {
      type: 'gas',
      title: '燃气',
      areaCode: '110116999',
    });
    expect(place.json().error.code).toBe('AREA_NOT_FOUND');
    const vague = await newTicket(rt.ctx, { description: '小区门口路灯坏了' });
    const noType = await c.agent.post(`/api/tickets/${vague.id}/escalate-incident`, {});
    expect([noType.statusCode, noType.json().error.code]).toEqual([400, 'INCIDENT_TYPE_REQUIRED']);
    const close = await c.dispatcher.post(`/api/incidents/${incidentId}/close`, {});
    expect([close.statusCode, close.json().error.code]).toEqual([400, 'REASON_REQUIRED']);
    const contain = await c.dispatcher.post(`/api/incidents/${incidentId}/contain`, {});
    expect([contain.statusCode, contain.json().error.code]).toEqual([409, 'INCIDENT_TRANSITION_NOT_ALLOWED']);
    const stale = await c.dispatcher.post(`/api/incidents/${incidentId}/confirm`, { expectedVersion: 1 });
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(await incidentCount()).toBe(before);
    expect((await c.dispatcher.get(`/api/incidents/${incidentId}`)).json().status).toBe('reported');
  });

  it('outsiders get 404 and nothing changes; the lead unit and the notified see it', async () => {
    const before = (await c.dispatcher.get(`/api/incidents/${incidentId}`)).json().version;
    for (const who of [c.outsider, c.reviewer]) {
      for (const url of ['', '/timeline', '/report']) {
        const res = await who.get(`/api/incidents/${incidentId}${url}`);
        expect([res.statusCode, res.json().error.code], `${who.role} ${url}`).toEqual([
          404,
          'INCIDENT_NOT_FOUND',
        ]);
      }
      for (const action of ['confirm', 'acknowledge', 'severity', 'tickets']) {
        const res = await who.post(
          `/api/incidents/${incidentId}/${action}`,
          action === 'severity'
            ? { level: 'I', reason: 'x' }
            : action === 'tickets'
              ? { ticketIds: [1] }
              : {},
        );
        expect(res.statusCode, `${who.role} ${action}`).toBe(404);
      }
    }
    expect(
      (await c.outsider.get('/api/incidents')).json().items.map((i: { id: number }) => i.id),
    ).not.toContain(incidentId);
    expect((await c.outsider.get('/api/incidents/board')).json().items).toEqual([]);
    expect((await c.reviewer.get('/api/incidents/board')).statusCode).toBe(404);
    expect((await anonymous(app).get(`/api/incidents/${incidentId}`)).statusCode).toBe(401);
    expect((await c.dispatcher.get(`/api/incidents/${incidentId}`)).json().version).toBe(before);
    // The lead unit's handler and the centre's officer see it; the handler is offered its actions.
    const mine = (await c.quanheDuty.get(`/api/incidents/${incidentId}`)).json();
    expect(mine.availableActions).toEqual(['confirm', 'respond', 'note', 'acknowledge']);
    expect((await c.centreDuty.get(`/api/incidents/${incidentId}`)).statusCode).toBe(200);
    expect((await c.quanheDuty.get('/api/incidents/board')).json().scope).toBe('units');
  });

  it('the response moves from report to close, with the timeline and the printable report', async () => {
    rt.clock.set(new Date(T0.getTime() + 4 * MIN));
    expect((await c.quanheDuty.post(`/api/incidents/${incidentId}/acknowledge`, {})).statusCode).toBe(200);
    rt.clock.set(new Date(T0.getTime() + 6 * MIN));
    expect(
      (await c.quanheDuty.post(`/api/incidents/${incidentId}/confirm`, { reason: '现场确认燃气泄漏' })).json()
        .status,
    ).toBe('confirmed');
    rt.clock.set(new Date(T0.getTime() + 9 * MIN));
    expect((await c.quanheDuty.post(`/api/incidents/${incidentId}/respond`, {})).json().status).toBe(
      'responding',
    );
    expect(
      (
        await c.quanheDuty.post(`/api/incidents/${incidentId}/note`, {
          reason: '燃气公司抢修人员到场，已关阀',
        })
      ).statusCode,
    ).toBe(200);
    rt.clock.set(new Date(T0.getTime() + 40 * MIN));
    expect((await c.quanheDuty.post(`/api/incidents/${incidentId}/contain`, {})).json().status).toBe(
      'contained',
    );
    // Only the centre or a unit lead may close; the handler may not.
    const handlerClose = await c.quanheDuty.post(`/api/incidents/${incidentId}/close`, {
      reason: '处置完毕',
    });
    expect([handlerClose.statusCode, handlerClose.json().error.code]).toEqual([
      403,
      'INCIDENT_ROLE_NOT_ALLOWED',
    ]);
    rt.clock.set(new Date(T0.getTime() + 90 * MIN));
    const closed = await c.quanheLead.post(`/api/incidents/${incidentId}/close`, {
      reason: '泄漏点已修复，居民已返回',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', availableActions: [] });
    expect(closed.json().times).toMatchObject({
      confirmedAt: new Date(T0.getTime() + 6 * MIN).toISOString(),
      respondingAt: new Date(T0.getTime() + 9 * MIN).toISOString(),
      firstAcknowledgedAt: new Date(T0.getTime() + 4 * MIN).toISOString(),
    });
    expect(
      (await c.dispatcher.post(`/api/incidents/${incidentId}/note`, { reason: '补记' })).statusCode,
    ).toBe(409);

    const timeline = (await c.dispatcher.get(`/api/incidents/${incidentId}/timeline`)).json();
    expect(timeline.items.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'link_ticket',
      'notify',
      'link_ticket',
      'link_ticket',
      'link_ticket',
      'acknowledge',
      'confirm',
      'respond',
      'note',
      'contain',
      'close',
    ]);
    expect(timeline.items[0].actionLabel).toEqual({ zh: '报告', en: 'Report' });
    expect(brokenIncidentChainAt(await listIncidentEvents(rt.ctx.db, incidentId))).toBeNull();

    const report = await c.leader.get(`/api/incidents/${incidentId}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/html');
    expect(report.body).toContain('突发事件报告 YJ20241126-');
    expect(report.body).toContain('泄漏点已修复，居民已返回');
    expect(report.body).toContain('（报告后 9 分钟 / 9 min after report）');
    expect(report.body).not.toContain('演练');
    expect(report.body).not.toContain('13812340000');
    expect(report.body).not.toContain('<script');
  });
});
