/**
 * Several server processes on one PostgreSQL (SPEC: "several stateless
 * server processes can share one PostgreSQL"): two real servers on
 * different ports share intake load while both run the deadline sweep and
 * the outbox; one is killed mid-run and the other goes on. Ticket numbers
 * stay unique, no card or message is doubled, nothing acknowledged is lost.
 * PGlite belongs to one process: a second server on the same data
 * directory is refused (DATA_DIR_LOCKED) rather than let in.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type CrashDb, prepareCrashDb, runCrash, SECRET } from '../support/crash-run.js';
import { startServer } from '../support/crash-server.js';

const PG = process.env.DATABASE_URL ?? '';
let db: CrashDb;

beforeAll(async () => {
  db = await prepareCrashDb(
    PG ? { pgUrl: PG, template: inject('pgTemplate') } : { template: inject('pgliteTemplate') },
  );
});
afterAll(async () => {
  await db?.cleanup();
});

describe.runIf(PG)('two server processes on one PostgreSQL', () => {
  it('share the load, the sweep and the outbox; one is killed and the other goes on', {
    timeout: 300_000,
  }, async () => {
    const report = await runCrash({
      db,
      seed: Number(process.env.JIESU_CRASH_SEED ?? 7),
      kills: 2,
      killAfterMs: [800, 2500],
      concurrency: 8,
      processes: 2,
      overdueTickets: 16,
      log: (line) => console.log(line),
    });
    console.log(`multi-process report: ${JSON.stringify(report)}`);
    const f = report.findings;
    expect(report.killsSurvived).toBe(2);
    // Both first processes and the restarted ones answered intakes.
    expect(report.servingProcesses).toBeGreaterThanOrEqual(3);
    expect(f.acknowledged).toBe(f.keys);
    expect(f.missing).toEqual([]);
    expect(f.duplicated).toEqual([]);
    expect(f.duplicateNumbers).toBe(0);
    expect(f.chain.firstBroken).toBeNull();
    expect(f.cards.issued).toBeGreaterThan(0);
    expect(f.cards.duplicated).toBe(0);
    expect(f.cards.withoutEvent).toBe(0);
    expect(f.sms.ticketsWithoutOne).toBe(0);
    expect(f.sms.ticketsWithTwo).toBe(0);
    expect(f.sms.neverArrived).toBe(0);
    expect(f.sms.unknownAtGateway).toBe(0);
    expect(f.inapp.notifications).toBe(f.inapp.sent);
  });
});

describe.runIf(!PG)('PGlite and a second process', () => {
  it('refuses a second server on the same data directory', { timeout: 300_000 }, async () => {
    const env = { ...db.env, JIESU_SECRET_KEY: SECRET.toString('hex'), JIESU_SWEEP_SECONDS: '0' };
    const first = await startServer({ env });
    try {
      const second = startServer({ env, timeoutMs: 120_000 });
      await expect(second).rejects.toThrow(/DATA_DIR_LOCKED/);
      expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });
});
