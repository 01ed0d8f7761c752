/** 每月一题 clustering, and the XLSX/CSV writers of exported tables. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bigrams,
  clusterTexts,
  compareTopics,
  countResembling,
  growthOf,
  jaccard,
} from '../../src/domain/hot-topics.js';
import { toCsv } from '../../src/http/presenters/table-export.js';
import { columnName, writeXlsx } from '../../src/shared/xlsx.js';

describe('hot topics', () => {
  const texts = [
    { id: 1, text: '北房镇幸福小区楼下路灯坏了，晚上很黑' },
    { id: 2, text: '幸福小区路灯坏了好几天了，晚上出行不便' },
    { id: 3, text: '北房镇幸福小区的路灯坏了没人修' },
    { id: 4, text: '村口垃圾桶满了没人清运，气味很大' },
    { id: 5, text: '幸福小区路灯坏了，请尽快维修' },
    { id: 6, text: '垃圾桶满了没人清运' },
    { id: 7, text: '孩子入学咨询' },
  ];

  it('bigrams ignore punctuation and spaces; similarity is Jaccard', () => {
    expect([...bigrams('路灯，坏了')]).toEqual(['路灯', '灯坏', '坏了']);
    expect(jaccard(bigrams('路灯坏了'), bigrams('路灯坏了'))).toBe(1);
    expect(jaccard(bigrams('路灯坏了'), bigrams('学校放假'))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('groups the texts that say the same thing, largest first, deterministically', () => {
    const clusters = clusterTexts(texts, { minSize: 2, threshold: 0.2 });
    expect(clusters.map((c) => c.members)).toEqual([
      [1, 2, 3, 5],
      [4, 6],
    ]);
    expect(clusterTexts([...texts].reverse(), { minSize: 2, threshold: 0.2 })).toEqual(clusters);
    expect(clusterTexts(texts, { minSize: 5 })).toEqual([]);
    // the representative is a member, and the signature holds the common words
    const lamp = clusters[0];
    expect(lamp?.members).toContain(lamp?.representative);
    expect(lamp?.signature.has('路灯')).toBe(true);
  });

  it('counts the tickets of another period that resemble a topic, and its growth', () => {
    const [lamp] = clusterTexts(texts, { minSize: 2, threshold: 0.2 });
    if (!lamp) throw new Error('no cluster');
    const before = [
      { id: 10, text: '幸福小区路灯坏了' },
      { id: 11, text: '学校门口堵车' },
    ];
    expect(countResembling(lamp, before)).toBe(1);
    expect(growthOf({ size: 4, previous: 1 })).toEqual({ change: 3, ratio: 3 });
    expect(growthOf({ size: 4, previous: 0 })).toEqual({ change: 4, ratio: null });
    const sorted = [
      { size: 3, previous: 3 },
      { size: 5, previous: 1 },
      { size: 3, previous: 0 },
    ].sort(compareTopics);
    expect(sorted).toEqual([
      { size: 5, previous: 1 },
      { size: 3, previous: 0 },
      { size: 3, previous: 3 },
    ]);
  });
});

/** Reads the entries of a ZIP written by `zip()` (local headers only, deflated). */
function unzip(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString('utf8');
    const data = buf.subarray(at + 30 + nameLen, at + 30 + nameLen + size);
    out.set(name, inflateRawSync(data).toString('utf8'));
    at += 30 + nameLen + size;
  }
  return out;
}

describe('table export', () => {
  const table = {
    name: 'assessment-2024-11',
    columns: [
      { header: '单位 Unit', value: (r: { unit: string; score: number | null }) => r.unit },
      { header: '综合得分 Composite', value: (r: { unit: string; score: number | null }) => r.score },
    ],
    rows: [
      { unit: '泉河街道', score: 91.5 },
      { unit: 'A "quoted", name', score: null },
      { unit: '=HYPERLINK("x")', score: -2 },
    ],
  };

  it('CSV: UTF-8 BOM, CRLF, quoting, and no formula injection', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF单位 Unit,综合得分 Composite\r\n')).toBe(true);
    expect(csv).toContain('泉河街道,91.5\r\n');
    expect(csv).toContain('"A ""quoted"", name",\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",-2\r\n`);
  });

  it('XLSX: a valid ZIP of the workbook parts, with inline strings and numbers', () => {
    expect(columnName(0)).toBe('A');
    expect(columnName(25)).toBe('Z');
    expect(columnName(26)).toBe('AA');
    expect(columnName(701)).toBe('ZZ');
    const file = writeXlsx({
      name: 'assessment',
      header: ['单位 Unit', 'Score'],
      rows: [
        ['泉河街道 <&>', 91.5],
        ['bad\u0001char', null],
      ],
    });
    const parts = unzip(file);
    expect([...parts.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = parts.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">泉河街道 &lt;&amp;&gt;</t></is></c>',
    );
    expect(sheet).toContain('<c r="B2"><v>91.5</v></c>');
    expect(sheet).toContain('badchar');
    // The system unzip agrees the archive is sound (CRCs, central directory).
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    try {
      writeFileSync(join(dir, 't.xlsx'), file);
      const report = execFileSync('unzip', ['-t', join(dir, 't.xlsx')]).toString();
      expect(report).toContain('No errors detected');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
