/**
 * What the server's log may hold: no personal data (SPEC) and no
 * credentials. Fastify logs each request's URL and every unexpected error;
 * a phone number in `?phone=` or in a database error's detail ("Key
 * (phone)=(138…) already exists") would otherwise be written out as is.
 */
import type { FastifyRequest } from 'fastify';
import { redactPersonalText, redactUrl } from './redact.js';

export interface LoggedRequest {
  [key: string]: unknown;
  method: string;
  url: string;
  host: string | undefined;
  remoteAddress: string;
}

export function serializeRequest(req: FastifyRequest): LoggedRequest {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}

export interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string;
  detail?: string;
}

export function serializeError(err: unknown): LoggedError {
  if (!(err instanceof Error))
    return { type: typeof err, message: redactPersonalText(String(err)), stack: '' };
  const extra = err as Error & { code?: unknown; detail?: unknown };
  return {
    type: err.name,
    message: redactPersonalText(err.message),
    stack: redactPersonalText(err.stack ?? ''),
    ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
    ...(typeof extra.detail === 'string' ? { detail: redactPersonalText(extra.detail) } : {}),
  };
}

/** Headers that carry credentials, should a route ever log its request headers. */
const SECRET_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export interface RedactedLoggerOptions {
  level: string;
  serializers: {
    req: (req: FastifyRequest) => LoggedRequest;
    err: (err: unknown) => LoggedError;
  };
  redact: { paths: string[]; censor: string };
}

/** Fastify's `logger` option with the masking serializers; `false` stays off. */
export function redactedLogger(
  logger: boolean | { level: string } | undefined,
): false | RedactedLoggerOptions {
  if (!logger) return false;
  return {
    level: logger === true ? 'info' : logger.level,
    serializers: { req: serializeRequest, err: serializeError },
    redact: { paths: SECRET_PATHS, censor: '[redacted]' },
  };
}
