/**
 * 个人信息导出 An admin answers a citizen's request for their data: POST,
 * so the number travels in the body and never in a URL or an access log.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context.js';
import { exportPersonalData } from '../../services/privacy/export-personal-data.js';
import { requireAdmin } from '../admin-guard.js';
import { phone } from '../schemas/common.js';

export function adminPrivacyRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/admin/privacy/export',
      {
        schema: {
          tags: ['admin'],
          summary:
            '导出某电话号码的全部个人信息（留痕）Export everything held about a phone number (audited)',
          body: z.object({ phone }).strict(),
        },
        // The answer is personal data: never stored for idempotent replay.
        config: { idempotency: 'none' },
      },
      async (req) => {
        const admin = requireAdmin(req);
        return exportPersonalData(ctx, {
          phone: req.body.phone,
          actor: { userId: admin.userId, role: admin.role, ip: req.ip },
        });
      },
    );
  };
}
