/**
 * 网办指标, 到期巡检 and 指南版本: figures per department and matter on a
 * small hand-built set (computed by hand below), the overdue warnings of the
 * application sweep in working time, and the admin's guide versions (an
 * application keeps the version it was filed under).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationActor } from '../../src/domain/applications.js';
import { acceptApplication } from '../../src/services/applications/accept-application.js';
import { approveApplication } from '../../src/services/applications/approve-application.js';
import { createApplication } from '../../src/services/applications/create-application.js';
import { notAcceptApplication } from '../../src/services/applications/not-accept-application.js';
import { submitApplication } from '../../src/services/applications/submit-application.js';
import { uploadApplicationFile } from '../../src/services/applications/upload-application-file.js';
import { createUser } from '../../src/services/auth/create-user.js';
import { issueCertificate } from '../../src/services/certificates/issue-certificate.js';
import { rateApplication } from '../../src/services/ratings/rate-application.js';
import { runApplicationSweep } from '../../src/services/sweep/run-application-sweep.js';
import { anonymous, type Client, PASSWORD, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import {
  errorCode,
  jpegBytes,
  pdfBytes,
  RESIDENT_ID,
  signInAgain,
  tempFileStore,
} from '../support/services.js';

const SENIOR_FORM = {
  name: '孙淑珍',
  idNumber: RESIDENT_ID,
  phone: '13600006666',
  address: '怀柔区龙山街道',
};
const ASSIST_FORM = {
  name: '孙淑珍',
  idNumber: RESIDENT_ID,
  event: 'illness',
  description: '突发脑梗住院，医疗费用较高',
};

describe('online-service metrics, sweep and guide versions', () => {
  let rt: TestRuntime;
  let app: FastifyInstance;
  let files: ReturnType<typeof tempFileStore>;
  let citizen: ApplicationActor;
  let reviewer: ApplicationActor;
  let mzj: number;

  beforeAll(async () => {
    rt = await openTestRuntime();
    files = tempFileStore(rt.ctx);
    app = await testServer(rt.ctx);
    const ref = await rt.ctx.reference.get();
    mzj = ref.unitsByCode.get('dept-mzj')?.id as number;
    const c = await createUser(rt.ctx, {
      username: `metrics-citizen-${process.pid}`,
      password: PASSWORD,
      role: 'citizen',
    });
    const r = await createUser(rt.ctx, {
      username: `metrics-reviewer-${process.pid}`,
      password: PASSWORD,
      role: 'reviewer',
      unitCode: 'dept-mzj',
    });
    citizen = { role: 'citizen', userId: c.id, unitIds: [] };
    reviewer = { role: 'reviewer', userId: r.id, unitIds: [mzj] };
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
    files.remove();
  });

  async function filed(matterCode: string, at: string): Promise<number> {
    rt.clock.set(at);
    const form = matterCode === 'senior-citizen-card' ? SENIOR_FORM : ASSIST_FORM;
    const a = await createApplication(rt.ctx, {
      actor: citizen,
      matterCode,
      applicant: { kind: 'person', name: '孙淑珍', phone: '13600006666' },
      form,
    });
    const second =
      matterCode === 'senior-citizen-card' ? ['photo', jpegBytes()] : ['hardship-proof', pdfBytes()];
    for (const [material, bytes] of [['id-card', jpegBytes()], second] as [string, Buffer][]) {
      await uploadApplicationFile(rt.ctx, {
        applicationId: a.id,
        actor: citizen,
        materialCode: material,
        fileName: `${material}.bin`,
        mediaType: '',
        bytes,
      });
    }
    await submitApplication(rt.ctx, { applicationId: a.id, actor: citizen });
    return a.id;
  }

  it('computes the figures of a small hand-built month', async () => {
    // A1: accepted and approved two office hours after submission (0.25 working days of 5), rated 非常满意.
    const a1 = await filed('senior-citizen-card', '2024-11-26T10:00:00+08:00');
    await acceptApplication(rt.ctx, { applicationId: a1, actor: reviewer });
    rt.clock.set('2024-11-26T12:00:00+08:00');
    await approveApplication(rt.ctx, { applicationId: a1, actor: reviewer });
    await issueCertificate(rt.ctx, { applicationId: a1, actor: reviewer });
    await rateApplication(rt.ctx, { applicationId: a1, actor: citizen, level: 'very_satisfied' });
    // A2: accepted Fri 1 Nov 10:00, due Fri 8 Nov 18:00, approved Tue 12 Nov 10:00: late, 7.00 working days; rated 不满意.
    const a2 = await filed('senior-citizen-card', '2024-11-01T09:30:00+08:00');
    rt.clock.set('2024-11-01T10:00:00+08:00');
    await acceptApplication(rt.ctx, { applicationId: a2, actor: reviewer });
    rt.clock.set('2024-11-12T10:00:00+08:00');
    await approveApplication(rt.ctx, { applicationId: a2, actor: reviewer });
    await issueCertificate(rt.ctx, { applicationId: a2, actor: reviewer });
    await rateApplication(rt.ctx, {
      applicationId: a2,
      actor: citizen,
      level: 'unsatisfied',
      comment: '超期',
    });
    // A3: not accepted 10:00→15:00, 4 office hours (lunch excluded) = 0.5 of its 1-day acceptance clock.
    const a3 = await filed('temporary-assistance', '2024-11-20T10:00:00+08:00');
    rt.clock.set('2024-11-20T15:00:00+08:00');
    await notAcceptApplication(rt.ctx, {
      applicationId: a3,
      actor: reviewer,
      reason: '不属于临时救助范围，请申请医疗救助',
    });
    rt.clock.set('2024-11-28T10:00:00+08:00');

    const supervisor = await signedIn(app, rt.ctx, 'supervisor');
    const res = await supervisor.get('/api/services/metrics?period=2024-11');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.period).toEqual({ label: '2024-11', from: '2024-11-01', to: '2024-12-01' });
    const dept = m.departments.find((d: { unit: { code: string } }) => d.unit.code === 'dept-mzj');
    expect(dept.counts).toEqual({
      matters: 4,
      mattersOnline: 4,
      completed: 3,
      onTime: 2,
      workingDaysUsed: 7.75,
      promisedDays: 11,
      ratings: 2,
      goodRatings: 1,
      poorRatings: 1,
    });
    expect(dept.rates).toEqual({
      onlineShare: 1,
      onTimeRate: 0.6667,
      averageDays: 2.58,
      averagePromisedDays: 3.67,
      timeRatio: 0.7045,
      goodRatingRate: 0.5,
    });
    const card = dept.matters.find((x: { code: string }) => x.code === 'senior-citizen-card');
    expect(card.counts).toMatchObject({
      completed: 2,
      onTime: 1,
      workingDaysUsed: 7.25,
      promisedDays: 10,
      ratings: 2,
    });
    expect(card.rates.timeRatio).toBe(0.725);
    const gaj = m.departments.find((d: { unit: { code: string } }) => d.unit.code === 'dept-gaj');
    expect(gaj.counts).toMatchObject({ matters: 3, mattersOnline: 1, completed: 0 });
    expect(gaj.rates.onlineShare).toBe(0.3333);
    expect(gaj.rates.onTimeRate).toBeNull();
    expect(m.total.counts).toMatchObject({ matters: 33, mattersOnline: 30, completed: 3 });

    // A reviewer sees their department only; a citizen none; the public the same aggregates.
    const own = await signedIn(app, rt.ctx, 'reviewer', 'dept-mzj');
    const ownFigures = (await own.get('/api/services/metrics?period=2024-11')).json();
    expect(ownFigures.departments.map((d: { unit: { code: string } }) => d.unit.code)).toEqual(['dept-mzj']);
    expect((await (await signedIn(app, rt.ctx, 'citizen')).get('/api/services/metrics')).statusCode).toBe(
      403,
    );
    const open = await anonymous(app).get('/api/open-data/services?period=2024-11');
    expect(open.statusCode).toBe(200);
    expect(
      open.json().departments.find((d: { unit: { code: string } }) => d.unit.code === 'dept-mzj').rates,
    ).toEqual(dept.rates);
    expect(open.body).not.toContain('孙');
    const bad = await anonymous(app).get('/api/open-data/services?period=2024-13');
    expect(bad.statusCode).toBe(400);
  });

  it('warns at 75% of the working time and when overdue, once each, through the outbox', async () => {
    // Wed 4 Dec 09:00 + 2 working days: due Fri 6 Dec 18:00; 75% of 24 office hours is reached Fri 11:00.
    const id = await filed('senior-citizen-card', '2024-12-04T09:00:00+08:00');
    const row = async () =>
      rt.ctx.db.selectFrom('service_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await row()).next_check_at?.toISOString()).toBe('2024-12-06T03:00:00.000Z');
    rt.clock.set('2024-12-05T17:00:00+08:00');
    expect((await runApplicationSweep(rt.ctx)).yellow).toBe(0);
    rt.clock.set('2024-12-06T11:30:00+08:00');
    expect(await runApplicationSweep(rt.ctx)).toMatchObject({ yellow: 1, red: 0 });
    expect((await row()).card).toBe('yellow');
    rt.clock.set('2024-12-07T10:00:00+08:00');
    expect(await runApplicationSweep(rt.ctx)).toMatchObject({ yellow: 0, red: 1 });
    expect(await runApplicationSweep(rt.ctx)).toMatchObject({ checked: 0, yellow: 0, red: 0 });
    const r = await row();
    expect(r.card).toBe('red');
    expect(r.next_check_at).toBeNull();
    const warnings = await rt.ctx.db
      .selectFrom('outbox')
      .select(['template', 'recipient', 'payload'])
      .where('template', 'in', ['svc_application_warning', 'svc_application_overdue'])
      .where('dedupe_key', 'like', `svc-warning:${id}:%`)
      .orderBy('id')
      .execute();
    expect(warnings.map((w) => `${w.template}→${w.recipient}`)).toEqual([
      `svc_application_warning→unit:${mzj}`,
      `svc_application_warning→unit:${mzj}`,
      `svc_application_overdue→user:${citizen.userId}`,
    ]);
    const events = await rt.ctx.db
      .selectFrom('service_application_events')
      .select('action')
      .where('application_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action).slice(-2)).toEqual(['yellow_card', 'red_card']);
    // Acceptance stops the clock; the decision clock starts clean.
    rt.clock.set('2024-12-09T09:30:00+08:00');
    const accepted = await acceptApplication(rt.ctx, { applicationId: id, actor: reviewer });
    expect(accepted.application.card).toBe('none');
    expect(accepted.application.next_check_at).not.toBeNull();
  });

  it('versions a guide: earlier applications keep theirs; bad guides and stale edits change nothing', async () => {
    const admin = await signInAgain(app, rt.ctx, await signedIn(app, rt.ctx, 'admin'));
    const citizenClient: Client = await signedIn(app, rt.ctx, 'citizen');
    const current = (await anonymous(app).get('/api/services/matters/birth-registration')).json();
    const older = await citizenClient.post('/api/services/applications', {
      matterCode: 'birth-registration',
      applicant: { kind: 'person', name: '刘洋' },
    });
    expect(older.json().matter.version).toBe(1);
    const guide = {
      name: current.name,
      type: current.type,
      departmentCode: 'dept-wjw',
      applicantKind: current.applicantKind,
      summary: current.summary,
      conditions: current.conditions,
      materials: current.materials.map(({ mediaTypes: _m, ...rest }: Record<string, unknown>) => rest),
      legalDays: current.legalDays,
      promisedDays: 1,
      acceptDays: 1,
      fee: current.fee,
      steps: current.steps,
      reviewSteps: current.reviewSteps,
      visits: 0,
      legalBasis: current.legalBasis,
      result: current.result,
      tags: current.tags,
      form: {
        ...current.form,
        properties: {
          ...current.form.properties,
          hospital: { type: 'string', title: '分娩医院', 'x-title-en': 'Hospital', maxLength: 100 },
        },
      },
    };
    const forbidden = await citizenClient.post('/api/admin/services/matters/birth-registration/versions', {
      guide,
    });
    expect(forbidden.statusCode).toBe(403);
    const invalid = await admin.post('/api/admin/services/matters/birth-registration/versions', {
      guide: { ...guide, promisedDays: 99, form: { ...guide.form, required: ['nope'] } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['form.required.0', 'promisedDays']);
    const published = await admin.post('/api/admin/services/matters/birth-registration/versions', {
      guide,
      basedOn: 1,
      note: '新增分娩医院',
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json().version).toBe(2);
    expect(published.json().form['x-order']).toContain('hospital');
    const stale = await admin.post('/api/admin/services/matters/birth-registration/versions', {
      guide,
      basedOn: 1,
    });
    expect(errorCode(stale)).toBe('MATTER_VERSION_CONFLICT');
    const versions = (await anonymous(app).get('/api/services/matters/birth-registration/versions')).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const kept = (await citizenClient.get(`/api/services/applications/${older.json().id}`)).json();
    expect(kept.matter).toMatchObject({ version: 1, currentVersion: 2 });
    expect(Object.keys(kept.schema.properties)).not.toContain('hospital');
    const newer = await citizenClient.post('/api/services/applications', {
      matterCode: 'birth-registration',
      applicant: { kind: 'person', name: '刘洋' },
      form: { hospital: '怀柔区妇幼保健院' },
    });
    expect(newer.json().matter.version).toBe(2);
    expect(
      errorCode(
        await citizenClient.request({
          method: 'PUT',
          url: `/api/services/applications/${older.json().id}/form`,
          payload: { form: { hospital: 'x' } },
        }),
      ),
    ).toBe('FORM_INVALID');

    expect(
      (
        await admin.request({
          method: 'PATCH',
          url: '/api/admin/services/matters/birth-registration',
          payload: { active: false },
        })
      ).statusCode,
    ).toBe(200);
    const stopped = await citizenClient.post('/api/services/applications', {
      matterCode: 'birth-registration',
      applicant: { kind: 'person', name: '刘洋' },
    });
    expect(errorCode(stopped)).toBe('MATTER_INACTIVE');
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', 'birth-registration')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['matter.publish', 'matter.stop']);
  });
});
