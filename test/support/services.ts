/**
 * Helpers for the 全程网办 tests: small but well-formed PDF, JPEG and PNG
 * files (and broken ones), raw uploads through the API, a file store in a
 * temporary directory, and the SMS an outbox delivery would send.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ServiceContext } from '../../src/services/context.js';
import { LocalFileStore, setFileStore } from '../../src/services/files/file-store.js';
import { deliverOutbox } from '../../src/services/outbox/deliver-outbox.js';
import type { RenderedMessage, Transport } from '../../src/services/outbox/transports.js';
import { type Client, PASSWORD } from './http.js';

export function pdfBytes(extra = ''): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${extra}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

export function jpegBytes(): Buffer {
  return Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0xff, 0xd9,
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A real 1×1 white PNG. */
export function pngBytes(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function upload(
  c: Client,
  applicationId: number,
  material: string,
  name: string,
  bytes: Buffer,
  contentType = 'application/octet-stream',
): Promise<LightMyRequestResponse> {
  return c.request({
    method: 'POST',
    url: `/api/services/applications/${applicationId}/files?material=${encodeURIComponent(material)}&name=${encodeURIComponent(name)}`,
    payload: bytes,
    headers: { 'content-type': contentType },
  });
}

/** A file store of its own for the test file; returns a function listing what it holds. */
export function tempFileStore(ctx: ServiceContext): {
  root: string;
  stored: () => string[];
  remove: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'jiesu-files-'));
  setFileStore(ctx, new LocalFileStore(root));
  const stored = (): string[] => {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else out.push(e.name);
      }
    };
    walk(root);
    return out;
  };
  return { root, stored, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Delivers the outbox now and returns what the SMS/in-app transports were given. */
export async function deliverAll(ctx: ServiceContext): Promise<RenderedMessage[]> {
  const sent: RenderedMessage[] = [];
  const capture = (channel: Transport['channel']): Transport => ({
    channel,
    async send(m) {
      sent.push(m);
    },
  });
  // Rows become due at the database's own now(), which may be ahead of the test's fake clock.
  const later = { ...ctx, clock: () => new Date(Math.max(ctx.clock().getTime(), Date.now()) + 1000) };
  await deliverOutbox(later, { transports: [capture('sms'), capture('inapp'), capture('email')] });
  return sent;
}

export function errorCode(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}

/** A valid resident ID number (GB 11643 check digit). */
export const RESIDENT_ID = '11010519491231002X';
/** A valid unified social credit code (GB 32100 check character). */
export const CREDIT_CODE = '91110000802100433B';

/** Signs the same user in again (sessions expire when a test moves the clock by days). */
export async function signInAgain(
  app: FastifyInstance,
  ctx: ServiceContext,
  client: Client,
): Promise<Client> {
  const user = await ctx.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', client.userId ?? -1)
    .executeTakeFirstOrThrow();
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'jiesu_session')?.value ?? '';
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request = (o: InjectOptions) =>
    app.inject({
      ...o,
      cookies: { jiesu_session: session, ...(o.cookies ?? {}) },
      headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) },
    });
  return {
    role: client.role,
    userId: client.userId,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    post: (url, body, headers) => request({ method: 'POST', url, payload: (body ?? {}) as object, headers }),
  };
}
