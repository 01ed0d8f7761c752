/**
 * 全程网办 in the browser: an English-speaking researcher of the science city
 * finds the work permit in the catalogue, reads the guide, applies, fills
 * the form generated from the matter's schema (checked in the browser),
 * uploads the materials; the science commission's reviewer asks for one
 * correction, then accepts, completes the review steps, approves and issues
 * the certificate; the researcher downloads it and rates the service; the
 * public verify page confirms it and tells a mistyped code apart. A reviewer
 * of another department gets the not-found page and changes nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_CODE, jpegBytes, pdfBytes, pngBytes } from '../support/services.js';
import { browserAvailable, containsText, type E2E, hasText, startE2E, visible } from './support/browser.js';

const run = browserAvailable();

async function application(e2e: E2E, number: string) {
  return e2e.ctx.db
    .selectFrom('service_applications')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

/** Uploads one file into a material and waits for the list to show it. */
async function upload(page: Page, material: string, name: string, mimeType: string, buffer: Buffer) {
  await page.locator(`input[name="material-${material}"]`).setInputFiles({ name, mimeType, buffer });
  await visible(page.locator(`[data-material="${material}"] [data-testid=material-file]`));
}

/** Opens a decision, fills its reason when given, sends it and waits for the new status. */
async function decide(page: Page, decision: string, status: string, reason?: string) {
  await page.locator(`[data-decision=${decision}]`).click();
  if (reason)
    await page.locator(`[data-testid=decision-form-${decision}] textarea[name=reason]`).fill(reason);
  await page.locator('[data-testid=decision-submit]').click();
  await hasText(page.locator('[data-testid=application-status]'), status);
}

