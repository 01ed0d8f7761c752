/**
 * 申请材料 Uploading, downloading and removing the files of an application.
 *
 * Upload is the raw file as the request body (no multipart parser is
 * installed, and raw bytes cost no base64 overhead): POST with
 * `Content-Type` of the file (application/pdf, image/jpeg, image/png or
 * application/octet-stream) and `?material=<code>&name=<file name>`. What
 * the file is comes from its bytes (magic bytes), never from the name or the
 * declared type; a disagreement is refused, and so is anything the
 * material does not accept, an incomplete file, an oversized one, or one
 * too many — all before anything is stored.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { MAX_FILE_KB } from '../../domain/service-matters.js';
import { removeApplicationFile } from '../../services/applications/remove-application-file.js';
import { uploadApplicationFile } from '../../services/applications/upload-application-file.js';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { fileStoreOf } from '../../services/files/file-store.js';
import { requireUser } from '../plugins/auth.js';
import { applicationParams, fileParams, uploadQuery } from '../schemas/services.js';
import { loadVisibleApplication } from './services-access.js';

/** The largest material file plus room for nothing else: the route reads the body as one buffer. */
const UPLOAD_LIMIT = MAX_FILE_KB * 1024 + 1;
const RAW_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/jpg', 'application/octet-stream'];

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function serviceFileRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    // Scoped to this plugin: only these routes take raw file bodies.
    root.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/services/applications/:id/files',
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ['services'],
          summary: '上传材料 Upload a material file: the raw bytes as the body (applicant or agent)',
          description:
            'Body: the file itself. Content-Type: application/pdf, image/jpeg, image/png or application/octet-stream. The type is judged from the bytes; limits come from the material (formats, maxSizeKb, maxCount).',
          params: applicationParams,
          querystring: uploadQuery,
        },
        config: { idempotency: 'none' },
      },
      async (req, reply) => {
        const p = requireUser(req);
        await loadVisibleApplication(ctx, req, req.params.id);
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: String(req.headers['content-type'] ?? '') });
        }
        const r = await uploadApplicationFile(ctx, {
          applicationId: req.params.id,
          actor: actorOf(p),
          materialCode: req.query.material,
          fileName: req.query.name,
          mediaType: String(req.headers['content-type'] ?? ''),
          bytes: req.body,
        });
        return reply.code(r.created ? 201 : 200).send({
          id: r.file.id,
          material: r.file.material_code,
          fileName: r.file.file_name,
          size: r.file.size,
          mediaType: r.file.media_type,
          sha256: r.file.sha256,
          round: r.file.submission_round,
          uploadedAt: r.file.uploaded_at,
          url: `/api/services/applications/${req.params.id}/files/${r.file.id}`,
        });
      },
    );

    app.get(
      '/api/services/applications/:id/files/:fileId',
      { schema: { tags: ['services'], summary: '下载材料 Download a material file', params: fileParams } },
      async (req, reply) => {
        await loadVisibleApplication(ctx, req, req.params.id);
        const file = await ctx.db
          .selectFrom('service_application_files')
          .selectAll()
          .where('id', '=', req.params.fileId)
          .where('application_id', '=', req.params.id)
          .executeTakeFirst();
        if (!file) throw new AppError('SERVICE_FILE_NOT_FOUND', { file: req.params.fileId });
        const bytes = await fileStoreOf(ctx).get(file.sha256);
        if (!bytes) throw new AppError('SERVICE_FILE_NOT_FOUND', { file: req.params.fileId });
        return reply
          .header('content-type', file.media_type)
          .header('content-disposition', contentDisposition(file.file_name))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );

    app.delete(
      '/api/services/applications/:id/files/:fileId',
      {
        schema: {
          tags: ['services'],
          summary: '删除材料 Remove a material file (draft or correction)',
          params: fileParams,
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        await loadVisibleApplication(ctx, req, req.params.id);
        await removeApplicationFile(ctx, {
          applicationId: req.params.id,
          fileId: req.params.fileId,
          actor: actorOf(p),
        });
        return reply.code(204).send();
      },
    );
  };
}
