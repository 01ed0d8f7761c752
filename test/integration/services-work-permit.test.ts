/**
 * 全程网办, end to end through HTTP: a foreign researcher at the science city
 * applies in English for a work permit, from draft to certificate; the
 * certificate is verified publicly; a mistyped and a forged code are told
 * apart; a reviewer of another department sees nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVerificationCode } from '../../src/domain/verification-code.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import {
  CREDIT_CODE,
  errorCode,
  jpegBytes,
  pdfBytes,
  pngBytes,
  tempFileStore,
  upload,
} from '../support/services.js';

const EN = { 'accept-language': 'en' };

const FORM = {
  surname: 'Schmidt',
  givenNames: 'Anna Maria',
  nationality: 'Germany',
  passportNumber: 'C01X00T47',
  dateOfBirth: '1990-04-12',
  employer: 'Huairou Laboratory',
  employerCreditCode: CREDIT_CODE,
  position: 'Research scientist, synchrotron beamline',
  category: 'B',
  contractStart: '2025-01-01',
  contractEnd: '2027-12-31',
  annualSalary: 480000,
  email: 'anna.schmidt@example.org',
  pledge: true,
};

describe('work permit for a foreign researcher (English, draft → certificate)', () => {
  let rt: TestRuntime;
  let app: FastifyInstance;
  let files: ReturnType<typeof tempFileStore>;
  let researcher: Client;
  let reviewer: Client;

  beforeAll(async () => {
    rt = await openTestRuntime();
    files = tempFileStore(rt.ctx);
    app = await testServer(rt.ctx);
    researcher = await signedIn(app, rt.ctx, 'citizen');
    reviewer = await signedIn(app, rt.ctx, 'reviewer', 'dept-kw');
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
    files.remove();
  });

  it('lists the matter in the English catalogue with its guide and form', async () => {
    const list = await anonymous(app).get('/api/services/matters?tag=international&lang=en');
    expect(list.statusCode).toBe(200);
    const codes = (list.json().items as { code: string }[]).map((m) => m.code);
    expect(codes).toContain('foreign-work-permit');
    expect(codes).toContain('foreign-high-end-talent');
    const guide = await anonymous(app).get('/api/services/matters/foreign-work-permit');
    expect(guide.statusCode).toBe(200);
    const g = guide.json();
    expect(g.name.en).toBe('Work permit for foreigners (Z visa)');
    expect(g.department.code).toBe('dept-kw');
    expect(g.visits).toBe(0);
    expect(g.fullyOnline).toBe(true);
    expect(g.promisedDays).toBeLessThanOrEqual(g.legalDays);
    expect(g.form['x-order'][0]).toBe('surname');
    expect(g.materials.map((m: { code: string }) => m.code)).toContain('contract');
    const all = await anonymous(app).get('/api/services/matters');
    expect(all.json().total).toBeGreaterThanOrEqual(30);
  });

  it('documents every online-service route in OpenAPI', async () => {
    const spec = (await anonymous(app).get('/docs/json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, method] of [
      ['/api/services/matters', 'get'],
      ['/api/services/matters/{code}', 'get'],
      ['/api/admin/services/matters/{code}/versions', 'post'],
      ['/api/services/applications', 'post'],
      ['/api/services/applications/{id}/files', 'post'],
      ['/api/services/applications/{id}/request-correction', 'post'],
      ['/api/services/applications/{id}/issue-certificate', 'post'],
      ['/api/services/authorisations', 'post'],
      ['/api/public/authorisations/{token}/withdraw', 'post'],
      ['/api/public/certificates/{code}', 'get'],
      ['/api/public/ratings/ticket', 'post'],
      ['/api/services/metrics', 'get'],
      ['/api/open-data/services', 'get'],
    ] as const) {
      expect(spec.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });

  it('goes from draft to a verified certificate', async () => {
    const created = await researcher.post(
      '/api/services/applications',
      {
        matterCode: 'foreign-work-permit',
        applicant: {
          kind: 'person',
          name: 'Anna Maria Schmidt',
          idNumber: 'C01X00T47',
          phone: '13900001111',
        },
        form: { surname: 'Schmidt' },
      },
      EN,
    );
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft.status).toBe('draft');
    expect(draft.number).toMatch(/^HRWB\d{11}$/);
    expect(draft.applicant.name).toBe('Anna Maria Schmidt');
    expect(draft.actions).toEqual(expect.arrayContaining(['edit', 'upload', 'submit', 'withdraw']));
    const id = draft.id as number;

    // A form that does not match the schema: a clear English error per field, nothing saved.
    const bad = await researcher.request({
      method: 'PUT',
      url: `/api/services/applications/${id}/form`,
      payload: { form: { ...FORM, passportNumber: 'ab-12', annualSalary: 'a lot', unknownField: 1 } },
      headers: EN,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('FORM_INVALID');
    expect(bad.json().error.message).toBe('The application form has errors; see the fields');
    const paths = (bad.json().error.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['form.annualSalary', 'form.passportNumber', 'form.unknownField']);
    const unchanged = await researcher.get(`/api/services/applications/${id}`);
    expect(unchanged.json().version).toBe(draft.version);
    expect(unchanged.json().form).toEqual({ surname: 'Schmidt' });

    const saved = await researcher.request({
      method: 'PUT',
      url: `/api/services/applications/${id}/form`,
      payload: { form: FORM },
    });
    expect(saved.statusCode).toBe(200);

    const early = await researcher.post(`/api/services/applications/${id}/submit`, {}, EN);
    expect(early.statusCode).toBe(400);
    expect(errorCode(early)).toBe('MATERIALS_MISSING');

    for (const [material, name, bytes, type] of [
      ['passport', 'passport.png', pngBytes(), 'image/png'],
      ['degree', 'PhD-diploma.pdf', pdfBytes('degree'), 'application/pdf'],
      ['criminal-record', 'record.pdf', pdfBytes('record'), 'application/pdf'],
      ['contract', 'contract.pdf', pdfBytes('contract'), 'application/pdf'],
      ['photo', 'photo.jpg', jpegBytes(), 'image/jpeg'],
    ] as const) {
      const res = await upload(researcher, id, material, name, bytes, type);
      expect(res.statusCode, `${material}: ${res.body}`).toBe(201);
    }
    const again = await upload(
      researcher,
      id,
      'degree',
      'PhD-diploma.pdf',
      pdfBytes('degree'),
      'application/pdf',
    );
    expect(again.statusCode).toBe(200);
    const download = await researcher.get(`/api/services/applications/${id}/files/${again.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdfBytes('degree'))).toBe(true);

    const submitted = await researcher.post(`/api/services/applications/${id}/submit`, {});
    expect(submitted.statusCode).toBe(200);
    const s = submitted.json();
    expect(s.status).toBe('submitted');
    // Tuesday 26 Nov 2024 + 2 working days: close of business on Thursday 28 Nov (18:00 Beijing).
    expect(s.clocks.acceptDueAt).toBe('2024-11-28T10:00:00.000Z');

    // A reviewer of another department: as if it did not exist, and nothing changes.
    const stranger = await signedIn(app, rt.ctx, 'reviewer', 'dept-rsj');
    expect((await stranger.get(`/api/services/applications/${id}`)).statusCode).toBe(404);
    const foreignAccept = await stranger.post(`/api/services/applications/${id}/accept`, {});
    expect(foreignAccept.statusCode).toBe(404);
    expect(errorCode(foreignAccept)).toBe('APPLICATION_NOT_FOUND');
    expect((await stranger.get('/api/services/applications')).json().items).toEqual([]);
    const otherCitizen = await signedIn(app, rt.ctx, 'citizen');
    expect((await otherCitizen.get(`/api/services/applications/${id}`)).statusCode).toBe(404);

    const queue = await reviewer.get('/api/services/applications?status=submitted');
    expect((queue.json().items as { id: number }[]).map((a) => a.id)).toContain(id);
    const seen = await reviewer.get(`/api/services/applications/${id}`);
    expect(seen.json().actions).toEqual(['accept', 'not_accept', 'request_correction']);
    expect(seen.json().applicant.name).toBe('Anna Maria Schmidt');

    rt.clock.advance(3_600_000);
    const accepted = await reviewer.post(`/api/services/applications/${id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('in_review');
    // accepted Tue 26 Nov 11:00 + 5 working days: Tue 3 Dec 18:00 Beijing
    expect(accepted.json().clocks.decisionDueAt).toBe('2024-12-03T10:00:00.000Z');
    expect(accepted.json().review.current.en).toBe('First review');

    const tooSoon = await reviewer.post(`/api/services/applications/${id}/approve`, {}, EN);
    expect(tooSoon.statusCode).toBe(409);
    expect(errorCode(tooSoon)).toBe('REVIEW_STEPS_PENDING');
    expect(
      (await reviewer.post(`/api/services/applications/${id}/advance`, { reason: '材料齐全' })).json().review
        .step,
    ).toBe(1);
    const approved = await reviewer.post(`/api/services/applications/${id}/approve`, {});
    expect(approved.json().status).toBe('approved');
    expect(approved.json().decision.onTime).toBe(true);

    // The applicant cannot take a reviewer's action.
    const selfIssue = await researcher.post(`/api/services/applications/${id}/issue-certificate`, {});
    expect(selfIssue.statusCode).toBe(403);

    const issued = await reviewer.post(`/api/services/applications/${id}/issue-certificate`, {});
    expect(issued.statusCode).toBe(200);
    const done = issued.json();
    expect(done.status).toBe('certified');
    expect(done.certificate.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]$/);
    const code = done.certificate.code.replaceAll('-', '') as string;

    const verified = await anonymous(app).get(
      `/api/public/certificates/${encodeURIComponent(done.certificate.code)}`,
    );
    expect(verified.statusCode).toBe(200);
    const v = verified.json();
    expect(v.valid).toBe(true);
    expect(v.holder).toBe('A***');
    expect(v.content.matter.en).toBe('Work permit for foreigners (Z visa)');
    expect(v.content.title.zh).toBe('外国人工作许可通知');
    expect(v.content.department.zh).toBe('区科学技术委员会');
    expect(JSON.stringify(v)).not.toContain('Schmidt');
    const pdf = await anonymous(app).get(`/api/public/certificates/${encodeURIComponent(code)}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain(`verification-code:${code}`);
    expect((await researcher.get(`/api/services/applications/${id}/certificate.pdf`)).statusCode).toBe(200);

    // One symbol mistyped: the check symbol catches it. A well-formed code never issued: not found.
    const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const wrong = symbols[(symbols.indexOf(code[0] as string) + 1) % 32] as string;
    const typo = await anonymous(app).get(`/api/public/certificates/${wrong}${code.slice(1)}`, EN);
    expect(typo.statusCode).toBe(400);
    expect(errorCode(typo)).toBe('CERTIFICATE_CODE_MISTYPED');
    expect(typo.json().error.message).toContain('mistyped');
    const forged = await anonymous(app).get(
      `/api/public/certificates/${makeVerificationCode(new Uint8Array(8).fill(7))}`,
    );
    expect(forged.statusCode).toBe(404);
    expect(errorCode(forged)).toBe('CERTIFICATE_NOT_FOUND');
    expect(forged.json().error.message).toContain('伪造');
    const garbage = await anonymous(app).get('/api/public/certificates/hello');
    expect(errorCode(garbage)).toBe('CERTIFICATE_CODE_FORMAT');

    const rated = await researcher.post(`/api/services/applications/${id}/rating`, {
      level: 'very_satisfied',
      comment: 'Fast and in English!',
    });
    expect(rated.statusCode).toBe(201);
    expect(rated.json().rectificationTicket).toBeNull();
    const final = (await researcher.get(`/api/services/applications/${id}`)).json();
    expect(final.rating.label.en).toBe('Very satisfied');
    expect(final.timeline.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'accept',
      'advance',
      'approve',
      'issue_certificate',
    ]);
    const staffTimeline = (await reviewer.get(`/api/services/applications/${id}`)).json().timeline;
    expect(staffTimeline.length).toBeGreaterThan(final.timeline.length);

    // Notifications went through the outbox: the department heard of the submission, the applicant of each step.
    const outbox = await rt.ctx.db.selectFrom('outbox').select(['recipient', 'template']).execute();
    const templates = outbox.map((o) => `${o.template}→${o.recipient.split(':')[0]}`);
    expect(templates).toEqual(
      expect.arrayContaining([
        'svc_application_submitted→unit',
        'svc_application_received→user',
        'svc_application_accepted→user',
        'svc_application_decided→user',
        'svc_certificate_issued→user',
      ]),
    );
    const views = await rt.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'application.view_personal')
      .execute();
    expect(views.length).toBeGreaterThan(0);
  });
});
