/**
 * 足不出村办政务 A village agent files for a villager under a recorded
 * authorisation, through to the certificate; the villager is told by SMS,
 * sees the authorisation through the link, binds it to an account and
 * withdraws another one; an expired or withdrawn authorisation is refused
 * and changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import {
  deliverAll,
  errorCode,
  jpegBytes,
  pdfBytes,
  pngBytes,
  RESIDENT_ID,
  signInAgain,
  tempFileStore,
  upload,
} from '../support/services.js';

const DAY = 86_400_000;
const VILLAGER_PHONE = '13912345678';
const FORM = {
  name: '王秀兰',
  idNumber: RESIDENT_ID,
  village: '渤海镇六渡河村',
  contractedArea: 4.5,
  plantedArea: 4.2,
  crop: 'corn',
  bankAccount: '6217000010001234567',
  pledge: true,
};

describe('village agent files for a villager (足不出村)', () => {
  let rt: TestRuntime;
  let app: FastifyInstance;
  let files: ReturnType<typeof tempFileStore>;
  let agent: Client;
  let reviewer: Client;

  beforeAll(async () => {
    rt = await openTestRuntime();
    files = tempFileStore(rt.ctx);
    app = await testServer(rt.ctx);
    agent = await signedIn(app, rt.ctx, 'village_agent');
    reviewer = await signedIn(app, rt.ctx, 'reviewer', 'dept-nyncj');
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
    files.remove();
  });

  async function authorise(days: number, phone = VILLAGER_PHONE) {
    const res = await agent.post('/api/services/authorisations', {
      matterCode: 'arable-land-subsidy',
      villager: { name: '王秀兰', phone, idNumber: RESIDENT_ID },
      areaCode: '110116108',
      consent: 'signed_form',
      note: '村委会代办室当面签署授权委托书',
      validUntil: new Date(rt.clock.now().getTime() + days * DAY).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; status: string };
  }

  function tokenFrom(text: string): string {
    const m = /\/services\/authorisations\/([A-Za-z0-9_-]{43})/.exec(text);
    if (!m?.[1]) throw new Error(`no link in: ${text}`);
    return m[1];
  }

  it('files under an authorisation, through to the certificate, and the villager follows it', async () => {
    const auth = await authorise(30);
    expect(auth.status).toBe('active');
    const sms = (await deliverAll(rt.ctx)).filter((m) => m.template === 'svc_authorisation_granted');
    expect(sms).toHaveLength(1);
    expect(sms[0]?.to).toBe(VILLAGER_PHONE);
    expect(sms[0]?.text).toContain('耕地地力保护补贴');
    const token = tokenFrom(sms[0]?.text ?? '');
    const stored = await rt.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('template', '=', 'svc_authorisation_granted')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.payload)).not.toContain(token);
    expect(JSON.stringify(stored.payload)).not.toContain(VILLAGER_PHONE);

    const wrongDigits = await anonymous(app).post(`/api/public/authorisations/${token}`, {
      phoneLast4: '0000',
    });
    expect(wrongDigits.statusCode).toBe(404);
    expect(errorCode(wrongDigits)).toBe('AUTHORISATION_LINK_INVALID');
    const seen = await anonymous(app).post(`/api/public/authorisations/${token}`, { phoneLast4: '5678' });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().villager.name).toBe('王**');
    expect(seen.json().matter.code).toBe('arable-land-subsidy');

    const withoutAuth = await agent.post('/api/services/applications', { matterCode: 'arable-land-subsidy' });
    expect(errorCode(withoutAuth)).toBe('AUTHORISATION_REQUIRED');
    const otherAgent = await signedIn(app, rt.ctx, 'village_agent');
    const borrowed = await otherAgent.post('/api/services/applications', {
      matterCode: 'arable-land-subsidy',
      authorisationId: auth.id,
    });
    expect(errorCode(borrowed)).toBe('AUTHORISATION_NOT_FOUND');
    const otherMatter = await agent.post('/api/services/applications', {
      matterCode: 'senior-citizen-card',
      authorisationId: auth.id,
    });
    expect(errorCode(otherMatter)).toBe('AUTHORISATION_WRONG_MATTER');

    const created = await agent.post('/api/services/applications', {
      matterCode: 'arable-land-subsidy',
      authorisationId: auth.id,
      form: FORM,
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a.applicant.name).toBe('王秀兰');
    expect(a.filedBy).toBe('village_agent');
    const id = a.id as number;
    expect((await upload(agent, id, 'id-card', '身份证.jpg', jpegBytes(), 'image/jpeg')).statusCode).toBe(
      201,
    );
    expect(
      (await upload(agent, id, 'land-contract', '承包合同.pdf', pdfBytes(), 'application/pdf')).statusCode,
    ).toBe(201);
    expect((await upload(agent, id, 'bank-card', '一卡通.png', pngBytes(), 'image/png')).statusCode).toBe(
      201,
    );
    expect((await agent.post(`/api/services/applications/${id}/submit`, {})).json().status).toBe('submitted');

    await reviewer.post(`/api/services/applications/${id}/accept`, {});
    await reviewer.post(`/api/services/applications/${id}/advance`, {});
    await reviewer.post(`/api/services/applications/${id}/advance`, { reason: '村委会已公示' });
    await reviewer.post(`/api/services/applications/${id}/approve`, {});
    const certified = await reviewer.post(`/api/services/applications/${id}/issue-certificate`, {});
    expect(certified.json().status).toBe('certified');

    const villagerSms = (await deliverAll(rt.ctx)).filter(
      (m) => m.channel === 'sms' && m.to === VILLAGER_PHONE,
    );
    expect(villagerSms.map((m) => m.template)).toEqual(
      expect.arrayContaining([
        'svc_application_received',
        'svc_application_accepted',
        'svc_certificate_issued',
      ]),
    );

    // The villager gets an account and binds the authorisation to it: the application is theirs to see.
    const villager = await signedIn(app, rt.ctx, 'citizen');
    expect((await villager.get(`/api/services/applications/${id}`)).statusCode).toBe(404);
    const claimed = await villager.post('/api/services/authorisations/claim', { token, phoneLast4: '5678' });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().villager.hasAccount).toBe(true);
    expect((await villager.get('/api/services/authorisations')).json().items).toHaveLength(1);
    const mine = await villager.get('/api/services/applications');
    expect((mine.json().items as { id: number }[]).map((x) => x.id)).toContain(id);
    const someoneElse = await signedIn(app, rt.ctx, 'citizen');
    expect(
      errorCode(await someoneElse.post('/api/services/authorisations/claim', { token, phoneLast4: '5678' })),
    ).toBe('AUTHORISATION_LINK_INVALID');
    expect(
      (await villager.post(`/api/services/applications/${id}/rating`, { level: 'satisfied' })).statusCode,
    ).toBe(201);
  });

  it('refuses an expired authorisation and changes nothing', async () => {
    const auth = await authorise(1, '13912340001');
    const created = await agent.post('/api/services/applications', {
      matterCode: 'arable-land-subsidy',
      authorisationId: auth.id,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const version = created.json().version as number;
    rt.clock.advance(2 * DAY);
    agent = await signInAgain(app, rt.ctx, agent);
    const count = async () =>
      Number(
        (
          await rt.ctx.db
            .selectFrom('service_applications')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const again = await agent.post(
      '/api/services/applications',
      { matterCode: 'arable-land-subsidy', authorisationId: auth.id },
      { 'accept-language': 'en' },
    );
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('AUTHORISATION_EXPIRED');
    expect(again.json().error.message).toContain('not in force');
    expect(await count()).toBe(before);
    const edit = await agent.request({
      method: 'PUT',
      url: `/api/services/applications/${id}/form`,
      payload: { form: FORM },
    });
    expect(errorCode(edit)).toBe('AUTHORISATION_EXPIRED');
    const up = await upload(agent, id, 'id-card', 'id.jpg', jpegBytes(), 'image/jpeg');
    expect(errorCode(up)).toBe('AUTHORISATION_EXPIRED');
    const after = (await agent.get(`/api/services/applications/${id}`)).json();
    expect(after.version).toBe(version);
    expect(after.form).toEqual({});
    expect(after.materials.every((m: { files: unknown[] }) => m.files.length === 0)).toBe(true);
    // Withdrawing is still allowed: it only gives up.
    expect((await agent.post(`/api/services/applications/${id}/withdraw`, {})).json().status).toBe(
      'withdrawn',
    );
    const listed = (await agent.get(`/api/services/authorisations/${auth.id}`)).json();
    expect(listed.status).toBe('expired');
  });

  it('lets the villager withdraw through the link: drafts go with it, the agent is told', async () => {
    const auth = await authorise(30, '13912340002');
    const draft = await agent.post('/api/services/applications', {
      matterCode: 'arable-land-subsidy',
      authorisationId: auth.id,
    });
    const sms = (await deliverAll(rt.ctx)).filter(
      (m) => m.to === '13912340002' && m.template === 'svc_authorisation_granted',
    );
    const token = tokenFrom(sms[0]?.text ?? '');
    const withdrawn = await anonymous(app).post(`/api/public/authorisations/${token}/withdraw`, {
      phoneLast4: '0002',
      reason: '已自行办理',
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(withdrawn.json().applications[0].status).toBe('withdrawn');
    expect((await agent.get(`/api/services/applications/${draft.json().id}`)).json().status).toBe(
      'withdrawn',
    );
    const twice = await anonymous(app).post(`/api/public/authorisations/${token}/withdraw`, {
      phoneLast4: '0002',
    });
    expect(errorCode(twice)).toBe('AUTHORISATION_WITHDRAWN');
    const refused = await agent.post('/api/services/applications', {
      matterCode: 'arable-land-subsidy',
      authorisationId: auth.id,
    });
    expect(errorCode(refused)).toBe('AUTHORISATION_WITHDRAWN');
    const told = await rt.ctx.db
      .selectFrom('outbox')
      .select('recipient')
      .where('template', '=', 'svc_authorisation_withdrawn')
      .execute();
    expect(told.map((t) => t.recipient)).toEqual([`user:${agent.userId}`]);
  });
});
