/** What a file is, from its bytes; what its name and declared type claim; whether it is whole. */
import { describe, expect, it } from 'vitest';
import { formatOfMediaType, formatOfName, malformation, sniffFormat } from '../../src/domain/file-sniff.js';
import { material } from '../../src/seed/services/guide-builders.js';
import { checkUpload } from '../../src/services/files/check-upload.js';
import { jpegBytes, pdfBytes, pngBytes } from '../support/services.js';

describe('file sniffing', () => {
  it('knows PDF, JPEG and PNG by their magic bytes only', () => {
    expect(sniffFormat(pdfBytes())).toBe('pdf');
    expect(sniffFormat(jpegBytes())).toBe('jpeg');
    expect(sniffFormat(pngBytes())).toBe('png');
    expect(sniffFormat(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffFormat(Buffer.from('PK\u0003\u0004'))).toBeNull();
    expect(sniffFormat(new Uint8Array(0))).toBeNull();
  });

  it('finds truncated files', () => {
    expect(malformation('pdf', pdfBytes())).toBeNull();
    expect(malformation('pdf', pdfBytes().subarray(0, 30))).toContain('truncated');
    expect(malformation('pdf', Buffer.from('%PDF-x\n%%EOF'))).toContain('header');
    expect(malformation('jpeg', jpegBytes())).toBeNull();
    expect(malformation('jpeg', jpegBytes().subarray(0, 10))).toContain('truncated');
    expect(malformation('png', pngBytes())).toBeNull();
    expect(malformation('png', pngBytes().subarray(0, 50))).toContain('truncated');
    expect(malformation('png', pngBytes().subarray(0, 12))).toContain('header');
  });

  it('reads the claims of names and content types', () => {
    expect(formatOfName('scan.JPG')).toBe('jpeg');
    expect(formatOfName('a.jpeg')).toBe('jpeg');
    expect(formatOfName('contract.pdf')).toBe('pdf');
    expect(formatOfName('noext')).toBeNull();
    expect(formatOfName('x.docx')).toBeNull();
    expect(formatOfMediaType('application/pdf; charset=binary')).toBe('pdf');
    expect(formatOfMediaType('image/jpg')).toBe('jpeg');
    expect(formatOfMediaType('application/octet-stream')).toBeNull();
    expect(formatOfMediaType('text/plain')).toBe('other');
  });
});

describe('checkUpload', () => {
  const spec = material(
    'proof',
    { zh: '证明', en: 'Proof' },
    { formats: ['pdf', 'png'], maxSizeKb: 1, maxCount: 2 },
  );
  const code = (bytes: Uint8Array, fileName = 'x', mediaType = '', existingCount = 0) => {
    try {
      return checkUpload(spec, { bytes, fileName, mediaType, existingCount }).format;
    } catch (err) {
      return (err as { code: string }).code;
    }
  };

  it('accepts a whole file of an allowed type within the limits', () => {
    expect(code(pdfBytes(), 'p.pdf', 'application/pdf')).toBe('pdf');
    expect(code(pngBytes(), 'scan', 'application/octet-stream')).toBe('png');
  });

  it('refuses, in order: empty, too large, wrong type, mismatched claims, broken, too many', () => {
    expect(code(new Uint8Array(0))).toBe('UPLOAD_EMPTY');
    expect(code(Buffer.concat([pdfBytes(), Buffer.alloc(1024)]))).toBe('UPLOAD_TOO_LARGE');
    expect(code(jpegBytes(), 'a.jpg', 'image/jpeg')).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    expect(code(pdfBytes(), 'a.png')).toBe('UPLOAD_TYPE_MISMATCH');
    expect(code(pdfBytes(), 'a.pdf', 'image/png')).toBe('UPLOAD_TYPE_MISMATCH');
    expect(code(pdfBytes(), 'a.pdf', 'text/html')).toBe('UPLOAD_TYPE_MISMATCH');
    expect(code(pdfBytes().subarray(0, 20), 'a.pdf')).toBe('UPLOAD_MALFORMED');
    expect(code(pdfBytes(), 'a.pdf', 'application/pdf', 2)).toBe('UPLOAD_TOO_MANY');
  });
});
