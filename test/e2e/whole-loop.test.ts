/**
 * The whole loop in the browser: a citizen files on the portal (phone
 * size), an agent finds and dispatches the ticket, the town's handler signs,
 * contacts and replies, the citizen answers the callback from the one-time
 * link and sees the closed ticket on the tracking page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackLink } from '../../src/services/callback-links.js';
import {
  browserAvailable,
  containsText,
  type E2E,
  hasCount,
  hasText,
  startE2E,
  ticketByNumber,
  visible,
} from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('e2e: the whole loop', () => {
  let e2e: E2E;
  let number = '';
  const timings: Record<string, number> = {};
  const timed = async (name: string, fn: () => Promise<void>) => {
    const t0 = Date.now();
    await fn();
    timings[name] = Date.now() - t0;
  };

  beforeAll(async () => {
    e2e = await startE2E({
      agent: { role: 'agent' },
      handler: { role: 'handler', unitCode: 'tw-quanhe' },
      supervisor: { role: 'supervisor' },
    });
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
    console.log('[e2e whole loop timings ms]', JSON.stringify(timings));
  });

  /** The dashboard's figures for the current month: requests in the district, and 泉河's assessed tickets. */
  const dashboardFigures = async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/dashboard');
    await e2e.signIn(page, 'supervisor');
    await visible(page.locator('[data-testid=dashboard-ready]'));
    await visible(page.locator('[data-testid=town-total]'));
    const total = Number(
      ((await page.locator('[data-testid=town-total]').textContent()) ?? '').replace(/\D/g, ''),
    );
    const row = page.locator('[data-testid=ranking] tr[data-unit=tw-quanhe]');
    const counted = Number((await row.locator('[data-measure=counted]').textContent()) ?? 'NaN');
    const satisfaction = (await row.locator('[data-measure=satisfaction]').textContent()) ?? '';
    return { ctx, page, total, counted, satisfaction };
  };

  it('citizen files, agent dispatches, handler signs, contacts and replies, citizen answers the callback', async () => {
    const before = await dashboardFigures();
    await before.ctx.close();
    const description = '泉河街道富乐社区北门路灯连续一周不亮，晚上出行很不安全，请尽快维修。';

    await timed('citizen files', async () => {
      const ctx = await e2e.context({ phone: true });
      const page = await ctx.newPage();
      await page.goto('/file');
      await page.locator('select[name=type]').selectOption('complaint');
      await page.locator('textarea[name=description]').fill(description);
      // the map picks the nearest town; the town list then says exactly which
      await page.locator('[data-testid=map-picker]').click({ position: { x: 120, y: 300 } });
      await visible(page.locator('[data-testid=map-picked]'));
      await page.locator('select[name=town]').selectOption('110116001');
      await page.locator('select[name=village]').selectOption({ index: 1 });
      await page.locator('input[name=address]').fill('富乐社区北门');
      await page.locator('input[name=phone]').fill('13800138000');
      await page.locator('input[name=name]').fill('张先生');
      await e2e.shot(page, 'citizen-file-form');
      await page.locator('form[data-testid=file-form] button[type=submit]').click();
      number = (await page.locator('[data-testid=ticket-number]').textContent())?.trim() ?? '';
      expect(number).toMatch(/\d/);
      await e2e.shot(page, 'citizen-file-done');
      await ctx.close();
    });
    const filed = await ticketByNumber(e2e.ctx, number);
    expect(filed.state).toBe('received');
    expect(filed.area_code?.startsWith('110116001')).toBe(true);

    const ref = await e2e.ctx.reference.get();
    const quanhe = ref.unitsByCode.get('tw-quanhe');
    if (!quanhe) throw new Error('unit tw-quanhe missing');

    await timed('agent dispatches', async () => {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await page.goto('/agent');
      await e2e.signIn(page, 'agent');
      expect(new URL(page.url()).pathname).toBe('/agent');
      await page.locator('body').press('/');
      await page.locator('#ticket-search').fill(number);
      await page.locator('#ticket-search').press('Enter');
      await page.locator('[data-testid=ticket-link]', { hasText: number }).click();
      await hasText(page.locator('[data-testid=ticket-no]'), number);
      await page.locator('[data-action=dispatch]').click();
      await page.locator('select[name=mainUnitId]').selectOption(String(quanhe.id));
      await e2e.shot(page, 'agent-dispatch');
      await page.locator('[data-testid=action-submit]').click();
      await hasText(page.locator('[data-testid=ticket-state]'), '已派单');
      await ctx.close();
    });

    await timed('handler signs, contacts, replies', async () => {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await page.goto('/unit?tab=sign');
      await e2e.signIn(page, 'handler');
      await page.locator('[data-testid=ticket-link]', { hasText: number }).click();
      const view = page.locator('[data-testid=ticket-view]');
      await hasText(view.locator('[data-testid=ticket-no]'), number);
      await e2e.shot(page, 'unit-workbench');
      await view.locator('[data-action=sign]').click();
      await view.locator('[data-testid=action-submit]').click();
      await hasText(view.locator('[data-testid=ticket-state]'), '已签收');
      await view.locator('[data-action=contact]').click();
      await view.locator('textarea[name=note]').fill('已电话联系张先生，约定明天上午检修。');
      await view.locator('[data-testid=action-submit]').click();
      await hasText(view.locator('[data-testid=ticket-state]'), '办理中');
      await view.locator('[data-action=reply]').click();
      await view.locator('textarea[name=text]').fill('已更换北门两盏路灯灯泡并检修线路，现已恢复照明。');
      await view.locator('[data-testid=action-submit]').click();
      await hasText(view.locator('[data-testid=ticket-state]'), '已反馈待回访');
      await hasCount(view.locator('[data-testid=timeline] li'), 5);
      await ctx.close();
    });

    await timed('citizen answers the callback and tracks', async () => {
      const t = await ticketByNumber(e2e.ctx, number);
      const token = await createCallbackLink(e2e.ctx, { ticketId: t.id, round: t.dispatch_round });
      const ctx = await e2e.context({ phone: true });
      const page = await ctx.newPage();
      await page.goto(`/callback/${token}`);
      await visible(page.locator('[data-testid=callback-form]'));
      await page.getByRole('radio', { name: '是' }).check();
      await page.getByRole('radio', { name: '满意', exact: true }).check();
      await page.locator('textarea[name=comment]').fill('修得很快，谢谢！');
      await e2e.shot(page, 'citizen-callback');
      await page.locator('form[data-testid=callback-form] button[type=submit]').click();
      await visible(page.locator('[data-testid=callback-thanks]'));
      const closed = await ticketByNumber(e2e.ctx, number);
      expect(closed.state).toBe('closed');
      expect(closed.callback_resolved).toBe(true);
      expect(closed.callback_satisfaction).toBe('satisfied');

      await page.goto(`/track?number=${encodeURIComponent(number)}`);
      await page.locator('input[name=last4]').fill('8000');
      await page.locator('form[data-testid=track-form] button[type=submit]').click();
      await hasText(page.locator('[data-testid=track-state]'), '已办结');
      await containsText(page.locator('[data-testid=track-result]'), '已更换北门两盏路灯灯泡');
      await e2e.shot(page, 'citizen-track');
      await ctx.close();
    });

    await timed('dashboard figures change', async () => {
      const after = await dashboardFigures();
      expect(after.total).toBe(before.total + 1);
      expect(after.counted).toBe(before.counted + 1);
      expect(after.satisfaction).toBe('100.0%');
      await visible(after.page.locator('[data-testid=huairou-chart] canvas'));
      await e2e.shot(after.page, 'dashboard');
      // every figure opens its tickets: 泉河's assessed count lists the ticket just closed
      await after.page
        .locator('[data-testid=ranking] tr[data-unit=tw-quanhe] [data-measure=counted]')
        .click();
      await containsText(after.page.locator('[data-testid=drill-down]'), number);
      await after.ctx.close();
    });
  }, 180_000);
});
