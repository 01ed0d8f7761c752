/** 审计日志 Admin: read the audit log (who changed what, before and after), newest first. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context.js';
import { requireAdmin } from '../admin-guard.js';
import { id, text } from '../schemas/common.js';

export function adminAuditRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/admin/audit',
      {
        schema: {
          tags: ['admin'],
          summary: '审计日志 Audit log',
          querystring: z
            .object({
              subjectType: text(40).optional(),
              subjectId: text(64).optional(),
              action: text(64).optional(),
              actorUserId: id.optional(),
              /** cursor: entries with a smaller id */
              before: id.optional(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
              lang: z.string().max(10).optional(),
            })
            .strict(),
        },
      },
      async (req) => {
        requireAdmin(req);
        const q = req.query;
        let query = ctx.db
          .selectFrom('audit_log')
          .selectAll()
          .orderBy('id', 'desc')
          .limit(q.limit + 1);
        if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
        if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
        if (q.action) query = query.where('action', '=', q.action);
        if (q.actorUserId !== undefined) query = query.where('actor_user_id', '=', q.actorUserId);
        if (q.before !== undefined) query = query.where('id', '<', q.before);
        const rows = await query.execute();
        const page = rows.slice(0, q.limit);
        return {
          items: page.map((r) => ({
            id: r.id,
            at: r.at,
            actorUserId: r.actor_user_id,
            actorRole: r.actor_role,
            action: r.action,
            subjectType: r.subject_type,
            subjectId: r.subject_id,
            detail: r.detail,
            ip: r.ip,
          })),
          nextBefore: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
        };
      },
    );
  };
}
