/**
 * One scenario per role screen: the agent's keyboard-first console, the
 * dispatcher's desk (returns, callbacks with script and outcome buttons),
 * the unit's workbench (deadline order, cards, extension), an outsider who
 * cannot see another unit's ticket, the admin and open-data pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  containsText,
  type E2E,
  hasText,
  startE2E,
  ticketByNumber,
  visible,
} from './support/browser.js';
import { Seeder } from './support/seed.js';

const run = browserAvailable();

describe.skipIf(!run)('e2e: role screens', () => {
  let e2e: E2E;
  let seed: Seeder;

  beforeAll(async () => {
    e2e = await startE2E({
      agent: { role: 'agent' },
      dispatcher: { role: 'dispatcher' },
      longshan: { role: 'handler', unitCode: 'tw-longshan' },
      quanhe: { role: 'handler', unitCode: 'tw-quanhe' },
      admin: { role: 'admin' },
    });
    seed = await Seeder.create(e2e.app, e2e.ctx, ['tw-longshan', 'tw-quanhe']);
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('agent: keyboard intake with caller history, suggestions or their absence, then a direct answer', async () => {
    const earlier = await seed.ticket({ stage: 'received', phone: '13700137000' });
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/agent');
    await e2e.signIn(page, 'agent');
    // the caller phone has focus first: type, and record with Ctrl+Enter
    await visible(page.locator('[data-testid=intake-form]'));
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('phone');
    await page.keyboard.type('13700137000');
    await containsText(page.locator('[data-testid=caller-history]'), earlier.number);
    await page.locator('select[name=type]').selectOption('inquiry');
    await page.locator('textarea[name=description]').fill('请问怀柔区新生儿医保怎么办理，需要带哪些材料？');
    await visible(page.locator('[data-testid=suggestions] .suggestions li, [data-testid=suggest-off]'));
    await e2e.shot(page, 'agent-console');
    await page.locator('textarea[name=description]').press('Control+Enter');
    const created = (await page.locator('[data-testid=intake-created]').textContent()) ?? '';
    const number = created.match(/[A-Z]*\d{6,}/)?.[0] ?? '';
    expect(number).not.toBe('');
    await page.locator('[data-action=answer]').click();
    await page
      .locator('textarea[name=text]')
      .fill('新生儿医保可在出生后 90 天内到户籍所在街道社保所办理，携带出生医学证明和户口簿。');
    await page.locator('[data-testid=action-submit]').click();
    await hasText(page.locator('[data-testid=ticket-state]'), '已办结');
    expect((await ticketByNumber(e2e.ctx, number)).state).toBe('closed');
    await ctx.close();
  });

  it('dispatcher: reviews a return and records a callback with the script', async () => {
    const returned = await seed.ticket({ stage: 'return_requested' });
    const replied = await seed.ticket({ stage: 'replied' });
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/dispatch?tab=returns');
    await e2e.signIn(page, 'dispatcher');
    await page.locator('[data-testid=ticket-link]', { hasText: returned.number }).click();
    await visible(page.locator('[data-action=approve_return]'));
    await visible(page.locator('[data-action=reject_return]'));
    await page.locator('[data-action=reject_return]').click();
    await page.locator('textarea[name=reason]').fill('该问题属于属地管理，请继续办理。');
    await page.locator('[data-testid=action-submit]').click();
    await hasText(page.locator('[data-testid=ticket-state]'), '已派单');

    await page.locator('[data-tab=callbacks]').click();
    await page.locator('[data-testid=ticket-link]', { hasText: replied.number }).click();
    await containsText(page.locator('[data-testid=callback-script]'), '已约谈餐馆负责人');
    await e2e.shot(page, 'dispatcher-desk');
    await page.getByRole('button', { name: '已解决 · 满意' }).click();
    await hasText(page.locator('[data-testid=ticket-state]'), '已办结');
    const t = await ticketByNumber(e2e.ctx, replied.number);
    expect([t.state, t.callback_resolved, t.callback_satisfaction]).toEqual(['closed', true, 'satisfied']);
    await ctx.close();
  });

  it('handler: queue by nearest deadline with cards, and an extension request', async () => {
    const a = await seed.ticket({ stage: 'in_progress' });
    const b = await seed.ticket({ stage: 'dispatched' });
    await e2e.ctx.db.updateTable('tickets').set({ card: 'red' }).where('id', '=', a.id).execute();
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/unit');
    await e2e.signIn(page, 'longshan');
    const rows = page.locator('[data-testid=ticket-table] tbody tr');
    await containsText(page.locator('[data-testid=ticket-table]'), b.number);
    // nearest deadline first: the dispatched ticket's sign deadline (2 h) comes before a reply deadline (7 days)
    const order = await rows.allTextContents();
    const at = (n: string) => order.findIndex((r) => r.startsWith(n));
    expect(at(b.number)).toBeGreaterThanOrEqual(0);
    expect(at(b.number)).toBeLessThan(at(a.number));
    await visible(page.locator('tr.card-row-red .card-red'));
    await page.locator('[data-testid=ticket-link]', { hasText: a.number }).click();
    await page.locator('[data-action=request_extension]').click();
    const until = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    await page.locator('input[name=until]').fill(until);
    await page.locator('textarea[name=reason]').fill('需协调市场监管局联合执法，申请延期。');
    await page.locator('[data-testid=action-submit]').click();
    await containsText(page.locator('[data-testid=ticket-view]'), '延期申请至');
    await e2e.shot(page, 'unit-workbench-cards');
    expect((await ticketByNumber(e2e.ctx, a.number)).extension_requested_until).not.toBeNull();
    await ctx.close();
  });

  it('outsider: a handler of another unit can neither list nor open the ticket, and nothing changes', async () => {
    const t = await seed.ticket({ stage: 'dispatched', unit: 'tw-longshan' });
    const before = await ticketByNumber(e2e.ctx, t.number);
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/unit');
    await e2e.signIn(page, 'quanhe');
    await visible(page.locator('[data-testid=workbench]'));
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-testid=workbench]').textContent()).not.toContain(t.number);
    await page.goto(`/tickets/${t.id}`);
    await visible(page.locator('[data-testid=not-found]'));
    expect(await page.locator('body').textContent()).not.toContain(t.number);
    const api = await page.evaluate(async (id) => (await fetch(`/api/tickets/${id}`)).status, t.id);
    expect(api).toBe(404);
    await e2e.shot(page, 'outsider-not-found');
    const after = await ticketByNumber(e2e.ctx, t.number);
    expect(after.event_count).toBe(before.event_count);
    expect(after.state).toBe(before.state);
    await ctx.close();
  });

  it('admin and open data pages render', async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/open-data');
    await visible(page.locator('[data-testid=huairou-chart] canvas'));
    await e2e.shot(page, 'open-data');
    await page.goto('/admin');
    await e2e.signIn(page, 'admin');
    await containsText(page.locator('[data-testid=admin]'), '泉河街道');
    await e2e.shot(page, 'admin');
    await ctx.close();
  });
});
