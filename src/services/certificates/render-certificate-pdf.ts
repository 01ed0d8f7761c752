/**
 * 电子证照 PDF The certificate as a one-page A4 PDF in Chinese and English:
 * what it certifies, to whom, the decision and its date, the issuing
 * department, the certificate number and the verification code with the
 * address of the public verification page. Rendered with pdfkit and a CJK
 * font found on the machine (Debian's fonts-noto-cjk, or JIESU_CJK_FONT).
 * The verification code is also in the document's keywords, so a machine can
 * read it without parsing the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../domain/errors.js';
import type { Bilingual } from '../../domain/form-schema.js';
import { formatVerificationCode } from '../../domain/verification-code.js';

export interface CertificateContent {
  title: Bilingual;
  matter: Bilingual;
  matterCode: string;
  applicationNumber: string;
  holderMasked: string;
  decision: Bilingual;
  decidedAt: string;
  issuedAt: string;
  department: Bilingual;
  validity: Bilingual | null;
}

export interface RenderCertificateOptions {
  content: CertificateContent;
  /** the holder's full name: printed on the certificate, never stored in its content */
  holderName: string;
  number: string;
  code: string;
  verifyUrl: string;
  issuedAt: Date;
}

/** TrueType collections need the face's PostScript name. */
const CANDIDATES: readonly { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
];

let cachedFont: { bytes: Buffer; face?: string } | null = null;

function cjkFont(): { bytes: Buffer; face?: string } {
  if (cachedFont) return cachedFont;
  const fromEnv = process.env.JIESU_CJK_FONT?.trim();
  const found = fromEnv
    ? { path: fromEnv, face: process.env.JIESU_CJK_FONT_FACE?.trim() || undefined }
    : CANDIDATES.find((c) => existsSync(c.path));
  if (!found || !existsSync(found.path)) throw new AppError('CERTIFICATE_FONT_MISSING');
  cachedFont = { bytes: readFileSync(found.path), face: found.face };
  return cachedFont;
}

export function localDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function renderCertificatePdf(o: RenderCertificateOptions): Promise<Buffer> {
  const font = cjkFont();
  const c = o.content;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${c.title.zh} ${c.title.en}`,
      Subject: `${c.matter.zh} ${c.matter.en}`,
      Author: `${c.department.zh} ${c.department.en}`,
      Keywords: `verification-code:${o.code} number:${o.number}`,
      CreationDate: o.issuedAt,
      ModDate: o.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font.face) doc.registerFont('cjk', font.bytes, font.face);
  else doc.registerFont('cjk', font.bytes);
  doc.font('cjk');
  const width = doc.page.width - 112;
  doc
    .rect(40, 40, doc.page.width - 80, doc.page.height - 80)
    .lineWidth(2)
    .stroke('#b22222');
  doc.moveDown(1.5);
  doc.fillColor('#b22222').fontSize(26).text(c.title.zh, { align: 'center', width });
  doc.fillColor('#333333').fontSize(14).text(c.title.en, { align: 'center', width });
  doc.moveDown(1.5).fillColor('#000000');
  const row = (zh: string, en: string, value: string) => {
    doc.fontSize(11).fillColor('#555555').text(`${zh} ${en}`, { width });
    doc.fontSize(14).fillColor('#000000').text(value, { width });
    doc.moveDown(0.6);
  };
  row('证照编号', 'Certificate No.', o.number);
  row('持证人', 'Holder', o.holderName);
  row('办理事项', 'Matter', `${c.matter.zh}\n${c.matter.en}`);
  row('办件编号', 'Application No.', c.applicationNumber);
  row('审批决定', 'Decision', `${c.decision.zh} ${c.decision.en}（${localDay(c.decidedAt)}）`);
  if (c.validity) row('有效期', 'Validity', `${c.validity.zh} / ${c.validity.en}`);
  row('发证机关', 'Issued by', `${c.department.zh}\n${c.department.en}`);
  row('发证日期', 'Date of issue', localDay(c.issuedAt));
  doc.moveDown(1);
  doc.fontSize(11).fillColor('#555555').text('验证码 Verification code', { width });
  doc.fontSize(20).fillColor('#000000').text(formatVerificationCode(o.code), { width });
  doc.fontSize(10).fillColor('#555555').text(`核验 Verify: ${o.verifyUrl}`, { width });
  doc
    .moveDown(1)
    .fontSize(9)
    .text(
      '本电子证照由北京市怀柔区政务服务平台出具，可凭验证码在上述地址核验真伪。\nIssued through the Huairou District online government service platform. Verify it with the code at the address above.',
      { width },
    );
  doc.end();
  return done;
}
