/**
 * The checks an uploaded material passes before anything is stored: not
 * empty, within the material's size limit, a format the material accepts
 * judged from the bytes (magic bytes), no disagreement between the bytes and
 * the file name or declared content type, a whole file, and room left under
 * the material's file count. Pure: the first refusal is thrown, nothing is
 * written.
 */
import { AppError } from '../../domain/errors.js';
import {
  type FileFormat,
  formatOfMediaType,
  formatOfName,
  MEDIA_TYPES,
  malformation,
  sniffFormat,
} from '../../domain/file-sniff.js';
import type { MaterialSpec } from '../../domain/service-matters.js';

export interface UploadClaim {
  bytes: Uint8Array;
  fileName: string;
  /** the Content-Type the client sent */
  mediaType: string;
  /** files of this material already on the application */
  existingCount: number;
}

const FORMAT_NAMES: Record<FileFormat, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG' };

export function checkUpload(
  material: MaterialSpec,
  claim: UploadClaim,
): { format: FileFormat; mediaType: string } {
  const name = `${material.name.zh} ${material.name.en}`;
  if (claim.bytes.length === 0) throw new AppError('UPLOAD_EMPTY');
  if (claim.bytes.length > material.maxSizeKb * 1024)
    throw new AppError('UPLOAD_TOO_LARGE', { material: name, limitKb: material.maxSizeKb });
  const actual = sniffFormat(claim.bytes);
  const formats = material.formats.map((f) => FORMAT_NAMES[f]).join('/');
  if (actual === null || !material.formats.includes(actual)) {
    throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', {
      material: name,
      formats,
      actual: actual ? FORMAT_NAMES[actual] : '未知/unknown',
    });
  }
  const byName = formatOfName(claim.fileName);
  const byType = formatOfMediaType(claim.mediaType);
  for (const claimed of [byName, byType]) {
    if (claimed !== null && claimed !== actual) {
      throw new AppError('UPLOAD_TYPE_MISMATCH', {
        actual: FORMAT_NAMES[actual],
        claimed: claimed === 'other' ? claim.mediaType : FORMAT_NAMES[claimed],
      });
    }
  }
  const broken = malformation(actual, claim.bytes);
  if (broken) throw new AppError('UPLOAD_MALFORMED', { reason: broken });
  if (claim.existingCount >= material.maxCount)
    throw new AppError('UPLOAD_TOO_MANY', { material: name, max: material.maxCount });
  return { format: actual, mediaType: MEDIA_TYPES[actual] };
}
