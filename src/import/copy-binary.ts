/**
 * COPY's binary format (`copy … from stdin with (format binary)`) for import
 * rows. In the text format PostgreSQL parses every value back: a ticket's
 * twenty timestamps through the date parser, its word index through the
 * tsvector parser. That was about half of the database's work per ticket
 * (COPY of 100k tickets: 3.3–3.9 s as text, 1.7–1.9 s binary), and the
 * importer spent as much formatting them (toISOString, quoted lexemes). Here
 * a timestamp is eight bytes of microseconds and the word index goes as
 * lexemes and positions, written straight into one buffer per table and
 * batch that a worker hands over without a copy.
 *
 * Each value must be in the binary form of the column's type, exactly
 * (int4 is not int8); `Column.type` and `Column.binary` say which.
 */
import type { BinaryType, Column } from './bulk-write.js';

/** "PGCOPY\n\377\r\n\0", then flags and the header extension's length (both 0). */
const HEADER = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;
const TEXT_OID = 25;

/** One table's COPY data: the header, then rows as they are added, then the trailer. */
export class CopyWriter {
  private buf: Buffer;
  private pos = 0;
  rows = 0;

  constructor(capacity = 1 << 18) {
    // a buffer of its own (not a slice of Node's pool): its ArrayBuffer is transferred whole
    this.buf = Buffer.allocUnsafeSlow(capacity);
    for (const b of HEADER) this.buf[this.pos++] = b;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Adds one row: every column's value in its type's binary form. */
  row<T>(columns: readonly Column<T>[], encoders: readonly Encode[], r: T): void {
    this.room(2);
    this.buf.writeInt16BE(columns.length, this.pos);
    this.pos += 2;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i] as Column<T>;
      const value = c.binary ? c.binary.get(r) : c.get(r);
      if (value === null || value === undefined) this.nullValue();
      else (encoders[i] as Encode)(this, value, c.name);
    }
    this.rows++;
  }

  /** The data with its trailer; the writer is done. */
  finish(): Uint8Array {
    this.room(2);
    this.buf.writeInt16BE(-1, this.pos);
    this.pos += 2;
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos);
  }

  nullValue(): void {
    this.room(4);
    this.buf.writeInt32BE(-1, this.pos);
    this.pos += 4;
  }

  /**
   * Room for a value of `n` bytes after its length, which it writes: the
   * offset to write the value at (read `this.buf` after the call: room may
   * have replaced it).
   */
  private fixed(n: number): number {
    this.room(4 + n);
    this.buf.writeInt32BE(n, this.pos);
    const at = this.pos + 4;
    this.pos = at + n;
    return at;
  }

  bool(v: boolean): void {
    const at = this.fixed(1);
    this.buf[at] = v ? 1 : 0;
  }

  int32(n: number): void {
    const at = this.fixed(4);
    this.buf.writeInt32BE(n, at);
  }

  /** int8 (and timestamptz's microseconds) from a safe integer */
  int64(n: number): void {
    const at = this.fixed(8);
    const hi = Math.floor(n / TWO_32);
    this.buf.writeInt32BE(hi, at);
    this.buf.writeUInt32BE(n - hi * TWO_32, at + 4);
  }

  float64(n: number): void {
    const at = this.fixed(8);
    this.buf.writeDoubleBE(n, at);
  }

  /** UTF-8 text, after `prefix` (jsonb's version byte) when given */
  text(s: string, prefix?: number): void {
    this.room(5 + s.length * 3);
    const start = this.pos;
    let at = start + 4;
    if (prefix !== undefined) this.buf[at++] = prefix;
    at += this.buf.write(s, at);
    this.buf.writeInt32BE(at - start - 4, start);
    this.pos = at;
  }

  /** text[]: one dimension of non-null texts (empty: no dimension) */
  textArray(values: readonly string[]): void {
    this.room(4 + 20);
    const start = this.pos;
    const b = this.buf;
    b.writeInt32BE(values.length > 0 ? 1 : 0, start + 4); // dimensions
    b.writeInt32BE(0, start + 8); // no nulls
    b.writeInt32BE(TEXT_OID, start + 12);
    this.pos = start + 16;
    if (values.length > 0) {
      b.writeInt32BE(values.length, this.pos);
      b.writeInt32BE(1, this.pos + 4); // lower bound
      this.pos += 8;
      for (const v of values) this.text(v);
    }
    this.buf.writeInt32BE(this.pos - start - 4, start);
  }

  /**
   * tsvector: the number of lexemes, then each as a NUL-ended string, its
   * number of positions and the positions (weight D, the text literal's
   * default). PostgreSQL sorts the lexemes; positions must only grow.
   */
  tsvector(words: ReadonlyMap<string, readonly number[]>): void {
    this.room(8);
    const start = this.pos;
    this.buf.writeInt32BE(words.size, start + 4);
    this.pos = start + 8;
    for (const [w, positions] of words) {
      this.room(w.length * 3 + 3 + positions.length * 2);
      const b = this.buf;
      this.pos += b.write(w, this.pos);
      b[this.pos++] = 0;
      b.writeUInt16BE(positions.length, this.pos);
      this.pos += 2;
      for (const p of positions) {
        b.writeUInt16BE(p, this.pos);
        this.pos += 2;
      }
    }
    this.buf.writeInt32BE(this.pos - start - 4, start);
  }
}

export type Encode = (w: CopyWriter, v: unknown, column: string) => void;

function wrongType(column: string, type: string, v: unknown): Error {
  return new Error(`COPY ${column}: ${JSON.stringify(v)} is not a ${type}`);
}

const asText = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

const asInteger = (v: unknown, column: string, type: string, min: number, max: number): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw wrongType(column, type, v);
  return n;
};

const asMicroseconds = (v: unknown, column: string): number => {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw wrongType(column, 'timestamptz', v);
  return (ms - PG_EPOCH_MS) * 1000;
};

const ENCODERS: Record<BinaryType, Encode> = {
  text: (w, v) => w.text(asText(v)),
  jsonb: (w, v) => w.text(typeof v === 'string' ? v : JSON.stringify(v), 1),
  bool: (w, v) => w.bool(v === true || v === 't'),
  int: (w, v, c) => w.int32(asInteger(v, c, 'int4', -2_147_483_648, 2_147_483_647)),
  bigint: (w, v, c) => w.int64(asInteger(v, c, 'int8', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
  float8: (w, v, c) => {
    const n = typeof v === 'number' ? v : Number(v);
    if (Number.isNaN(n) && typeof v !== 'number') throw wrongType(c, 'float8', v);
    w.float64(n);
  },
  timestamptz: (w, v, c) => w.int64(asMicroseconds(v, c)),
  'text[]': (w, v, c) => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw wrongType(c, 'text[]', v);
    w.textArray(v as string[]);
  },
  tsvector: (w, v, c) => {
    if (!(v instanceof Map)) throw wrongType(c, 'tsvector', v);
    w.tsvector(v as Map<string, number[]>);
  },
};

/** The encoder of each column, in order. */
export function encodersOf<T>(columns: readonly Column<T>[]): Encode[] {
  return columns.map((c) => ENCODERS[c.binary?.type ?? c.type]);
}
