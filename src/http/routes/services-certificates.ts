/**
 * 证照核验 Public verification of electronic certificates: anyone with the
 * code printed on a certificate sees what it certifies (holder masked) and
 * may fetch the PDF. A mistyped code (check symbol mismatch) and a code that
 * was never issued get different, clear answers.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formatVerificationCode } from '../../domain/verification-code.js';
import { certificatePdf, findCertificateByCode } from '../../services/certificates/verify-certificate.js';
import type { ServiceContext } from '../../services/context.js';
import { certificateCodeParams } from '../schemas/services.js';

export function serviceCertificateRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/public/certificates/:code',
      {
        schema: {
          tags: ['public'],
          summary: '核验电子证照 Verify a certificate by its code',
          params: certificateCodeParams,
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const c = await findCertificateByCode(ctx, req.params.code);
        reply.header('cache-control', 'no-store');
        return {
          valid: c.revoked_at === null,
          code: formatVerificationCode(c.code),
          number: c.number,
          issuedAt: c.issued_at,
          revokedAt: c.revoked_at,
          holder: c.holder_masked,
          content: c.content,
          pdfSha256: c.pdf_sha256,
          pdfUrl: `/api/public/certificates/${c.code}/pdf`,
        };
      },
    );

    app.get(
      '/api/public/certificates/:code/pdf',
      {
        schema: {
          tags: ['public'],
          summary: '电子证照 PDF The certificate’s PDF, by its code',
          params: certificateCodeParams,
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const c = await findCertificateByCode(ctx, req.params.code);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${c.number}.pdf"`)
          .header('cache-control', 'no-store')
          .send(await certificatePdf(ctx, c));
      },
    );
  };
}
