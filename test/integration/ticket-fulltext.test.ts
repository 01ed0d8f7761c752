/**
 * Chinese full-text search over tickets (the list's `q`): words through the
 * jieba word index, substrings through trigrams, relevance ranking with
 * keyset pages, tickets not yet indexed, and the background re-index. Then
 * similar tickets: same place and matter, in the window, best first.
 */

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketTextCondition } from '../../src/db/repositories/ticket-fulltext.js';
import { NEWEST_WINDOWS } from '../../src/db/repositories/ticket-search-newest.js';
import type { TicketRow } from '../../src/db/schema.js';
import { reindexTickets, ticketsToIndex } from '../../src/services/intake/reindex-tickets.js';
import { similarTickets } from '../../src/services/intake/similar-tickets.js';
import { mergeTicket } from '../../src/services/tickets/merge-ticket.js';
import { categoryId, DISPATCHER, newTicket } from '../support/factories.js';
import { type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let dispatcher: Client;
const t: Record<string, TicketRow> = {};

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  dispatcher = await signedIn(app, rt.ctx, 'dispatcher');
  const noise = await categoryId(rt.ctx, 'env-noise');
  const fee = await categoryId(rt.ctx, 'urban-property-fee');
  const light = await categoryId(rt.ctx, 'city-streetlight');
  const texts: [string, string, number, string][] = [
    ['noise', '雁栖镇下庄村有个工地晚上噪音很大，吵得睡不着。', noise, '110116004203'],
    ['noise2', '雁栖镇乐园庄村KTV噪音扰民，噪音持续到半夜，噪音太大了。', noise, '110116004201'],
    ['yanqiOnly', '雁栖镇的农家院乱收费。', fee, '110116004'],
    ['fee', '富乐北里小区的物业费太高了，物业服务却很差。', fee, '110116001002'],
    ['light', '八道河村的路灯坏了三天。', light, '110116004220'],
    ['trad', '龍山街道南城社區的廣場舞噪音擾民。', noise, '110116002002'],
  ];
  for (const [key, description, category, area] of texts) {
    t[key] = await newTicket(rt.ctx, { description, categoryId: category, areaCode: area });
    rt.clock.advance(60_000);
  }
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function find(q: string, extra = ''): Promise<{ ids: number[]; next: string | null }> {
  const res = await dispatcher.get(`/api/tickets?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode).toBe(200);
  const body = res.json() as { items: { id: number }[]; nextCursor: string | null };
  return { ids: body.items.map((i) => i.id), next: body.nextCursor };
}

describe('GET /api/tickets?q=', () => {
  it('finds a two-word Chinese query by words, also inside longer words (雁栖 in 雁栖镇)', async () => {
    const { ids } = await find('雁栖 噪音');
    expect(ids.sort()).toEqual([t.noise!.id, t.noise2!.id].sort());
    expect((await find('雁栖')).ids).toContain(t.yanqiOnly!.id);
  });

  it('finds a village by its bare name and text in traditional characters', async () => {
    expect((await find('八道河')).ids).toEqual([t.light!.id]);
    expect((await find('南城社区 噪音')).ids).toEqual([t.trad!.id]);
    expect((await find('廣場舞')).ids).toEqual([t.trad!.id]);
  });

  it('finds substrings that are not words (费太高) and Latin text', async () => {
    expect((await find('费太高')).ids).toEqual([t.fee!.id]);
    expect((await find('ktv')).ids).toEqual([t.noise2!.id]);
    expect((await find('不存在的词语组合')).ids).toEqual([]);
  });

  it('finds words that jieba glued to a neighbour (路/灯不亮) through character bigrams', async () => {
    const glued = await newTicket(rt.ctx, {
      description: '怀黄路灯不亮的问题一直没解决。',
      areaCode: '110116109',
    });
    expect((await find('路灯 不亮')).ids).toEqual([glued.id]);
    expect((await find('黄路灯')).ids).toEqual([glued.id]);
  });

  it('still finds a ticket number', async () => {
    expect((await find(t.fee!.number)).ids).toEqual([t.fee!.id]);
  });

  it('ranks by relevance and pages through it without repeats', async () => {
    const { ids } = await find('噪音', '&sort=relevance');
    expect(ids[0]).toBe(t.noise2!.id);
    expect(ids.length).toBe(3);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await find('噪音', `&sort=relevance&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.ids);
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(ids);
    // without q, relevance is the newest first
    const first = async (url: string) =>
      ((await dispatcher.get(url)).json() as { items: { id: number }[] }).items[0]?.id;
    expect(await first('/api/tickets?sort=relevance&limit=1')).toBe(await first('/api/tickets?limit=1'));
  });

  it('pages newest first through a text search without repeats or gaps', async () => {
    const { ids } = await find('噪音', '');
    expect(ids.length).toBe(3);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      // pages of one are filled from the newest tickets (the window), the last one by the word index
      const page = await find('噪音', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.ids);
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('finds tickets loaded without an index, and the re-index fills it', async () => {
    await sql`update tickets set search_vector = null where id in (${t.noise!.id}, ${t.fee!.id})`.execute(
      rt.ctx.db,
    );
    expect(await ticketsToIndex(rt.ctx.db)).toBe(2);
    expect((await find('雁栖 噪音')).ids.sort()).toEqual([t.noise!.id, t.noise2!.id].sort());
    expect(await reindexTickets(rt.ctx.db, { batchSize: 1 })).toBe(2);
    expect(await ticketsToIndex(rt.ctx.db)).toBe(0);
    expect((await find('物业费')).ids).toEqual([t.fee!.id]);
  });
});

