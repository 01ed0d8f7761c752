/**
 * The on-duty roster 值班表 in the browser. An agent (the policy lets them
 * read it) opens it from the situation board: who is on duty now, today's
 * shift, and the gap after it; no editing. An admin (roster: edit) adds a
 * deputy's shift and removes it again, each change in the database. The
 * agent's own attempt to add one through the API is a 403 with nothing
 * changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/calendar.js';
import { importRoster } from '../../src/services/emergency/import-roster.js';
import { browserAvailable, containsText, type E2E, hasCount, startE2E, visible } from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('e2e: the on-duty roster', () => {
  let e2e: E2E;
  let centreUnit: number;
  const today = localDate(new Date());

  async function centreShifts() {
    return e2e.ctx.db
      .selectFrom('duty_shifts')
      .select(['id', 'post', 'user_id', 'starts_at', 'ends_at'])
      .where('unit_id', '=', centreUnit)
      .orderBy('id')
      .execute();
  }

  beforeAll(async () => {
    e2e = await startE2E({
      agent: { role: 'agent' },
      admin: { role: 'admin' },
      centre: { role: 'handler', unitCode: 'centre' },
    });
    centreUnit = (await e2e.ctx.reference.get()).unitsByCode.get('centre')?.id ?? 0;
    // The centre's officer on duty today only: the days after are a gap the page must show.
    await importRoster(e2e.ctx, {
      actor: { userId: null, role: 'system' },
      csv: [
        'unit,post,date,start,end,user',
        `centre,primary,${today},00:00,24:00,${e2e.users.centre?.username}`,
      ].join('\n'),
    });
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('an agent reads who is on duty, the shifts and the gaps, and may not edit', async () => {
    const agent = await e2e.session('agent', '/emergency');
    await agent.page.locator('[data-testid=roster-link]').click();
    await agent.page.waitForURL((url) => url.pathname === '/emergency/roster');
    await containsText(agent.page.locator('[data-testid=duty-post][data-post=primary]'), 'centre');
    await hasCount(agent.page.locator('[data-testid=roster-shift]'), 1);
    await visible(agent.page.locator('[data-testid=roster-gap][data-post=primary]').first());
    await hasCount(agent.page.locator('[data-testid=shift-form]'), 0);
    await hasCount(agent.page.locator('[data-testid=shift-delete]'), 0);

    const before = await centreShifts();
    const tried = await agent.page.request.post('/api/duty/shifts', {
      headers: agent.headers,
      data: {
        unitId: centreUnit,
        post: 'deputy',
        userId: e2e.users.agent?.id,
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      },
    });
    expect(tried.status()).toBe(403);
    expect(await centreShifts()).toEqual(before);
    await agent.page.context().close();
  });

  it('an admin adds a deputy shift and removes it again', async () => {
    const admin = await e2e.session('admin', `/emergency/roster?unit=${centreUnit}`);
    await hasCount(admin.page.locator('[data-testid=roster-shift]'), 1);
    const form = admin.page.locator('[data-testid=shift-form]');
    await form.locator('select[name=post]').selectOption('deputy');
    // the unit's own staff are listed without a search
    await form
      .locator(`select[name=userId] option[value="${e2e.users.centre?.id}"]`)
      .waitFor({ state: 'attached' });
    await form.locator('select[name=userId]').selectOption(String(e2e.users.centre?.id));
    const tomorrow = addDays(today, 1);
    await form.locator('input[name=startsAt]').fill(`${tomorrow}T08:00`);
    await form.locator('input[name=endsAt]').fill(`${tomorrow}T20:00`);
    await form.locator('input[name=note]').fill('汛期加强值守');
    await form.locator('[data-testid=shift-submit]').click();
    await hasCount(admin.page.locator('[data-testid=roster-shift]'), 2);
    await e2e.shot(admin.page, 'emergency-roster');

    const added = (await centreShifts()).find((s) => s.post === 'deputy');
    expect(added?.user_id).toBe(e2e.users.centre?.id);
    // 08:00 Beijing time is 00:00 UTC
    expect(new Date(added?.starts_at ?? 0).toISOString()).toBe(`${tomorrow}T00:00:00.000Z`);

    const row = admin.page.locator(`[data-testid=roster-shift][data-shift-id="${added?.id}"]`);
    await row.locator('[data-testid=shift-delete]').click();
    await row.locator('[data-testid=shift-delete-confirm]').click();
    await hasCount(admin.page.locator('[data-testid=roster-shift]'), 1);
    expect((await centreShifts()).map((s) => s.post)).toEqual(['primary']);
    await admin.page.context().close();
  });
});
