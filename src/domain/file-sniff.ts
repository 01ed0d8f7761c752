/**
 * 材料文件识别 What an uploaded file really is, from its bytes: PDF, JPEG or
 * PNG by their signatures (magic bytes), and whether it is whole (a PDF ends
 * with %%EOF, a JPEG with its end-of-image marker, a PNG with its IEND
 * chunk). The file name and the declared content type are only claims; a
 * claim that disagrees with the bytes is refused, never believed.
 */

export const FILE_FORMATS = ['pdf', 'jpeg', 'png'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const MEDIA_TYPES: Record<FileFormat, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

const EXTENSIONS: Record<FileFormat, readonly string[]> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
/** Writers may pad after the end marker; this much trailing slack is accepted. */
const TAIL = 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** The format the bytes announce, or null for anything else. */
export function sniffFormat(bytes: Uint8Array): FileFormat | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  return null;
}

function lastIndexOf(bytes: Uint8Array, needle: readonly number[], from: number): number {
  for (let i = bytes.length - needle.length; i >= from; i--) {
    if (startsWith(bytes, needle, i)) return i;
  }
  return -1;
}

/**
 * Why a file of `format` is not whole, or null when it is: truncated
 * uploads and files renamed from something else are the common cases.
 */
export function malformation(format: FileFormat, bytes: Uint8Array): string | null {
  const tailFrom = Math.max(0, bytes.length - TAIL);
  switch (format) {
    case 'pdf':
      if (!/^%PDF-[12]\.\d/.test(String.fromCharCode(...bytes.subarray(0, 8))))
        return 'PDF 版本头无效 / invalid PDF header';
      return lastIndexOf(bytes, ascii('%%EOF'), tailFrom) < 0
        ? 'PDF 文件不完整 / the PDF is truncated (no %%EOF)'
        : null;
    case 'jpeg':
      return lastIndexOf(bytes, [0xff, 0xd9], Math.max(3, tailFrom)) < 0
        ? 'JPEG 文件不完整 / the JPEG is truncated (no end-of-image marker)'
        : null;
    case 'png': {
      // The first chunk must be IHDR (length 13) with a non-zero width and height.
      const ihdr = startsWith(bytes, [0, 0, 0, 13, ...ascii('IHDR')], 8);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (!ihdr || bytes.length < 33 || view.getUint32(16) === 0 || view.getUint32(20) === 0)
        return 'PNG 文件头无效 / invalid PNG header';
      return lastIndexOf(bytes, PNG_IEND, tailFrom) < 0
        ? 'PNG 文件不完整 / the PNG is truncated (no IEND)'
        : null;
    }
  }
}

/** The format a file name's extension claims, or null for an unknown or missing extension. */
export function formatOfName(fileName: string): FileFormat | null {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const format of FILE_FORMATS) if (EXTENSIONS[format].includes(ext)) return format;
  return null;
}

/** The format a Content-Type header claims; null for generic types that claim nothing. */
export function formatOfMediaType(mediaType: string): FileFormat | 'other' | null {
  const base = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (base === '' || base === 'application/octet-stream') return null;
  if (base === 'image/jpg' || base === 'image/pjpeg') return 'jpeg';
  for (const format of FILE_FORMATS) if (MEDIA_TYPES[format] === base) return format;
  return 'other';
}
