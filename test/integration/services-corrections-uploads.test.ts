/**
 * Bad input changes nothing: uploads of the wrong type, with bytes that
 * disagree with their name or declared type, truncated, oversized or one too
 * many are refused before anything is stored; a form that does not match the
 * schema is refused with a message per field. And the 补正 loop: the
 * department asks for corrections item by item, the applicant fixes and
 * resubmits, a new acceptance clock runs.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import {
  errorCode,
  jpegBytes,
  pdfBytes,
  pngBytes,
  RESIDENT_ID,
  signInAgain,
  tempFileStore,
  upload,
} from '../support/services.js';

const FORM = {
  operatorName: '李建国',
  idNumber: RESIDENT_ID,
  shopName: '栗香坊',
  businessScope: '销售预包装食品、怀柔板栗及农副产品',
  premises: '怀柔区雁栖镇柏崖厂村 86 号',
  capital: 5,
  phone: '13800138000',
};

describe('uploads, form errors and the correction loop', () => {
  let rt: TestRuntime;
  let app: FastifyInstance;
  let files: ReturnType<typeof tempFileStore>;
  let citizen: Client;
  let reviewer: Client;

  beforeAll(async () => {
    rt = await openTestRuntime();
    files = tempFileStore(rt.ctx);
    app = await testServer(rt.ctx);
    citizen = await signedIn(app, rt.ctx, 'citizen');
    reviewer = await signedIn(app, rt.ctx, 'reviewer', 'dept-scjgj');
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
    files.remove();
  });

  async function draft(): Promise<number> {
    const res = await citizen.post('/api/services/applications', {
      matterCode: 'individual-business-registration',
      applicant: { kind: 'person', name: '李建国', idNumber: RESIDENT_ID, phone: '13800138000' },
      form: FORM,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }

  async function fileRows(id: number): Promise<number> {
    const r = await rt.ctx.db
      .selectFrom('service_application_files')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('refuses bad uploads before storing anything', async () => {
    const id = await draft();
    const version = (await citizen.get(`/api/services/applications/${id}`)).json().version;
    const cases: [string, Buffer, string, string, number, string][] = [
      // a text file renamed .pdf: the bytes are not a PDF
      [
        'renamed.pdf',
        Buffer.from('just some text, not a pdf'),
        'application/pdf',
        'premises-proof',
        415,
        'UPLOAD_TYPE_NOT_ALLOWED',
      ],
      // a real PNG named .pdf
      ['lease.pdf', pngBytes(), 'application/octet-stream', 'premises-proof', 415, 'UPLOAD_TYPE_MISMATCH'],
      // a real JPEG declared as PNG
      ['lease.jpg', jpegBytes(), 'image/png', 'premises-proof', 415, 'UPLOAD_TYPE_MISMATCH'],
      // a PDF cut off before its end
      ['lease.pdf', pdfBytes().subarray(0, 40), 'application/pdf', 'premises-proof', 400, 'UPLOAD_MALFORMED'],
      // a PNG without its IEND chunk
      ['lease.png', pngBytes().subarray(0, 40), 'image/png', 'premises-proof', 400, 'UPLOAD_MALFORMED'],
      // an executable
      [
        'tool.exe',
        Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]),
        'application/octet-stream',
        'premises-proof',
        415,
        'UPLOAD_TYPE_NOT_ALLOWED',
      ],
      // empty
      ['empty.pdf', Buffer.alloc(0), 'application/pdf', 'premises-proof', 400, 'UPLOAD_EMPTY'],
      // a material the matter does not have
      ['x.pdf', pdfBytes(), 'application/pdf', 'no-such-material', 400, 'MATERIAL_UNKNOWN'],
      // over the material's 5 MB limit
      [
        'big.pdf',
        Buffer.concat([pdfBytes(), Buffer.alloc(5 * 1024 * 1024)]),
        'application/pdf',
        'premises-proof',
        413,
        'UPLOAD_TOO_LARGE',
      ],
    ];
    for (const [name, bytes, type, material, status, code] of cases) {
      const res = await upload(citizen, id, material, name, bytes, type);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(errorCode(res), name).toBe(code);
    }
    const unsupported = await upload(
      citizen,
      id,
      'premises-proof',
      'a.txt',
      Buffer.from('hello'),
      'text/plain',
    );
    expect(unsupported.statusCode).toBe(415);
    const english = await upload(
      citizen,
      id,
      'premises-proof',
      'renamed.pdf',
      Buffer.from('text'),
      'application/pdf',
    );
    expect(
      (
        await citizen.request({
          method: 'POST',
          url: `/api/services/applications/${id}/files?material=premises-proof&name=x.pdf&lang=en`,
          payload: Buffer.from('text'),
          headers: { 'content-type': 'application/pdf' },
        })
      ).json().error.message,
    ).toContain('Wrong file type');
    expect(english.json().error.message).toContain('文件类型不符');
    expect(files.stored()).toEqual([]);
    expect(await fileRows(id)).toBe(0);
    expect((await citizen.get(`/api/services/applications/${id}`)).json().version).toBe(version);

    // The ID card takes at most two files: the third is refused, and not stored.
    expect((await upload(citizen, id, 'id-card', 'front.jpg', jpegBytes(), 'image/jpeg')).statusCode).toBe(
      201,
    );
    expect((await upload(citizen, id, 'id-card', 'back.png', pngBytes(), 'image/png')).statusCode).toBe(201);
    const third = await upload(citizen, id, 'id-card', 'extra.pdf', pdfBytes('extra'), 'application/pdf');
    expect(third.statusCode).toBe(409);
    expect(errorCode(third)).toBe('UPLOAD_TOO_MANY');
    expect(files.stored()).toHaveLength(2);
    expect(await fileRows(id)).toBe(2);
  });

  it('refuses a form that does not match the schema, field by field', async () => {
    const id = await draft();
    const before = (await citizen.get(`/api/services/applications/${id}`)).json();
    const res = await citizen.request({
      method: 'PUT',
      url: `/api/services/applications/${id}/form`,
      payload: {
        form: { ...FORM, idNumber: '110105194912310021', capital: -1, phone: '12345', businessScope: '' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('FORM_INVALID');
    const fields = res.json().error.fields as { path: string; code: string; message: string }[];
    expect(fields.map((f) => `${f.path}:${f.code}`).sort()).toEqual([
      'form.capital:minimum',
      'form.idNumber:format',
      'form.phone:format',
    ]);
    expect(fields.find((f) => f.path === 'form.idNumber')?.message).toContain('校验位');
    const after = (await citizen.get(`/api/services/applications/${id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.form).toEqual(before.form);
    // Not an object at all: the request schema refuses it.
    const notObject = await citizen.request({
      method: 'PUT',
      url: `/api/services/applications/${id}/form`,
      payload: { form: 'hello' },
    });
    expect(notObject.statusCode).toBe(400);
    // Submitting with a required field missing: FORM_INVALID names it.
    await citizen.request({
      method: 'PUT',
      url: `/api/services/applications/${id}/form`,
      payload: { form: { ...FORM, businessScope: undefined } },
    });
    await upload(citizen, id, 'id-card', 'id.jpg', jpegBytes(), 'image/jpeg');
    await upload(citizen, id, 'premises-proof', 'lease.pdf', pdfBytes(), 'application/pdf');
    const submit = await citizen.post(`/api/services/applications/${id}/submit`, {});
    expect(errorCode(submit)).toBe('FORM_INVALID');
    expect(submit.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['form.businessScope']);
    expect((await citizen.get(`/api/services/applications/${id}`)).json().status).toBe('draft');
  });

  it('runs the correction loop: notice item by item, fix, resubmit, a new acceptance clock', async () => {
    const id = await draft();
    await upload(citizen, id, 'id-card', 'id.jpg', jpegBytes(), 'image/jpeg');
    const lease = await upload(
      citizen,
      id,
      'premises-proof',
      'lease.pdf',
      pdfBytes('old lease'),
      'application/pdf',
    );
    const first = await citizen.post(`/api/services/applications/${id}/submit`, {});
    expect(first.json().round).toBe(1);

    const unknownItem = await reviewer.post(`/api/services/applications/${id}/request-correction`, {
      reason: '材料不全',
      items: [{ field: 'nonsense', note: '?' }],
    });
    expect(errorCode(unknownItem)).toBe('CORRECTION_ITEM_UNKNOWN');
    const noReason = await reviewer.post(`/api/services/applications/${id}/request-correction`, {
      items: [{ field: 'premises', note: 'x' }],
    });
    expect(noReason.statusCode).toBe(400);

    rt.clock.advance(3_600_000);
    const asked = await reviewer.post(`/api/services/applications/${id}/request-correction`, {
      reason: '经营场所证明与填报地址不一致',
      items: [
        { field: 'premises', note: '请填写与租赁合同一致的门牌号' },
        { material: 'premises-proof', note: '请上传经出租方签字的租赁合同' },
      ],
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const c = asked.json();
    expect(c.status).toBe('correction_requested');
    expect(c.correction.items).toHaveLength(2);
    expect(c.card).toBe('none');
    expect(c.actions).toEqual([]);
    const seenByApplicant = (await citizen.get(`/api/services/applications/${id}`)).json();
    expect(seenByApplicant.actions).toEqual(['edit', 'upload', 'remove_file', 'submit', 'withdraw']);
    expect(seenByApplicant.correction.note).toBe('经营场所证明与填报地址不一致');

    // The reviewer cannot accept while the applicant corrects.
    expect(errorCode(await reviewer.post(`/api/services/applications/${id}/accept`, {}))).toBe(
      'APPLICATION_TRANSITION_NOT_ALLOWED',
    );

    await citizen.request({
      method: 'DELETE',
      url: `/api/services/applications/${id}/files/${lease.json().id}`,
    });
    expect(
      (
        await upload(
          citizen,
          id,
          'premises-proof',
          'lease-signed.pdf',
          pdfBytes('signed lease'),
          'application/pdf',
        )
      ).statusCode,
    ).toBe(201);
    await citizen.request({
      method: 'PUT',
      url: `/api/services/applications/${id}/form`,
      payload: { form: { ...FORM, premises: '怀柔区雁栖镇柏崖厂村 86 号院 2 号' } },
    });
    rt.clock.set('2024-11-29T16:00:00+08:00'); // Friday
    citizen = await signInAgain(app, rt.ctx, citizen);
    reviewer = await signInAgain(app, rt.ctx, reviewer);
    const resubmitted = await citizen.post(`/api/services/applications/${id}/submit`, {});
    const r = resubmitted.json();
    expect(r.status, resubmitted.body).toBe('submitted');
    expect(r.round).toBe(2);
    // Friday + 1 working day (the matter accepts within 1): Monday 2 Dec 18:00 Beijing
    expect(r.clocks.acceptDueAt).toBe('2024-12-02T10:00:00.000Z');
    expect(r.clocks.firstSubmittedAt).toBe(first.json().clocks.submittedAt);
    const accepted = await reviewer.post(`/api/services/applications/${id}/accept`, {});
    expect(accepted.json().status).toBe('in_review');
    expect(accepted.json().correction).toBeNull();
    const decided = await reviewer.post(
      `/api/services/applications/${id}/refuse`,
      {},
      { 'accept-language': 'en' },
    );
    expect(errorCode(decided)).toBe('VALIDATION_FAILED');
    const refused = await reviewer.post(`/api/services/applications/${id}/refuse`, {
      reason: '经营范围涉及前置许可，需先取得食品经营许可',
    });
    expect(refused.json().status).toBe('refused');
    expect(refused.json().decision.reason).toContain('前置许可');
    const timeline = (await citizen.get(`/api/services/applications/${id}`))
      .json()
      .timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['create', 'submit', 'request_correction', 'submit', 'accept', 'refuse']);
  });
});
