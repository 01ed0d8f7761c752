/**
 * Qualities across screens: both languages render with no untranslated key
 * or unfilled placeholder, Chinese glyphs are real glyphs (not tofu), a
 * form the server rejects keeps what the user typed and shows the server's
 * message, an expired session returns the user to where they were, and the
 * citizen portal's first load stays within its JavaScript budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { BUDGET_BYTES, firstLoadSize } from '../../web/scripts/bundle-size.mjs';
import { zh } from '../../web/src/i18n/zh.js';
import {
  browserAvailable,
  containsText,
  type E2E,
  hasText,
  startE2E,
  ticketByNumber,
  visible,
} from './support/browser.js';
import { type GlyphProbe, glyphProbe } from './support/glyphs.js';
import { Seeder } from './support/seed.js';

const run = browserAvailable();
const KEYS = Object.keys(zh);

describe.skipIf(!run)('e2e: languages, glyphs, bad input, sessions', () => {
  let e2e: E2E;
  let seed: Seeder;

  beforeAll(async () => {
    e2e = await startE2E({
      agent: { role: 'agent' },
      handler: { role: 'handler', unitCode: 'tw-longshan' },
    });
    seed = await Seeder.create(e2e.app, e2e.ctx, ['tw-longshan']);
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('renders every main screen in Chinese and in English with no raw keys', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const ctx = await e2e.context({ lang });
      const page = await ctx.newPage();
      const pages = ['/', '/file', '/track', '/open-data', '/login', '/agent'];
      for (const path of pages) {
        await page.goto(path);
        if (path === '/agent') await e2e.signIn(page, 'agent');
        await visible(page.locator('main h1'));
        const text = (await page.locator('body').textContent()) ?? '';
        const raw = KEYS.filter((k) => text.includes(k));
        expect(raw, `${lang} ${path}`).toEqual([]);
        expect(text, `${lang} ${path}`).not.toMatch(/\{[a-zA-Z]+\}/);
        expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
        if (lang === 'en') expect(text).toContain(path === '/agent' ? 'Intake' : 'Huairou');
      }
      await e2e.shot(page, `agent-console-${lang}`);
      await ctx.close();
    }
  });

  it('switches language on the page and keeps the choice', async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/');
    await hasText(page.locator('main h1'), zh['home.title']);
    await page.locator('[data-testid=lang-switch]').click();
    await hasText(page.locator('main h1'), 'Huairou District 12345 citizen hotline');
    await page.reload();
    await hasText(page.locator('main h1'), 'Huairou District 12345 citizen hotline');
    await e2e.shot(page, 'home-en');
    await ctx.close();
  });

  it('draws Chinese glyphs, not tofu boxes', async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto('/');
    await visible(page.locator('main h1'));
    await e2e.shot(page, 'home-zh');
    const probe = (await page.evaluate(glyphProbe(['怀', '柔', '接', '诉']))) as GlyphProbe;
    expect(probe.font).toContain('Noto Sans CJK SC');
    for (const ink of probe.ink) expect(ink).toBeGreaterThan(50);
    expect(probe.distinct).toBe(true);
    expect(probe.notBox).toBe(true);
    await ctx.close();
  });

  it('keeps the form still while the map loads (a tap on submit cannot land on the map instead)', async () => {
    const ctx = await e2e.context({ phone: true });
    const page = await ctx.newPage();
    await page.route('**/assets/MapPicker-*.js', async (route) => {
      await new Promise((done) => setTimeout(done, 1500));
      await route.continue();
    });
    await page.goto('/file');
    const submit = page.locator('form[data-testid=file-form] button[type=submit]');
    await visible(submit);
    const before = await submit.boundingBox();
    await visible(page.locator('[data-testid=map-picker]'));
    const after = await submit.boundingBox();
    // the map is 480 × 865: without its box held while it loads, the button moved 560 px down
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? Number.NaN))).toBeLessThan(2);
    await ctx.close();
  });

  it('keeps the citizen text when the server rejects the form, and shows its message', async () => {
    const ctx = await e2e.context({ phone: true });
    const page = await ctx.newPage();
    const description = '庙城地区某村村口垃圾堆放多日无人清运，气味很大，希望尽快处理。';
    await page.goto('/file');
    // client checks first: nothing is sent and the fields say what is missing
    await page.locator('form[data-testid=file-form] button[type=submit]').click();
    await visible(page.locator('[data-testid=validation-summary]'));
    await page.locator('select[name=type]').selectOption('report');
    await page.locator('textarea[name=description]').fill(description);
    await page.locator('input[name=phone]').fill('13600136000');
    // the server refuses an unknown place (the request is altered on its way, as a stale page would send it)
    await page.route('**/api/public/tickets', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, areaCode: '110116999999' }) });
    });
    await page.locator('form[data-testid=file-form] button[type=submit]').click();
    await containsText(page.locator('[data-testid=error-banner]'), '未知的行政区划');
    expect(await page.locator('textarea[name=description]').inputValue()).toBe(description);
    expect(await page.locator('input[name=phone]').inputValue()).toBe('13600136000');
    await e2e.shot(page, 'citizen-file-rejected');
    await page.unroute('**/api/public/tickets');
    await page.locator('form[data-testid=file-form] button[type=submit]').click();
    const number = (await page.locator('[data-testid=ticket-number]').textContent())?.trim() ?? '';
    expect((await ticketByNumber(e2e.ctx, number)).description).toBe(description);
    await ctx.close();
  });

  it('shows the server error in English when the UI is in English', async () => {
    const ctx = await e2e.context({ lang: 'en', phone: true });
    const page = await ctx.newPage();
    await page.goto('/track');
    await page.locator('input[name=number]').fill('HR00000000000');
    await page.locator('input[name=last4]').fill('1234');
    await page.locator('form[data-testid=track-form] button[type=submit]').click();
    const message = (await page.locator('[data-testid=error-banner]').textContent()) ?? '';
    expect(message).toMatch(/[A-Za-z]{3,}/);
    expect(message).not.toMatch(/[\u4e00-\u9fff]/);
    await ctx.close();
  });

  it('returns the user to where they were after the session expires', async () => {
    const t = await seed.ticket({ stage: 'dispatched' });
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    const where = `/unit?tab=sign&t=${t.id}`;
    await page.goto(where);
    await e2e.signIn(page, 'handler');
    await visible(page.locator('[data-action=sign]'));
    const handlerId = e2e.users.handler?.id ?? 0;
    await e2e.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', handlerId)
      .execute();
    // written behind the app's back, so its session cache is told as a NOTIFY would tell it
    e2e.ctx.sessions.clear();
    await page.locator('[data-action=sign]').click();
    await page.locator('[data-testid=action-submit]').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await visible(page.locator('[data-testid=session-expired]'));
    await e2e.shot(page, 'session-expired');
    expect((await ticketByNumber(e2e.ctx, t.number)).state).toBe('dispatched');
    await e2e.signIn(page, 'handler');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(where);
    await visible(page.locator('[data-action=sign]'));
    await ctx.close();
  });

  it('keeps the citizen portal first load under 200 KB of gzipped JavaScript and CSS', () => {
    const { total, files } = firstLoadSize() as { total: number; files: { file: string; gzip: number }[] };
    console.log('[bundle] first load gzip bytes', total, JSON.stringify(files));
    expect(total).toBeLessThan(BUDGET_BYTES);
    expect(files.some((f) => /HuairouChart|echarts/i.test(f.file))).toBe(false);
  });
});
