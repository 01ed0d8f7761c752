/**
 * The import pipeline's order: batches are planned in file order, replayed
 * in parallel (worker threads on PostgreSQL, the importing thread on
 * PGlite) and written in file order. A merge into a ticket of an earlier
 * batch is planned on what that ticket's row states, before the batch is
 * replayed; when the row is then rejected, the merge must be rejected too,
 * as a merge into nothing, and nothing of it written.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectedRow } from '../../src/import/format.js';
import { importTickets } from '../../src/services/import-tickets.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { closedRow, expectHashChains, file, jsonl } from './import-support.js';

function mergedInto(number: string, target: string): Record<string, unknown> {
  return {
    number,
    received_at: '2024-11-22 10:00:00',
    channel: '电话',
    type: '投诉',
    description: '同一小区楼道堆物，重复来电。',
    category: '城乡建设/物业管理',
    area: '泉河街道',
    state: 'merged',
    history: [{ action: 'merge', at: '2024-11-22T10:30:00+08:00', data: { target }, reason: '重复诉求' }],
  };
}

describe('import pipeline: merges across batches', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await openTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('merges into a ticket of an earlier batch, and rejects a merge into one whose row was rejected', async () => {
    const lines = [
      closedRow('HR24112100001', '2024-11-21'), // batch 1: good
      { ...closedRow('HR24112100002', '2024-11-21'), state: 'replied' }, // batch 1: rejected by its replay
      mergedInto('HR24112200001', 'HR24112100001'), // batch 2: into a good ticket of batch 1
      mergedInto('HR24112200002', 'HR24112100002'), // batch 2: into the rejected one
      closedRow(undefined, '2024-11-21'), // batch 3: numbered on import, after the stated numbers of that day
    ];
    const path = file('pipeline-merges.jsonl', jsonl(lines));
    const r = await importTickets(rt.ctx, {
      pool: rt.handle.pool,
      file: path,
      batchSize: 2,
      force: true,
      workers: 2, // a small file would get one by default
    });
    expect(r).toMatchObject({ imported: 3, rejected: 2 });

    const report = readFileSync(r.rejectsFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as RejectedRow);
    expect(report.map((x) => [x.line, x.number, x.reasons.map((i) => i.code)])).toEqual([
      [2, 'HR24112100002', ['state_mismatch']],
      [4, 'HR24112200002', ['MERGE_TARGET_INVALID']],
    ]);
    // Rows rejected by their replay (on a worker thread, on PostgreSQL) carry their text as read.
    expect(report.map((x) => JSON.parse(x.raw) as unknown)).toEqual([lines[1], lines[3]]);

    const tickets = await rt.ctx.db
      .selectFrom('tickets')
      .select(['id', 'number', 'state', 'merged_into_id'])
      .orderBy('number')
      .execute();
    const byNumber = new Map(tickets.map((t) => [t.number, t]));
    expect(byNumber.get('HR24112200001')).toMatchObject({
      state: 'merged',
      merged_into_id: byNumber.get('HR24112100001')?.id,
    });
    expect(byNumber.has('HR24112100002')).toBe(false);
    expect(byNumber.has('HR24112200002')).toBe(false);
    // The generated number comes after the day's stated one, though its batch was planned before that one was written.
    expect([...byNumber.keys()].filter((n) => n.startsWith('HR241121'))).toEqual([
      'HR24112100001',
      'HR24112100003',
    ]);
    await expectHashChains(rt.ctx.db);
  });
});
