/**
 * Crash safety (SPEC: "a ticket answered with 201 survives a crash of the
 * server process"): the real server under concurrent intake load is killed
 * with SIGKILL at seeded random moments and restarted, unanswered intakes
 * are retried with their idempotency keys, and then every acknowledged
 * ticket is there exactly once with its event, no key made two tickets, the
 * hash chains are intact, and the deadline sweep and the outbox resumed
 * without a double card or message. The long run: `npm run bench -- crash`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type CrashDb, prepareCrashDb, runCrash } from '../support/crash-run.js';

const PG = process.env.DATABASE_URL ?? '';
const SEED = Number(process.env.JIESU_CRASH_SEED ?? 20241126);
let db: CrashDb;

beforeAll(async () => {
  db = await prepareCrashDb(
    PG ? { pgUrl: PG, template: inject('pgTemplate') } : { template: inject('pgliteTemplate') },
  );
});
afterAll(async () => {
  await db?.cleanup();
});

describe(`crash safety on ${PG ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('survives SIGKILL under load without losing or doubling anything', { timeout: 300_000 }, async () => {
    const report = await runCrash({
      db,
      seed: SEED,
      kills: 3,
      killAfterMs: [600, 2500],
      concurrency: 6,
      processes: 1,
      log: (line) => console.log(line),
    });
    console.log(`crash report: ${JSON.stringify(report)}`);
    const f = report.findings;
    expect(report.killsSurvived).toBe(3);
    expect(f.acknowledged).toBe(f.keys);
    expect(f.acknowledged).toBeGreaterThan(0);
    expect(f.missing).toEqual([]);
    expect(f.duplicated).toEqual([]);
    expect(f.tickets).toBe(f.keys);
    expect(f.duplicateNumbers).toBe(0);
    expect(f.chain.firstBroken).toBeNull();
    expect(f.cards.issued).toBeGreaterThan(0);
    expect(f.cards.duplicated).toBe(0);
    expect(f.cards.withoutEvent).toBe(0);
    expect(f.sms.ticketsWithoutOne).toBe(0);
    expect(f.sms.ticketsWithTwo).toBe(0);
    expect(f.sms.sent).toBe(f.sms.rows);
    expect(f.sms.neverArrived).toBe(0);
    expect(f.sms.unknownAtGateway).toBe(0);
    expect(f.inapp.notifications).toBe(f.inapp.sent);
  });
});
