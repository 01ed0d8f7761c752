/**
 * Reference answers are the same for everyone and change only when an admin
 * edits them, so they carry an ETag and a short max-age: browsers and
 * proxies revalidate cheaply (304) and an edit shows within a minute even
 * through a cache. The serialised body is memoised per loaded reference
 * snapshot, which `invalidate()` replaces, so an edit is seen at once here.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReferenceData } from '../services/reference-cache.js';

export const REFERENCE_MAX_AGE_SECONDS = 60;

interface Rendered {
  json: string;
  etag: string;
}

const memo = new WeakMap<ReferenceData, Map<string, Rendered>>();
/** Bounds the memo against clients sending endless query variants. */
const MAX_VARIANTS = 200;

function render(body: unknown): Rendered {
  const json = JSON.stringify(body);
  return { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export interface CacheableOptions {
  /** memoise under this key in the snapshot `ref`; omit for answers built from other data */
  memo?: { ref: ReferenceData; key: string };
  /** the answer depends on who asks (e.g. an admin's view with inactive rows) */
  private?: boolean;
}

export async function sendCacheable(
  req: FastifyRequest,
  reply: FastifyReply,
  build: () => unknown | Promise<unknown>,
  o: CacheableOptions = {},
): Promise<FastifyReply> {
  let rendered: Rendered | undefined;
  if (o.memo && !o.private) {
    let variants = memo.get(o.memo.ref);
    if (!variants) {
      variants = new Map();
      memo.set(o.memo.ref, variants);
    }
    rendered = variants.get(o.memo.key);
    if (!rendered) {
      rendered = render(await build());
      if (variants.size < MAX_VARIANTS) variants.set(o.memo.key, rendered);
    }
  } else {
    rendered = render(await build());
  }
  reply
    .header('etag', rendered.etag)
    .header(
      'cache-control',
      o.private ? 'private, no-cache' : `public, max-age=${REFERENCE_MAX_AGE_SECONDS}`,
    );
  if (matches(req.headers['if-none-match'], rendered.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(rendered.json);
}
