/**
 * The situation board in the browser: the command centre's officer on duty
 * finds an incident reported through the API on /emergency, opens it and
 * acknowledges the notice that reached them; the report link is there. A
 * handler of an unrelated unit does not see it on their board and gets the
 * not-found page (and a 404 from the API, with nothing changed); a role the
 * incident policy shuts out has no board link at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/calendar.js';
import { importRoster } from '../../src/services/emergency/import-roster.js';
import { browserAvailable, containsText, type E2E, hasCount, startE2E, visible } from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('e2e: emergency situation board', () => {
  let e2e: E2E;
  let incident: { id: number; number: string };

  beforeAll(async () => {
    e2e = await startE2E({
      centre: { role: 'handler', unitCode: 'centre' },
      longshan: { role: 'handler', unitCode: 'tw-longshan' },
      citizen: { role: 'citizen' },
    });
    // The centre's officer on duty around the clock for three days: the notice finds them whenever this runs.
    const today = localDate(new Date());
    const rows = [-1, 0, 1].map(
      (d) => `centre,primary,${addDays(today, d)},00:00,24:00,${e2e.users.centre?.username}`,
    );
    await importRoster(e2e.ctx, {
      actor: { userId: null, role: 'system' },
      csv: ['unit,post,date,start,end,user', ...rows].join('\n'),
    });
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('the centre sees the incident on the board, opens it and acknowledges its notice', async () => {
    const centre = await e2e.session('centre', '/emergency');
    const centreUnit = (await e2e.ctx.reference.get()).unitsByCode.get('centre')?.id;
    const created = await centre.page.request.post('/api/incidents', {
      headers: centre.headers,
      data: {
        type: 'gas',
        level: 'III',
        title: '泉河街道富乐小区燃气泄漏',
        description: '富乐社区3号楼燃气味浓，已疏散一个单元。',
        areaCode: '110116001',
        address: '富乐社区3号楼',
        leadUnitId: centreUnit,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    incident = (await created.json()) as { id: number; number: string };

    // The board polls; a reload shows it at once. It waits for this very officer.
    await centre.page.reload();
    const row = centre.page.locator(`[data-testid=incident-row][data-incident-number="${incident.number}"]`);
    await visible(row);
    await containsText(row.locator('[data-testid=incident-level]'), 'Ⅲ级');
    await containsText(row.locator('[data-testid=incident-ack]'), 'centre');
    await visible(centre.page.locator('[data-testid=huairou-chart]'));
    await e2e.shot(centre.page, 'emergency-board');

    await row.locator('[data-testid=incident-link]').click();
    await centre.page.waitForURL((url) => url.pathname === `/emergency/${incident.id}`);
    await containsText(centre.page.locator('[data-testid=incident-no]'), incident.number);
    await hasCount(centre.page.locator('[data-testid=incident-notice][data-acknowledged=no]'), 1);
    expect(await centre.page.locator('[data-testid=incident-report]').getAttribute('href')).toBe(
      `/api/incidents/${incident.id}/report`,
    );
    await centre.page.locator('[data-action=acknowledge]').click();
    await centre.page.locator('textarea[name=reason]').fill('已收到，燃气抢修已出发');
    await centre.page.locator('[data-testid=incident-action-submit]').click();
    await containsText(centre.page.locator('[data-testid=incident-acks]'), '已收到，燃气抢修已出发');
    await hasCount(centre.page.locator('[data-testid=incident-notice][data-acknowledged=yes]'), 1);
    await hasCount(centre.page.locator('[data-action=acknowledge]'), 0);
    await containsText(centre.page.locator('[data-testid=timeline]'), '确认收到');
    await e2e.shot(centre.page, 'emergency-incident');

    const notices = await e2e.ctx.db
      .selectFrom('incident_notices')
      .select(['acknowledged_at', 'acknowledged_by'])
      .where('incident_id', '=', incident.id)
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.acknowledged_by).toBe(e2e.users.centre?.id);
    await centre.page.context().close();
  });

  it('a handler of an unrelated unit neither sees it on the board nor opens it; nothing changes', async () => {
    const outsider = await e2e.session('longshan', '/emergency');
    await visible(outsider.page.locator('[data-testid=emergency-board]'));
    await hasCount(outsider.page.locator(`[data-incident-number="${incident.number}"]`), 0);
    await outsider.page.goto(`/emergency/${incident.id}`);
    await visible(outsider.page.locator('[data-testid=not-found]'));
    const before = await e2e.ctx.db
      .selectFrom('incidents')
      .select(['event_count', 'status'])
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    const tried = await outsider.page.request.post(`/api/incidents/${incident.id}/respond`, {
      headers: outsider.headers,
      data: {},
    });
    expect(tried.status()).toBe(404);
    const after = await e2e.ctx.db
      .selectFrom('incidents')
      .select(['event_count', 'status'])
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    await outsider.page.context().close();
  });

  it('a role the incident policy shuts out has no board link and finds no incident page', async () => {
    const citizen = await e2e.session('citizen', `/emergency/${incident.id}`);
    await visible(citizen.page.locator('h1', { hasText: '页面不存在' }));
    await hasCount(citizen.page.locator('[data-testid=incident-view]'), 0);
    await hasCount(citizen.page.locator('header nav a[href="/emergency"]'), 0);
    await citizen.page.context().close();
  });
});
