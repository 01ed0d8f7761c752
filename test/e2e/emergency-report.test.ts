/**
 * Reporting in the browser: the centre's agent reports a gas leak through
 * the 报告突发事件 form and lands on the new incident's page (and it is on
 * the board); the agent raises an urgent ticket as an incident from the
 * ticket page, the type already picked from the ticket's words. An admin
 * sees every incident but the report rule leaves them out: no report link
 * on the board, no escalate button on the ticket, and the API answers 403
 * with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, containsText, type E2E, hasCount, startE2E, visible } from './support/browser.js';
import { takeGasLeakCall } from './support/calls.js';

const run = browserAvailable();

describe.skipIf(!run)('e2e: reporting an incident and raising one from a ticket', () => {
  let e2e: E2E;
  let ticket: { id: number; number: string };

  async function incidentCount(): Promise<number> {
    const r = await e2e.ctx.db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  beforeAll(async () => {
    e2e = await startE2E({ agent: { role: 'agent' }, admin: { role: 'admin' } });
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('the agent reports an incident through the form, lands on it, and finds it on the board', async () => {
    const agent = await e2e.session('agent', '/emergency');
    await agent.page.locator('[data-testid=report-incident-link]').click();
    await agent.page.waitForURL((url) => url.pathname === '/emergency/new');
    const form = agent.page.locator('[data-testid=incident-report-form]');

    // The form says what is missing before anything is sent.
    await form.locator('[data-testid=incident-report-submit]').click();
    await visible(form.locator('[data-testid=validation-summary]'));
    expect(await incidentCount()).toBe(0);

    await form.locator('select[name=type]').selectOption('gas');
    await form.locator('select[name=level]').selectOption('III');
    await form.locator('input[name=title]').fill('泉河街道富乐小区燃气泄漏');
    await form.locator('textarea[name=description]').fill('富乐社区3号楼燃气味浓，已疏散一个单元。');
    await form.locator('input[name=fact-affected]').fill('40');
    await form.locator('select[name=town]').selectOption('110116001');
    await form.locator('input[name=address]').fill('富乐社区3号楼');
    await e2e.shot(agent.page, 'emergency-report-form');
    await form.locator('[data-testid=incident-report-submit]').click();

    await agent.page.waitForURL((url) => /^\/emergency\/\d+$/.test(url.pathname));
    const id = Number(new URL(agent.page.url()).pathname.split('/').pop());
    const row = await e2e.ctx.db
      .selectFrom('incidents')
      .select(['number', 'type', 'level', 'title', 'area_code', 'drill'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      type: 'gas',
      level: 'III',
      title: '泉河街道富乐小区燃气泄漏',
      drill: false,
    });
    expect(row.area_code).toBe('110116001');
    await containsText(agent.page.locator('[data-testid=incident-no]'), row.number ?? '');
    await containsText(agent.page.locator('[data-testid=incident-view]'), '富乐社区3号楼');

    await agent.page.goto('/emergency');
    await visible(agent.page.locator(`[data-testid=incident-row][data-incident-number="${row.number}"]`));
    await agent.page.context().close();
  });

  it('the agent raises an urgent ticket as an incident from the ticket page', async () => {
    const agent = await e2e.session('agent', '/emergency');
    ticket = await takeGasLeakCall(agent);

    await agent.page.goto(`/tickets/${ticket.id}`);
    await agent.page.locator('[data-testid=escalate-incident]').click();
    const form = agent.page.locator('[data-testid=escalate-form]');
    // The ticket's words (燃气) pick the type before the officer does.
    await expect.poll(() => form.locator('select[name=type]').inputValue()).toBe('gas');
    await form.locator('input[name=fact-trapped]').fill('1');
    await form.locator('[data-testid=escalate-submit]').click();

    await agent.page.waitForURL((url) => /^\/emergency\/\d+$/.test(url.pathname));
    await containsText(agent.page.locator('[data-testid=incident-linked-tickets]'), ticket.number);
    const id = Number(new URL(agent.page.url()).pathname.split('/').pop());
    const row = await e2e.ctx.db
      .selectFrom('incidents')
      .select(['type', 'source', 'source_ticket_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ type: 'gas', source: 'ticket', source_ticket_id: ticket.id });

    // Back on the ticket, the form says it already belongs to that incident.
    await agent.page.goto(`/tickets/${ticket.id}`);
    await agent.page.locator('[data-testid=escalate-incident]').click();
    await visible(agent.page.locator('[data-testid=escalate-linked]'));
    await agent.page.context().close();
  });

  it('an admin, outside the report rule, sees neither entry and the API refuses with nothing changed', async () => {
    const admin = await e2e.session('admin', '/emergency');
    await visible(admin.page.locator('[data-testid=emergency-board]'));
    await hasCount(admin.page.locator('[data-testid=report-incident-link]'), 0);
    await admin.page.goto('/emergency/new');
    await hasCount(admin.page.locator('[data-testid=incident-report-form]'), 0);
    await admin.page.goto(`/tickets/${ticket.id}`);
    await visible(admin.page.locator('[data-testid=ticket-view]'));
    await hasCount(admin.page.locator('[data-testid=escalate-incident]'), 0);

    const before = await incidentCount();
    const reported = await admin.page.request.post('/api/incidents', {
      headers: admin.headers,
      data: { type: 'fire', title: '管理员试报火灾' },
    });
    expect(reported.status()).toBe(403);
    const raised = await admin.page.request.post(`/api/tickets/${ticket.id}/escalate-incident`, {
      headers: admin.headers,
      data: { type: 'gas' },
    });
    expect(raised.status()).toBe(403);
    expect(await incidentCount()).toBe(before);
    await admin.page.context().close();
  });
});