describe('newest-first windows', () => {
  it('page through the same tickets in the same order as the whole word index', async () => {
    // Matches spread over hours, some received in the same second.
    const texts = ['公交车司机态度很差', '小区门口停车难', '公交站台没有遮雨棚', '路灯不亮'];
    for (let i = 0; i < 24; i++) {
      await newTicket(rt.ctx, { description: `${texts[i % texts.length]}，第${i}次反映。` });
      if (i % 3 !== 0) rt.clock.advance(i < 12 ? 600_000 : 1_000);
    }
    const saved = { ...NEWEST_WINDOWS };
    try {
      for (const text of ['公交', '公交 司机', '停车', '噪音']) {
        const all = await rt.ctx.db
          .selectFrom('tickets as t')
          .select('t.id')
          .where(ticketTextCondition(text))
          .orderBy('t.received_at', 'desc')
          .orderBy('t.id', 'desc')
          .execute();
        // tiny windows, so that pages come from the scan, from date windows and from the whole index
        for (const windows of [
          { scanRows: 3, maxScan: 6, maxWindow: 1_000 },
          { scanRows: 1, maxScan: 1, maxWindow: 12 },
          // windows sized too small on purpose: each falls short and the next grows by minGrowth
          { scanRows: 2, maxScan: 2, maxWindow: 1_000, headroom: 0.3, minGrowth: 1.5 },
        ]) {
          Object.assign(NEWEST_WINDOWS, windows);
          const seen: number[] = [];
          let cursor: string | null = null;
          do {
            const page = await find(text, `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
            seen.push(...page.ids);
            cursor = page.next;
          } while (cursor);
          expect(seen, `${text} ${JSON.stringify(windows)}`).toEqual(all.map((r) => r.id));
        }
      }
    } finally {
      Object.assign(NEWEST_WINDOWS, saved);
    }
  });
});

describe('similar tickets', () => {
  it('ranks the same place and matter first, and leaves out other towns, merged tickets and old ones', async () => {
    const ref = await rt.ctx.reference.get();
    const light = await categoryId(rt.ctx, 'city-streetlight');
    const near = await newTicket(rt.ctx, {
      description: '八道河村村口的路灯坏了，晚上很黑。',
      categoryId: light,
      areaCode: '110116004220',
    });
    const merged = await newTicket(rt.ctx, {
      description: '八道河村的路灯坏了三天了。',
      categoryId: light,
      areaCode: '110116004220',
    });
    await mergeTicket(rt.ctx, { ticketId: merged.id, actor: DISPATCHER, targetId: near.id, reason: '重复' });
    const query = {
      text: '雁栖镇八道河村路灯不亮了',
      townshipCode: '110116004',
      areaCode: '110116004220',
      categoryId: light,
      now: rt.clock.now(),
    };
    const found = await similarTickets(rt.ctx.db, ref, query);
    expect(
      found
        .map((s) => s.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([t.light!.id, near.id].sort());
    expect(found.map((s) => s.id)).not.toContain(merged.id);
    expect(found.map((s) => s.id)).not.toContain(t.fee!.id);
    expect(found[0]).toMatchObject({ areaName: '八道河村委会', categoryName: '路灯' });
    const scores = found.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const later = await similarTickets(rt.ctx.db, ref, {
      ...query,
      now: new Date(rt.clock.now().getTime() + 40 * 86_400_000),
    });
    expect(later).toEqual([]);
    expect(await similarTickets(rt.ctx.db, ref, { ...query, townshipCode: null, categoryId: null })).toEqual(
      [],
    );
  });
});
