/**
 * Emergency in the browser, from an urgent call to its acknowledgement: the
 * agent records a gas-leak call and raises it as an incident in one action,
 * the officer on duty (found by the roster) sees it waiting on the board
 * feed and acknowledges, and the district leader opens the printable
 * report, which shows who acknowledged and when. The situation board page
 * itself is the web app's (see docs/emergency.md); this scenario drives the
 * API it polls from signed-in browser sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/calendar.js';
import { importRoster } from '../../src/services/emergency/import-roster.js';
import { browserAvailable, containsText, type E2E, startE2E, visible } from './support/browser.js';
import { takeGasLeakCall } from './support/calls.js';

const run = browserAvailable();

describe.skipIf(!run)('e2e: emergency, urgent call to acknowledgement', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E({
      agent: { role: 'agent' },
      duty: { role: 'handler', unitCode: 'tw-quanhe' },
      centre: { role: 'handler', unitCode: 'centre' },
      leader: { role: 'supervisor' },
    });
    // Around the clock for three days, so the scenario never meets midnight without a roster.
    const today = localDate(new Date());
    const rows = [-1, 0, 1].flatMap((d) => {
      const day = addDays(today, d);
      return [
        `tw-quanhe,primary,${day},00:00,24:00,${e2e.users.duty?.username}`,
        `centre,primary,${day},00:00,24:00,${e2e.users.centre?.username}`,
        `centre,leader,${day},00:00,24:00,${e2e.users.leader?.username}`,
      ];
    });
    await importRoster(e2e.ctx, {
      actor: { userId: null, role: 'system' },
      csv: ['unit,post,date,start,end,user', ...rows].join('\n'),
    });
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('agent raises the call as an incident; the officer on duty acknowledges; the report shows it', async () => {
    const agent = await e2e.session('agent');
    const ticket = await takeGasLeakCall(agent);
    const hint = (await (
      await agent.page.request.get(`/api/tickets/${ticket.id}/incident-suggestion`)
    ).json()) as {
      urgency: { urgency: string };
      type: { type: string };
    };
    expect([hint.urgency.urgency, hint.type.type]).toEqual(['urgent', 'gas']);
    const raised = await agent.page.request.post(`/api/tickets/${ticket.id}/escalate-incident`, {
      headers: agent.headers,
      data: { level: 'II', leadUnitId: (await e2e.ctx.reference.get()).unitsByCode.get('tw-quanhe')?.id },
    });
    expect(raised.status(), await raised.text()).toBe(201);
    const incident = (await raised.json()) as { id: number; number: string };

    // The officer on duty finds it waiting for them on the board feed, and acknowledges.
    const duty = await e2e.session('duty');
    const board = (await (await duty.page.request.get('/api/incidents/board')).json()) as {
      items: {
        id: number;
        acknowledged: boolean;
        escalation: { link: { recipients: { id: number }[] } | null };
      }[];
    };
    const waiting = board.items.find((i) => i.id === incident.id);
    expect(waiting?.acknowledged).toBe(false);
    expect(waiting?.escalation.link?.recipients.map((r) => r.id)).toEqual([e2e.users.duty?.id]);
    const ack = await duty.page.request.post(`/api/incidents/${incident.id}/acknowledge`, {
      headers: duty.headers,
      data: { note: '已收到，燃气抢修已出发' },
    });
    expect(ack.status(), await ack.text()).toBe(200);

    // The district leader sees it acknowledged and prints the report.
    const leader = await e2e.session('leader');
    const after = (await (await leader.page.request.get('/api/incidents/board')).json()) as {
      items: { id: number; acknowledged: boolean; acknowledgedBy: { name: string }[] }[];
    };
    expect(after.items.find((i) => i.id === incident.id)).toMatchObject({
      acknowledged: true,
      acknowledgedBy: [{ name: 'duty' }],
    });
    await leader.page.goto(`/api/incidents/${incident.id}/report`);
    await visible(leader.page.locator('[data-testid=report-title]'));
    await containsText(leader.page.locator('[data-testid=report-title]'), incident.number);
    await containsText(leader.page.locator('[data-testid=report-status]'), '已报告');
    const firstAck = (await leader.page.locator('[data-testid=report-first-ack]').textContent()) ?? '';
    expect(firstAck).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await containsText(leader.page.locator('body'), ticket.number);
    await containsText(leader.page.locator('body'), 'duty');
    expect(await leader.page.locator('body').textContent()).not.toContain('13700137000');
    await e2e.shot(leader.page, 'emergency-report');
  });
});
