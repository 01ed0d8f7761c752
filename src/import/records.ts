/**
 * Streaming readers of import files: bytes → records, each with the line it
 * starts on and the byte offset just after it (what a resume seeks to).
 *
 * Lines are split on the byte 0x0A, which never occurs inside a multi-byte
 * UTF-8 sequence, so a line is cut correctly before it is decoded. Each line
 * is then decoded on its own: invalid bytes reject that line only, with the
 * column of the first bad byte, instead of failing the whole file. A UTF-8
 * byte order mark at the start of the file and a CR before each LF are
 * dropped. A CSV record runs over several lines while a quoted field is open.
 */
import { createReadStream } from 'node:fs';

export interface RawRecord {
  /** 1-based line number of the record's first line */
  line: number;
  /** line number of the record's last line (CSV records may span lines) */
  lastLine: number;
  /** byte offset just after the record (and its line break) */
  end: number;
  /** the decoded text, without the final line break; null when the bytes are not UTF-8 */
  text: string | null;
  /** when text is null: 1-based byte column of the first invalid byte, and the line it is on */
  badByte?: { line: number; column: number };
}

export interface ReadFrom {
  /** byte offset to start at (0, or a committed offset from import_runs) */
  offset: number;
  /** the number of the line that starts at `offset` */
  line: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/** The column (1-based) of the first byte that does not belong to a valid UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i + 1;
    if (i + need >= bytes.length) return i + 1;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i + 1;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i + 1;
    i += need + 1;
  }
  return 0;
}

interface Line {
  number: number;
  end: number;
  text: string | null;
  badColumn: number;
}

function decodeLine(bytes: Buffer, number: number, end: number): Line {
  let len = bytes.length;
  if (len > 0 && bytes[len - 1] === CR) len--;
  const body = len === bytes.length ? bytes : bytes.subarray(0, len);
  const text = body.toString('utf8');
  // toString replaces bad bytes with U+FFFD; only then is the slower exact check worth doing.
  if (text.includes('\uFFFD')) {
    const bad = firstInvalidByte(body);
    if (bad > 0) return { number, end, text: null, badColumn: bad };
  }
  return { number, end, text, badColumn: 0 };
}

/** The lines of `path` from `from`, decoded one by one. */
export async function* readLines(
  path: string,
  from: ReadFrom = { offset: 0, line: 1 },
): AsyncGenerator<Line> {
  const stream = createReadStream(path, { start: from.offset, highWaterMark: 1 << 20 });
  let carry: Buffer | null = null;
  let offset = from.offset;
  let number = from.line;
  let first = from.offset === 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    if (first) {
      if (buf.length < 3) {
        carry = buf;
        continue;
      }
      first = false;
      if (buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) {
        buf = buf.subarray(3);
        offset += 3;
      }
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(LF, start);
      if (nl < 0) break;
      offset += nl + 1 - start;
      yield decodeLine(buf.subarray(start, nl), number, offset);
      number++;
      start = nl + 1;
    }
    if (start < buf.length) carry = Buffer.from(buf.subarray(start));
  }
  if (carry && carry.length > 0) {
    offset += carry.length;
    yield decodeLine(carry, number, offset);
  }
}

/** JSONL: one record per line; blank lines are skipped. */
export async function* readJsonlRecords(path: string, from?: ReadFrom): AsyncGenerator<RawRecord> {
  for await (const l of readLines(path, from)) {
    if (l.text !== null && l.text.trim() === '') continue;
    yield toRecord(l, l);
  }
}

function toRecord(first: Line, last: Line, text?: string): RawRecord {
  const base = { line: first.number, lastLine: last.number, end: last.end };
  if (last.text === null)
    return { ...base, text: null, badByte: { line: last.number, column: last.badColumn } };
  return { ...base, text: text ?? last.text };
}

/** Whether the quotes of `text` leave a quoted CSV field open, given the state before it. */
function quoteOpen(text: string, open: boolean): boolean {
  let state = open;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) state = !state;
  return state;
}

/** CSV: a record ends at a line break outside quotes. Blank lines between records are skipped. */
export async function* readCsvRecords(path: string, from?: ReadFrom): AsyncGenerator<RawRecord> {
  let first: Line | null = null;
  let parts: string[] = [];
  let open = false;
  for await (const l of readLines(path, from)) {
    if (l.text === null) {
      // The record the bad line belongs to is lost; quoting restarts after it.
      yield toRecord(first ?? l, l);
      first = null;
      parts = [];
      open = false;
      continue;
    }
    if (first === null && l.text.trim() === '') continue;
    first ??= l;
    parts.push(l.text);
    open = quoteOpen(l.text, open);
    if (!open) {
      yield toRecord(first, l, parts.join('\n'));
      first = null;
      parts = [];
    }
  }
  if (first !== null) {
    // An unterminated quote at end of file: hand the text on; the field parser reports it.
    yield {
      line: first.number,
      lastLine: first.number + parts.length - 1,
      end: Number.NaN,
      text: parts.join('\n'),
    };
  }
}

/** Splits one CSV record (RFC 4180: `,` separated, `"` quoted, `""` an escaped quote). */
export function parseCsvFields(text: string): string[] | { error: string } {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { error: 'unterminated quoted field' };
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (text[i] !== ',') return { error: `unexpected character after a quoted field at column ${i + 1}` };
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) return { error: `stray quote in an unquoted field at column ${i + 1}` };
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/** One CSV field: quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
