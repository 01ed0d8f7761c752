/**
 * Reading labelled corpora: JSONL and CSV, configurable fields, bad records
 * reported by line instead of crashing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, parseCsv, parseCsvRecords, parseJsonl, readCorpus } from '../../src/nlp/corpus.js';

describe('JSONL', () => {
  it('reads text, falls back to title + body, and reports bad lines with their numbers', () => {
    const content = [
      '\uFEFF{"text": "路灯坏了", "label": "城乡建设"}',
      '',
      '{"title": "噪音", "body": "工地夜间施工", "label": "环境保护"}',
      '{"text": "缺标签"}',
      'not json',
      '[1, 2]',
      '{"text": "   ", "title": "", "label": "x"}',
      '{"text": 12345, "label": 7}',
    ].join('\n');
    const c = parseJsonl(content, 'a.jsonl');
    expect(c.examples).toEqual([
      { text: '路灯坏了', label: '城乡建设', file: 'a.jsonl', line: 1 },
      { text: '噪音\n工地夜间施工', label: '环境保护', file: 'a.jsonl', line: 3 },
      { text: '12345', label: '7', file: 'a.jsonl', line: 8 },
    ]);
    expect(c.issues.map((i) => i.line)).toEqual([4, 5, 6, 7]);
    expect(c.issues[0]!.reason).toMatch(/no label/);
    expect(c.issues[1]!.reason).toMatch(/invalid JSON/);
    expect(c.issues[2]!.reason).toMatch(/not a JSON object/);
    expect(c.issues[3]!.reason).toMatch(/no text/);
  });

  it('uses configured field names', () => {
    const c = parseJsonl('{"content": "学校收费", "cat": "教育文体"}', 'b.jsonl', {
      text: 'content',
      title: 't',
      body: 'b',
      label: 'cat',
    });
    expect(c.examples[0]).toMatchObject({ text: '学校收费', label: '教育文体' });
  });
});

describe('CSV', () => {
  it('handles quotes, doubled quotes, commas and newlines inside quotes, CRLF and a BOM', () => {
    const content =
      '\uFEFFtitle,body,label\r\n"标题,一","第一行\n第二行",城乡建设\r\n普通,"说""你好""",环境保护\r\n';
    const c = parseCsv(content, 'x.csv');
    expect(c.issues).toEqual([]);
    expect(c.examples).toEqual([
      { text: '标题,一\n第一行\n第二行', label: '城乡建设', file: 'x.csv', line: 2 },
      { text: '普通\n说"你好"', label: '环境保护', file: 'x.csv', line: 4 },
    ]);
  });

  it('reports records with the wrong number of fields and an unterminated quote', () => {
    const content = 'text,label\n好,a\n多,了,一列\n\n缺\n"未闭合,b\n';
    const c = parseCsv(content, 'y.csv');
    expect(c.examples).toHaveLength(1);
    expect(c.issues.map((i) => [i.line, i.reason])).toEqual([
      [3, '3 fields where the header has 2'],
      [5, '1 fields where the header has 2'],
      [6, 'unterminated quoted field'],
    ]);
  });

  it('splits records with start line numbers', () => {
    const { records } = parseCsvRecords('a,b\n"x\ny",z\nlast,row');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[2]!.cells).toEqual(['last', 'row']);
  });

  it('reports an empty file', () => {
    expect(parseCsv('', 'e.csv').issues[0]).toMatchObject({ line: 1, reason: 'no header row' });
  });
});

describe('readCorpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-corpus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads several files of either format, detected by extension or content', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.csv');
    const c = join(dir, 'c.txt');
    writeFileSync(a, '{"text":"一","label":"x"}\n{"text":"二"}\n');
    writeFileSync(b, 'text,label\n三,y\n');
    writeFileSync(c, '{"text":"四","label":"z"}\n');
    const corpus = await readCorpus([a, b, c]);
    expect(corpus.examples.map((e) => e.label)).toEqual(['x', 'y', 'z']);
    expect(corpus.issues).toEqual([{ file: a, line: 2, reason: 'no label in "label"' }]);
    expect(detectFormat('d.txt', 'text,label')).toBe('csv');
  });

  it('fails clearly on a missing file', async () => {
    await expect(readCorpus([join(dir, 'missing.jsonl')])).rejects.toThrow(/ENOENT/);
  });
});
