/**
 * One error shape for the whole API:
 *   { "error": { "code": "STABLE_CODE", "message": "…in zh or en…", "fields": [...] } }
 * with the HTTP status of the code. Nothing internal (stack, SQL) leaks out.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldIssue, type Lang, renderMessage } from '../../domain/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldIssue[] };
}

export function errorBody(
  code: ErrorCode,
  lang: Lang,
  params: Record<string, string | number> = {},
  fields: FieldIssue[] = [],
): ErrorBody {
  return {
    error: { code, message: renderMessage(code, lang, params), ...(fields.length ? { fields } : {}) },
  };
}

/** Maps anything thrown to an AppError: ours as is, Fastify's and Zod's to their codes, the rest to INTERNAL. */
export function toAppError(err: unknown, lang: Lang): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const fields = e.validation.map((v) => ({
      path: `${e.validationContext ?? ''}${(v.instancePath || '').replaceAll('/', '.')}`,
      code: v.keyword,
      message: v.message ?? 'invalid',
    }));
    return new AppError('VALIDATION_FAILED', {}, fields);
  }
  if (e.validation) {
    return new AppError('VALIDATION_FAILED', {}, [{ path: '', code: 'invalid', message: e.message }]);
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', { type: lang === 'zh' ? '该类型' : 'this type' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('BAD_REQUEST', { reason: e.message });
    default:
      break;
  }
  if (e.statusCode === 429) return new AppError('RATE_LIMITED', { seconds: 60 });
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('BAD_REQUEST', { reason: e.message });
  }
  return new AppError('INTERNAL');
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  return reply
    .code(err.status)
    .header('content-language', req.lang === 'en' ? 'en' : 'zh-CN')
    .send({
      error: {
        code: err.code,
        message: err.message_(req.lang),
        ...(err.fields.length ? { fields: err.fields } : {}),
      },
    });
}

export const errorHandling = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err, req.lang ?? 'zh');
    if (appErr.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    if (appErr.code === 'RATE_LIMITED' && reply.getHeader('retry-after')) {
      const seconds = Number(reply.getHeader('retry-after')) || 60;
      return sendError(req, reply, new AppError('RATE_LIMITED', { seconds }));
    }
    return sendError(req, reply, appErr);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('NOT_FOUND')));
});
