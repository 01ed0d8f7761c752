import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/import/bulk-write.js';
import { CopyWriter, encodersOf } from '../../src/import/copy-binary.js';

interface Row {
  text: string | null;
  at: Date;
  flag: boolean;
  n: number;
  id: number;
  count: number;
  data: Record<string, unknown>;
  urls: string[];
  words: Map<string, number[]>;
}

const COLUMNS: Column<Row>[] = [
  { name: 'text', type: 'text', get: (r) => r.text },
  { name: 'at', type: 'timestamptz', get: (r) => r.at },
  { name: 'flag', type: 'bool', get: (r) => r.flag },
  { name: 'n', type: 'float8', get: (r) => r.n },
  { name: 'id', type: 'bigint', get: (r) => r.id },
  { name: 'count', type: 'int', get: (r) => r.count },
  { name: 'data', type: 'jsonb', get: (r) => JSON.stringify(r.data) },
  { name: 'urls', type: 'text', get: () => 'unused', binary: { type: 'text[]', get: (r) => r.urls } },
  { name: 'words', type: 'text', get: () => 'unused', binary: { type: 'tsvector', get: (r) => r.words } },
];

/** The fields of each row of COPY binary data (null for SQL NULL), after checking header and trailer. */
function fields(data: Uint8Array): (Buffer | null)[][] {
  const b = Buffer.from(data.buffer, data.byteOffset, data.length);
  expect(b.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  expect(b.readInt32BE(11)).toBe(0);
  expect(b.readInt32BE(15)).toBe(0);
  let at = 19;
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const n = b.readInt16BE(at);
    at += 2;
    if (n === -1) break;
    const row: (Buffer | null)[] = [];
    for (let i = 0; i < n; i++) {
      const len = b.readInt32BE(at);
      at += 4;
      row.push(len < 0 ? null : b.subarray(at, at + len));
      at += Math.max(len, 0);
    }
    rows.push(row);
  }
  expect(at).toBe(b.length);
  return rows;
}

const encode = (rows: Row[]) => {
  const w = new CopyWriter(32);
  for (const r of rows) w.row(COLUMNS, encodersOf(COLUMNS), r);
  return w.finish();
};

const base: Row = {
  text: '第一行\n第二行\t"引号" \\ 反斜杠',
  at: new Date('2024-11-20T01:02:03.004Z'),
  flag: true,
  n: 116.63,
  id: 2 ** 40 + 7,
  count: -3,
  data: { a: 'x\ny' },
  urls: [],
  words: new Map([
    ['路灯', [1, 3]],
    ["o'k\\", [2]],
  ]),
};

describe('COPY binary of import rows', () => {
  it('writes each value in its type’s binary form, growing the buffer as needed', () => {
    const [row] = fields(encode([base]));
    if (!row) throw new Error('no row');
    expect(row).toHaveLength(COLUMNS.length);
    expect(row[0]?.toString('utf8')).toBe(base.text);
    // microseconds since 2000-01-01 UTC
    expect(row[1]?.readBigInt64BE(0)).toBe(
      BigInt((Date.parse('2024-11-20T01:02:03.004Z') - 946_684_800_000) * 1000),
    );
    expect([...(row[2] ?? [])]).toEqual([1]);
    expect(row[3]?.readDoubleBE(0)).toBe(116.63);
    expect(row[4]?.readBigInt64BE(0)).toBe(BigInt(2 ** 40 + 7));
    expect(row[5]?.readInt32BE(0)).toBe(-3);
    expect(row[6]?.[0]).toBe(1); // jsonb version
    expect(row[6]?.subarray(1).toString('utf8')).toBe('{"a":"x\\ny"}');
    // empty text[]: no dimensions, no nulls, element type text
    expect([row[7]?.readInt32BE(0), row[7]?.readInt32BE(4), row[7]?.readInt32BE(8)]).toEqual([0, 0, 25]);
    const v = row[8] as Buffer;
    expect(v.readInt32BE(0)).toBe(2);
    const first = v.indexOf(0, 4);
    expect(v.subarray(4, first).toString('utf8')).toBe('路灯');
    expect([v.readUInt16BE(first + 1), v.readUInt16BE(first + 3), v.readUInt16BE(first + 5)]).toEqual([
      2, 1, 3,
    ]);
    const second = v.indexOf(0, first + 7);
    expect(v.subarray(first + 7, second).toString('utf8')).toBe("o'k\\");
    expect([v.readUInt16BE(second + 1), v.readUInt16BE(second + 3)]).toEqual([1, 2]);
    expect(second + 5).toBe(v.length);
  });

  it('writes nulls, times before 2000, false and a one-dimensional text[]', () => {
    const [row] = fields(
      encode([
        { ...base, text: null, at: new Date('1999-12-31T23:59:59.999Z'), flag: false, urls: ['a', '图'] },
      ]),
    );
    expect(row?.[0]).toBeNull();
    expect(row?.[1]?.readBigInt64BE(0)).toBe(-1000n);
    expect([...(row?.[2] ?? [])]).toEqual([0]);
    const a = row?.[7] as Buffer;
    expect([
      a.readInt32BE(0),
      a.readInt32BE(4),
      a.readInt32BE(8),
      a.readInt32BE(12),
      a.readInt32BE(16),
    ]).toEqual([1, 0, 25, 2, 1]);
    expect([
      a.readInt32BE(20),
      a.subarray(24, 25).toString(),
      a.readInt32BE(25),
      a.subarray(29).toString(),
    ]).toEqual([1, 'a', 3, '图']);
  });

  it('refuses a value that is not of the column’s type instead of sending wrong bytes', () => {
    expect(() => encode([{ ...base, count: 1.5 }])).toThrow(/count/);
    expect(() => encode([{ ...base, count: 2 ** 31 }])).toThrow(/int4/);
    expect(() => encode([{ ...base, at: new Date(Number.NaN) }])).toThrow(/timestamptz/);
  });

  it('is header and trailer alone for no rows', () => {
    expect(fields(encode([]))).toEqual([]);
  });
});
