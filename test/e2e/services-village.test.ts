/**
 * 足不出村 and the staff side in the browser: a village agent records a
 * villager's authorisation, files the senior citizen card for her through
 * to the certificate, and the villager sees it from her SMS link; an admin
 * edits a deadline policy through its form (a refusal keeps the form and
 * shows the server's message beside the field); a citizen's photo goes up
 * with a request and the hotline sees it, while a file that is not an
 * image is refused.
 */
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../support/http.js';
import { deliverAll, pngBytes, RESIDENT_ID } from '../support/services.js';
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
const VILLAGER_PHONE = '13812345678';

/** A 48×32 PNG in two colours, so the photo on the staff screen is visibly a photo. */
function scenePng(): Buffer {
  const [w, h] = [48, 32];
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(...(y < h / 2 ? [11, 83, 148] : [120, 120, 110]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(!run)('e2e: village agent, admin forms, ticket photos', () => {
  let e2e: E2E;
  const timings: Record<string, number> = {};
  const timed = async (name: string, fn: () => Promise<void>) => {
    const t0 = Date.now();
    await fn();
    timings[name] = Date.now() - t0;
  };

  beforeAll(async () => {
    e2e = await startE2E({
      agent: { role: 'village_agent' },
      admin: { role: 'admin' },
      dispatcher: { role: 'dispatcher' },
    });
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
    console.log('[e2e services village timings ms]', JSON.stringify(timings));
  });

  it('a village agent files for a villager under her authorisation, through to the certificate', async () => {
    const ctx = await e2e.context({ phone: true });
    const page = await ctx.newPage();
    let number = '';
    await timed('record the authorisation', async () => {
      await page.goto('/services/agent');
      await e2e.signIn(page, 'agent');
      await page.locator('select[name=matterCode]').selectOption('senior-citizen-card');
      await page.locator('input[name=villagerName]').fill('王秀兰');
      await page.locator('input[name=villagerPhone]').fill(VILLAGER_PHONE);
      await page.locator('input[name=consent][value=signed_form]').check();
      await page.locator('[data-testid=authorisation-submit]').click();
      await visible(page.locator('[data-testid=authorisation-created]'));
      await hasText(page.locator('[data-testid=authorisation-status]'), '有效');
      await e2e.shot(page, 'services-village-agent');
    });

    await timed('file, fill in, upload, submit', async () => {
      await page.locator('[data-testid=file-for]').click();
      await page.waitForURL(/\/services\/applications\/\d+$/);
      number = (await page.locator('[data-testid=application-number]').textContent()) ?? '';
      await page.locator('[name=form-name]').fill('王秀兰');
      await page.locator('[name=form-idNumber]').fill(RESIDENT_ID);
      await page.locator('[name=form-phone]').fill(VILLAGER_PHONE);
      await page.locator('[name=form-address]').fill('怀柔区宝山镇宝山寺村 12 号');
      for (const material of ['id-card', 'photo']) {
        await page
          .locator(`input[name="material-${material}"]`)
          .setInputFiles({ name: `${material}.png`, mimeType: 'image/png', buffer: pngBytes() });
        await visible(page.locator(`[data-material="${material}"] [data-testid=material-file]`));
      }
      await page.locator('[data-testid=submit-application]').click();
      await hasText(page.locator('[data-testid=application-status]'), '已提交待受理');
      await e2e.shot(page, 'services-village-application');
    });

    await timed('the department decides; the agent and the villager see the certificate', async () => {
      const row = await e2e.ctx.db
        .selectFrom('service_applications')
        .select(['id', 'filed_by_role'])
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      expect(row.filed_by_role).toBe('village_agent');
      const reviewer = await signedIn(e2e.app, e2e.ctx, 'reviewer', 'dept-mzj');
      for (const step of ['accept', 'approve', 'issue-certificate']) {
        const res = await reviewer.post(`/api/services/applications/${row.id}/${step}`, {});
        expect(res.statusCode, res.body).toBe(200);
      }
      await page.reload();
      await hasText(page.locator('[data-testid=application-status]'), '已出证办结');
      await visible(page.locator('[data-testid=certificate-code]'));

      const sms = (await deliverAll(e2e.ctx)).find(
        (m) => m.template === 'svc_authorisation_granted' && m.to === VILLAGER_PHONE,
      );
      const token = /\/services\/authorisations\/([A-Za-z0-9_-]{20,100})/.exec(sms?.text ?? '')?.[1] ?? '';
      expect(token).not.toBe('');
      const villager = await e2e.context({ phone: true });
      const link = await villager.newPage();
      await link.goto(`/services/authorisations/${token}`);
      await link.locator('input[name=last4]').fill('5678');
      await link.locator('form button[type=submit]').first().click();
      await hasText(link.locator('[data-testid=authorisation-status]'), '有效');
      await containsText(link.locator('[data-testid=authorisation]'), number);
      // the link may be forwarded: the villager's name is masked there
      expect(await link.locator('[data-testid=authorisation]').textContent()).not.toContain('王秀兰');
      await e2e.shot(link, 'services-villager-link');
      await villager.close();
    });
    await ctx.close();
  });

  it('an admin edits a deadline policy; a refusal keeps the form and says why beside the field', async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/admin?tab=policies');
    await e2e.signIn(page, 'admin');
    await page.locator('tr[data-policy=general] [data-testid=edit-policy]').click();
    const form = page.locator('[data-testid=policy-form]');
    // the browser reads durations with the domain's parser: nothing is sent
    await form.locator('input[name=reply]').fill('five days');
    await form.locator('[data-testid=admin-submit]').click();
    await containsText(form.locator('.field-invalid .error'), '30m、2h、7d');
    // the server refuses what a stale or altered form sends, and its message stands beside the field
    await form.locator('input[name=reply]').fill('5d');
    await page.route('**/api/admin/policies/general', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, yellowAt: 1.5 }) });
    });
    await form.locator('[data-testid=admin-submit]').click();
    await visible(form.locator('[data-testid=error-banner]'));
    await visible(form.locator('input[name=yellowAt][aria-invalid=true]'));
    expect(await form.locator('input[name=reply]').inputValue()).toBe('5d');
    await e2e.shot(page, 'admin-policy-refused');
    await page.unroute('**/api/admin/policies/general');
    await form.locator('[data-testid=admin-submit]').click();
    await visible(form.locator('[data-testid=admin-saved]'));
    await hasText(page.locator('tr[data-policy=general] [data-measure=reply]'), '5d');
    const stored = await e2e.ctx.db
      .selectFrom('deadline_policies')
      .select(['reply', 'yellow_at'])
      .where('code', '=', 'general')
      .executeTakeFirstOrThrow();
    expect([stored.reply, Number(stored.yellow_at)]).toEqual(['5d', 0.75]);
    await e2e.shot(page, 'admin-policies');

    // every other admin screen opens with its data and no error
    const screens: [string, string][] = [
      ['units', '[data-testid=units]'],
      ['categories', '[data-testid=categories]'],
      ['routing', '[data-testid=routing-rules]'],
      ['calendar', '[data-testid=calendar-days]'],
      ['settings', '[data-testid=setting-assessment]'],
      ['users', '[data-testid=users]'],
      ['apiKeys', '[data-testid=api-key-form]'],
      ['audit', '[data-testid=audit]'],
    ];
    for (const [tab, ready] of screens) {
      await page.locator(`[data-tab=${tab}]`).click();
      await visible(page.locator(ready));
      expect(await page.locator('[data-testid=error-banner]').count(), tab).toBe(0);
      await e2e.shot(page, `admin-${tab}`);
    }
    await ctx.close();
  });

  it('an admin publishes a new version of a matter’s guide, stops and resumes the matter', async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/admin?tab=matters');
    await e2e.signIn(page, 'admin');
    await page.locator('select[name=matter]').selectOption('senior-citizen-card');
    const editor = page.locator('[data-testid=matter-editor]');
    await editor.locator('input[name=promisedDays]').fill('20');
    await editor.locator('[data-testid=admin-submit]').click();
    // the domain's own guide check, in the browser: promised may not exceed legal (15)
    await containsText(editor.locator('.field-invalid .error'), '承诺时限不能超过法定时限');
    await editor.locator('input[name=promisedDays]').fill('4');
    await editor.locator('input[name=versionNote]').fill('压缩承诺时限');
    await editor.locator('[data-testid=admin-submit]').click();
    await containsText(editor.locator('[data-testid=admin-saved]'), '第 2 版');
    await hasCount(page.locator('[data-testid=matter-versions] tbody tr'), 2);
    await page.locator('[data-testid=matter-toggle]').click();
    await hasText(page.locator('[data-testid=matter-active]'), '已停办');
    await e2e.shot(page, 'admin-matters');
    await page.locator('[data-testid=matter-toggle]').click();
    await hasText(page.locator('[data-testid=matter-active]'), '办理中');
    const matter = await e2e.ctx.db
      .selectFrom('service_matters')
      .select(['current_version', 'active'])
      .where('code', '=', 'senior-citizen-card')
      .executeTakeFirstOrThrow();
    expect(matter).toEqual({ current_version: 2, active: true });
    await ctx.close();
  });

  it('a citizen’s photo goes with the request and the hotline sees it; a non-image is refused', async () => {
    const ctx = await e2e.context({ phone: true });
    const page = await ctx.newPage();
    await page.goto('/file');
    await page.locator('select[name=type]').selectOption('report');
    await page
      .locator('textarea[name=description]')
      .fill('雁栖镇某路口井盖缺失，夜间行人容易跌落，请尽快处理。');
    await page.locator('input[name=phone]').fill('13500135000');
    await page
      .locator('input[name=photos]')
      .setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: scenePng() });
    await hasCount(page.locator('[data-testid=photo-previews] img'), 1);
    await page.locator('input[name=photos]').setInputFiles({
      name: 'scene2.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('MZ this is not an image'),
    });
    await containsText(page.locator('[data-testid=photo-error]'), '文件类型不符');
    await hasCount(page.locator('[data-testid=photo-previews] img'), 1);
    await e2e.shot(page, 'citizen-file-photo');
    await page.locator('form[data-testid=file-form] button[type=submit]').click();
    const number = ((await page.locator('[data-testid=ticket-number]').textContent()) ?? '').trim();
    const ticket = await ticketByNumber(e2e.ctx, number);
    expect(ticket.media_urls).toHaveLength(1);
    expect(ticket.media_urls[0]).toMatch(new RegExp(`^${e2e.baseUrl}/api/media/[0-9a-f]{64}$`));
    await ctx.close();

    const staff = await e2e.context();
    const view = await staff.newPage();
    await view.goto(`/tickets/${ticket.id}`);
    await e2e.signIn(view, 'dispatcher');
    const img = view.locator('[data-testid=ticket-photos] img');
    await visible(img);
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(48);
    const served = await view.evaluate(async (url) => {
      const res = await fetch(url);
      return [
        res.headers.get('content-type'),
        res.headers.get('x-content-type-options'),
        res.headers.get('cache-control'),
      ];
    }, ticket.media_urls[0] ?? '');
    expect(served).toEqual(['image/png', 'nosniff', 'private, max-age=31536000, immutable']);
    await e2e.shot(view, 'ticket-photo-staff');
    await staff.close();
  });
});
