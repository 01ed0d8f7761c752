/**
 * 证照核验 Anyone holding a verification code checks a certificate: a code
 * whose check symbol does not match is a typo (told apart, so the holder
 * looks again), a well-formed code that was never issued may be a forgery.
 * The answer shows what the certificate certifies with the holder's name
 * masked; the PDF is the certificate itself.
 */
import type { CertificateRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { parseVerificationCode } from '../../domain/verification-code.js';
import type { ServiceContext } from '../context.js';
import { fileStoreOf } from '../files/file-store.js';

export async function findCertificateByCode(ctx: ServiceContext, input: string): Promise<CertificateRow> {
  const parsed = parseVerificationCode(input);
  if (!parsed.ok)
    throw new AppError(parsed.reason === 'check' ? 'CERTIFICATE_CODE_MISTYPED' : 'CERTIFICATE_CODE_FORMAT');
  const row = await ctx.db
    .selectFrom('service_certificates')
    .selectAll()
    .where('code', '=', parsed.code)
    .executeTakeFirst();
  if (!row) throw new AppError('CERTIFICATE_NOT_FOUND');
  return row;
}

export async function certificatePdf(ctx: ServiceContext, certificate: CertificateRow): Promise<Buffer> {
  const pdf = await fileStoreOf(ctx).get(certificate.pdf_sha256);
  if (!pdf)
    throw new Error(
      `certificate ${certificate.number}: PDF ${certificate.pdf_sha256} missing from the file store`,
    );
  return pdf;
}
