/**
 * 诉求照片 Photos a citizen attaches to a 12345 request, before filing it:
 * `POST /api/public/media` takes one photo as the raw request body (like a
 * material of an online application: no multipart parser, no base64) and
 * answers with its id and URL, which the citizen then sends in `mediaUrls`
 * with the request. `GET /api/media/:id` serves it to staff and to Open311
 * clients (`media_url`).
 *
 * What a photo is comes from its bytes (magic bytes): JPEG and PNG through
 * the same sniffing as materials (src/domain/file-sniff.ts), WebP by its
 * RIFF header; anything else — a renamed text or executable, a truncated
 * image, a disagreeing Content-Type — is refused before anything is stored.
 *
 * Storage is the shared content-addressed FileStore, which also holds
 * application materials and certificates. A photo's id is therefore not the
 * image's SHA-256 (serving any stored file by its hash would expose
 * materials to anyone who saw a hash) but the address of a small descriptor
 * written beside it: `{ kind, sha256, mediaType, nonce }`. Only this route
 * writes descriptors (every other upload is sniffed as PDF/JPEG/PNG), the
 * random nonce makes ids unguessable, and no database row is needed, so a
 * photo survives exactly as long as the file store does.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { formatOfMediaType, formatOfName, malformation, sniffFormat } from '../../domain/file-sniff.js';
import type { ServiceContext } from '../../services/context.js';
import { fileStoreOf } from '../../services/files/file-store.js';

export const MEDIA_MAX_BYTES = 5 * 1024 * 1024;
const RAW_TYPES = ['image/jpeg', 'image/jpg', 'image/png', 'image/webp', 'application/octet-stream'];
const DESCRIPTOR_KIND = 'jiesu-ticket-media/1';
const MEDIA_ID = /^[0-9a-f]{64}$/;
const PHOTO = '诉求照片 photo';

type MediaFormat = 'jpeg' | 'png' | 'webp';
const MEDIA_TYPES: Record<MediaFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const NAMES: Record<MediaFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };

interface Descriptor {
  kind: typeof DESCRIPTOR_KIND;
  sha256: string;
  mediaType: string;
  size: number;
  nonce: string;
}

/** WebP: "RIFF", a little-endian size of what follows, "WEBP"; whole when the size matches the bytes. */
function webpProblem(bytes: Buffer): string | null | 'not-webp' {
  if (
    bytes.length < 12 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WEBP'
  )
    return 'not-webp';
  const declared = bytes.readUInt32LE(4) + 8;
  return declared > bytes.length ? 'WebP 文件不完整 / the WebP is truncated' : null;
}

/** The photo's format judged from its bytes, or the refusal. */
export function checkPhoto(bytes: Buffer, claimedType: string, fileName: string | undefined): MediaFormat {
  if (bytes.length === 0) throw new AppError('UPLOAD_EMPTY');
  if (bytes.length > MEDIA_MAX_BYTES)
    throw new AppError('UPLOAD_TOO_LARGE', { material: PHOTO, limitKb: MEDIA_MAX_BYTES / 1024 });
  const webp = webpProblem(bytes);
  const sniffed = sniffFormat(bytes);
  const actual: MediaFormat | null =
    webp !== 'not-webp' ? 'webp' : sniffed === 'jpeg' || sniffed === 'png' ? sniffed : null;
  if (actual === null) {
    throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', {
      material: PHOTO,
      formats: 'JPEG/PNG/WebP',
      actual: sniffed === 'pdf' ? 'PDF' : '未知/unknown',
    });
  }
  const base = claimedType.split(';')[0]?.trim().toLowerCase() ?? '';
  type Claim = MediaFormat | 'pdf' | 'other' | null;
  const byType: Claim = base === 'image/webp' ? 'webp' : formatOfMediaType(base);
  const byName: Claim =
    fileName && /\.webp$/i.test(fileName.trim()) ? 'webp' : fileName ? formatOfName(fileName) : null;
  for (const claimed of [byType, byName]) {
    if (claimed !== null && claimed !== actual)
      throw new AppError('UPLOAD_TYPE_MISMATCH', {
        actual: NAMES[actual],
        claimed: claimed === 'other' ? base : claimed === 'pdf' ? 'PDF' : NAMES[claimed],
      });
  }
  const broken = actual === 'webp' ? webp : malformation(actual, bytes);
  if (broken && broken !== 'not-webp') throw new AppError('UPLOAD_MALFORMED', { reason: broken });
  return actual;
}

function readDescriptor(bytes: Buffer | null): Descriptor | null {
  if (!bytes || bytes.length > 1024 || bytes[0] !== 0x7b) return null;
  try {
    const d = JSON.parse(bytes.toString('utf8')) as Partial<Descriptor>;
    return d.kind === DESCRIPTOR_KIND &&
      typeof d.sha256 === 'string' &&
      MEDIA_ID.test(d.sha256) &&
      Object.values(MEDIA_TYPES).includes(d.mediaType ?? '')
      ? (d as Descriptor)
      : null;
  } catch {
    return null;
  }
}

export function ticketMediaRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    // Scoped to this plugin: only the upload takes raw image bodies.
    root.addContentTypeParser(
      RAW_TYPES,
      { parseAs: 'buffer', bodyLimit: MEDIA_MAX_BYTES + 1 },
      (_req, body, done) => done(null, body),
    );
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/public/media',
      {
        bodyLimit: MEDIA_MAX_BYTES + 1,
        schema: {
          tags: ['public'],
          summary:
            '上传诉求照片 Upload a photo for a request: the raw image as the body (JPEG, PNG, WebP ≤ 5 MB)',
          description:
            'Body: the image itself; Content-Type image/jpeg, image/png, image/webp or application/octet-stream. The type is judged from the bytes. Send the answered `url` (absolute) in `mediaUrls` when filing.',
          querystring: z.object({ name: z.string().min(1).max(255).optional() }).strict(),
        },
        config: { idempotency: 'none', rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: String(req.headers['content-type'] ?? '') });
        const format = checkPhoto(req.body, String(req.headers['content-type'] ?? ''), req.query.name);
        const store = fileStoreOf(ctx);
        const image = await store.put(req.body);
        const descriptor: Descriptor = {
          kind: DESCRIPTOR_KIND,
          sha256: image.sha256,
          mediaType: MEDIA_TYPES[format],
          size: image.size,
          nonce: randomBytes(16).toString('hex'),
        };
        const stored = await store.put(Buffer.from(JSON.stringify(descriptor), 'utf8'));
        return reply.code(201).send({
          id: stored.sha256,
          url: `/api/media/${stored.sha256}`,
          mediaType: descriptor.mediaType,
          size: descriptor.size,
        });
      },
    );

    app.get(
      '/api/media/:id',
      {
        schema: {
          tags: ['public'],
          summary: '诉求照片 A photo attached to a request, by the id its upload answered',
          params: z.object({ id: z.string().regex(MEDIA_ID) }).strict(),
        },
      },
      async (req, reply) => {
        const store = fileStoreOf(ctx);
        const descriptor = readDescriptor(await store.get(req.params.id));
        const bytes = descriptor ? await store.get(descriptor.sha256) : null;
        if (!descriptor || !bytes) throw new AppError('NOT_FOUND');
        return (
          reply
            .header('content-type', descriptor.mediaType)
            .header('x-content-type-options', 'nosniff')
            .header('content-disposition', 'inline')
            // the bytes behind an id never change; `private` keeps a citizen's photo out of shared caches
            .header('cache-control', 'private, max-age=31536000, immutable')
            .send(bytes)
        );
      },
    );
  };
}