describe.skipIf(!run)('e2e: online services — a work permit in English', () => {
  let e2e: E2E;
  let number = '';
  let id = 0;
  const timings: Record<string, number> = {};
  const timed = async (name: string, fn: () => Promise<void>) => {
    const t0 = Date.now();
    await fn();
    timings[name] = Date.now() - t0;
  };

  beforeAll(async () => {
    e2e = await startE2E({
      researcher: { role: 'citizen' },
      kw: { role: 'reviewer', unitCode: 'dept-kw' },
      mzj: { role: 'reviewer', unitCode: 'dept-mzj' },
    });
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
    console.log('[e2e services work permit timings ms]', JSON.stringify(timings));
  });

  it('goes from the catalogue to a verified certificate, with one correction on the way', async () => {
    const researcherCtx = await e2e.context({ lang: 'en' });
    const page = await researcherCtx.newPage();
    const reviewerCtx = await e2e.context();
    const desk = await reviewerCtx.newPage();

    await timed('catalogue and guide', async () => {
      await page.goto('/services');
      await page.locator('input[name=q]').fill('work permit');
      await page.locator('[data-testid=catalogue-search] button[type=submit]').click();
      await visible(page.locator('[data-testid=matter-link][data-code=foreign-work-permit]'));
      await expect.poll(() => page.locator('[data-testid=matter-link]').count()).toBeLessThan(5);
      await e2e.shot(page, 'services-catalogue-en');
      await page.locator('[data-testid=matter-link][data-code=foreign-work-permit]').click();
      await containsText(page.locator('[data-testid=legal-days]'), '10 working days');
      await containsText(page.locator('[data-testid=promised-days]'), '5 working days');
      await containsText(page.locator('[data-testid=guide-department]'), 'Science');
      await containsText(page.locator('[data-testid=guide-materials]'), 'Employment contract');
      await e2e.shot(page, 'services-guide-en');
    });

    await timed('apply and fill in', async () => {
      await page.locator('[data-testid=sign-in-to-apply]').click();
      await e2e.signIn(page, 'researcher');
      await page.locator('input[name=applicantName]').fill('Anna Maria Schmidt');
      await page.locator('input[name=applicantId]').fill('C01X00T47');
      await page.locator('input[name=applicantPhone]').fill('13900001111');
      await page.locator('[data-testid=apply-submit]').click();
      await page.waitForURL(/\/services\/applications\/\d+$/);
      id = Number(new URL(page.url()).pathname.split('/').pop());
      number = (await page.locator('[data-testid=application-number]').textContent()) ?? '';
      await hasText(page.locator('[data-testid=application-status]'), 'Draft');

      const form = {
        surname: 'Schmidt',
        givenNames: 'Anna Maria',
        nationality: 'Germany',
        passportNumber: 'c01x00t47',
        dateOfBirth: '1990-04-12',
        employer: 'Huairou Laboratory',
        employerCreditCode: CREDIT_CODE,
        position: 'Scientist',
        contractStart: '2025-01-01',
        contractEnd: '2027-12-31',
        annualSalary: '480000',
        email: 'anna.schmidt@example.org',
      };
      for (const [name, value] of Object.entries(form)) await page.locator(`[name=form-${name}]`).fill(value);
      await page.locator('input[name=form-category][value=B]').check();
      // the browser checks with the domain's validator: a lowercase passport number and the missing pledge
      await page.locator('[data-testid=submit-application]').click();
      await containsText(page.locator('[data-field=passportNumber] .error'), 'capital letters');
      await containsText(page.locator('[data-field=pledge] .error'), 'confirm');
      expect((await application(e2e, number)).status).toBe('draft');
      await page.locator('[name=form-passportNumber]').fill('C01X00T47');
      await page.locator('input[name=form-pledge]').check();

      await upload(page, 'passport', 'passport.pdf', 'application/pdf', pdfBytes('passport'));
      await upload(page, 'degree', 'degree.pdf', 'application/pdf', pdfBytes('degree'));
      await upload(page, 'criminal-record', 'record.pdf', 'application/pdf', pdfBytes('record'));
      await upload(page, 'contract', 'contract.pdf', 'application/pdf', pdfBytes('contract'));
      // a photo that is not what its name says is refused beside its material, and nothing is stored
      await page
        .locator('input[name="material-photo"]')
        .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: jpegBytes() });
      await containsText(page.locator('[data-material=photo] [data-testid=material-error]'), 'JPEG');
      await upload(page, 'photo', 'photo.png', 'image/png', pngBytes());
      // what was typed survived the reloads each upload caused
      expect(await page.locator('[name=form-surname]').inputValue()).toBe('Schmidt');
      await e2e.shot(page, 'services-application-form-en');
      await page.locator('[data-testid=submit-application]').click();
      await hasText(page.locator('[data-testid=application-status]'), 'Submitted');
    });

    await timed('reviewer asks for a correction', async () => {
      await desk.goto('/services/review?tab=submitted');
      await e2e.signIn(desk, 'kw');
      await desk.locator('[data-testid=application-link]', { hasText: number }).click();
      await visible(desk.locator('[data-testid=working-countdown]'));
      await desk.locator('[data-decision=request_correction]').click();
      await desk.locator('input[data-item="field:position"]').check();
      await desk
        .locator('input[name="note-field:position"]')
        .fill('请填写完整职务名称 / the full job title, please');
      await desk
        .locator('[data-testid=decision-form-request_correction] textarea[name=reason]')
        .fill('职务填写不完整');
      await e2e.shot(desk, 'services-review-correction');
      await desk.locator('[data-testid=decision-submit]').click();
      await hasText(desk.locator('[data-testid=application-status]'), '待补正');
    });

    await timed('applicant corrects and resubmits', async () => {
      await page.reload();
      await visible(page.locator('[data-testid=correction-notice]'));
      await containsText(page.locator('[data-testid=correction-notice]'), 'the full job title');
      await visible(page.locator('.flagged[data-field=position]'));
      await e2e.shot(page, 'services-correction-en');
      await page.locator('[name=form-position]').fill('Research scientist, synchrotron beamline');
      await page.locator('[data-testid=submit-application]').click();
      await hasText(page.locator('[data-testid=application-status]'), 'Submitted');
      expect((await application(e2e, number)).submission_round).toBe(2);
    });

    await timed('reviewer decides and issues the certificate', async () => {
      await desk.locator('[data-tab=submitted]').click();
      await desk.locator('[data-testid=application-link]', { hasText: number }).click();
      await decide(desk, 'accept', '审查中');
      await visible(desk.locator('[data-testid=review-steps] [aria-current=step]'));
      await decide(desk, 'advance', '审查中', '初审通过');
      await decide(desk, 'approve', '准予办理待出证');
      await decide(desk, 'issue_certificate', '已出证办结');
      await visible(desk.locator('[data-testid=certificate-code]'));
      await e2e.shot(desk, 'services-review-desk');
    });

    let code = '';
    await timed('applicant downloads and rates', async () => {
      await page.reload();
      await hasText(page.locator('[data-testid=application-status]'), 'Certificate issued');
      code = ((await page.locator('[data-testid=certificate-code]').textContent()) ?? '').trim();
      const href = (await page.locator('[data-testid=certificate-download]').getAttribute('href')) ?? '';
      const pdf = await page.evaluate(async (url) => {
        const res = await fetch(url);
        const head = new Uint8Array(await res.arrayBuffer()).subarray(0, 5);
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          head: String.fromCharCode(...head),
        };
      }, href);
      expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      await page.locator('input[name=rating][value=very_satisfied]').check();
      await page.locator('[data-testid=rating-form] button[type=submit]').click();
      // the thanks show until the page reloads the application, which then shows the rating itself
      await visible(page.locator('[data-testid=rating]'));
      expect(await page.locator('[data-testid=rating]').textContent()).toContain('Very satisfied');
      await e2e.shot(page, 'services-certificate-en');
      const row = await application(e2e, number);
      expect(row.status).toBe('certified');
      expect(row.on_time).toBe(true);
    });

    await timed('public verification', async () => {
      const publicCtx = await e2e.context({ lang: 'en', phone: true });
      const check = await publicCtx.newPage();
      await check.goto(`/verify/${encodeURIComponent(code)}`);
      await hasText(check.locator('[data-testid=verify-verdict]'), 'The certificate is valid');
      await containsText(check.locator('[data-testid=verify-result]'), number);
      await e2e.shot(check, 'services-verify-en');
      // one symbol changed: the check symbol catches it, and the page says to compare with the certificate
      const symbols = code.replaceAll('-', '');
      const typo = `${symbols[0] === '0' ? '1' : '0'}${symbols.slice(1)}`;
      await check.goto(`/verify/${typo}`);
      await containsText(check.locator('[data-testid=verify-error]'), 'mistyped');
      await e2e.shot(check, 'services-verify-mistyped-en');
      // the decision counts in the open figures of the department (aggregates only)
      await check.goto('/open-data');
      await containsText(
        check.locator('[data-testid=service-figures-table] tr', { hasText: 'Science and Technology' }),
        '100.0%',
      );
      await e2e.shot(check, 'open-data-services');
      await publicCtx.close();
    });
    await researcherCtx.close();
    await reviewerCtx.close();
  });

  it('a reviewer of another department gets the not-found page, and nothing changes', async () => {
    const before = await application(e2e, number);
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto(`/services/applications/${id}`);
    await e2e.signIn(page, 'mzj');
    await visible(page.locator('[data-testid=not-found]'));
    expect(await page.locator('body').textContent()).not.toContain(number);
    const status = await page.evaluate(
      async (appId) => (await fetch(`/api/services/applications/${appId}`)).status,
      id,
    );
    expect(status).toBe(404);
    await page.goto('/services/review?tab=done');
    await visible(page.locator('[data-testid=review-desk]'));
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-testid=review-desk]').textContent()).not.toContain(number);
    await e2e.shot(page, 'services-outsider-not-found');
    const after = await application(e2e, number);
    expect([after.status, after.event_count]).toEqual([before.status, before.event_count]);
    await ctx.close();
  });
});
