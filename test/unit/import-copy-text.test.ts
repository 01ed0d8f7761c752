import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/import/bulk-write.js';
import { copyText } from '../../src/import/copy-write.js';

interface Row {
  text: string | null;
  at: Date;
  flag: boolean;
  n: number;
  data: Record<string, unknown>;
}

const COLUMNS: Column<Row>[] = [
  { name: 'text', type: 'text', get: (r) => r.text },
  { name: 'at', type: 'timestamptz', get: (r) => r.at },
  { name: 'flag', type: 'bool', get: (r) => r.flag },
  { name: 'n', type: 'float8', get: (r) => r.n },
  { name: 'data', type: 'jsonb', get: (r) => r.data },
];

describe('COPY text of import rows', () => {
  it('escapes the separators and writes null, times, booleans and JSON as COPY reads them', async () => {
    const at = new Date('2024-11-20T01:02:03.004Z');
    const text = await copyText(COLUMNS, [
      { text: '第一行\n第二行\t"引号" \\ 反斜杠\r', at, flag: true, n: 116.63, data: { a: 'x\ny' } },
      { text: null, at, flag: false, n: -1e-7, data: {} },
    ]);
    expect(text).toBe(
      '第一行\\n第二行\\t"引号" \\\\ 反斜杠\\r\t2024-11-20T01:02:03.004Z\tt\t116.63\t{"a":"x\\\\ny"}\n' +
        '\\N\t2024-11-20T01:02:03.004Z\tf\t-1e-7\t{}\n',
    );
  });

  it('is empty for no rows', async () => {
    expect(await copyText(COLUMNS, [])).toBe('');
  });
});
