/**
 * One crash run, for the CI tests (small) and `npm run bench -- crash`
 * (long): a database with overdue tickets for the deadline sweep, one or
 * more real server processes under concurrent intake load, SIGKILLs at
 * seeded random moments followed by restarts (PGlite takes the dead
 * process's lock over), retries of every unanswered intake with its key,
 * and the checks of crash-verify.ts once everything has stopped.
 *
 * Outbox rows a killed process had claimed stay leased for five minutes;
 * the run lets the lease run out (a later clock) and delivers them, as a
 * surviving process would five minutes on.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createCipher } from '../../src/security/personal-data.js';
import { hasReferenceData, seedReference } from '../../src/seed/seed-reference.js';
import { createUser } from '../../src/services/auth/create-user.js';
import { createContext, type ServiceContext } from '../../src/services/context.js';
import { deliverOutbox } from '../../src/services/outbox/deliver-outbox.js';
import { inappTransport, webhookTransport } from '../../src/services/outbox/transports.js';
import { runDeadlineSweep } from '../../src/services/sweep/run-deadline-sweep.js';
import { IntakeLoad, Receiver, rng, type Session, signIn, sleep } from './crash-load.js';
import { type ServerProcess, startServer } from './crash-server.js';
import { type CrashFindings, verifyCrash } from './crash-verify.js';
import { ticketIn } from './factories.js';

export const SECRET = Buffer.alloc(32, 7);
const WEBHOOK_SECRET = 'crash-test-webhook-secret';
const USERNAME = 'crash-agent';
const PASSWORD = 'Crash-test-2024';

export interface CrashDb {
  kind: 'pglite' | 'postgres';
  /** how the server processes reach it */
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
}

export interface PrepareOptions {
  /** PostgreSQL server URL (its maintenance database); absent: PGlite */
  pgUrl?: string;
  /** a template database (PostgreSQL) or dump (PGlite) with the reference data, when there is one */
  template?: string;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function prepareCrashDb(o: PrepareOptions): Promise<CrashDb> {
  let db: CrashDb;
  if (o.pgUrl) {
    const name = `jiesu_crash_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: withDatabase(o.pgUrl, 'postgres') });
    await admin.connect();
    await admin.query(`create database ${name}${o.template ? ` template ${o.template}` : ''}`);
    await admin.end();
    const url = withDatabase(o.pgUrl, name);
    db = {
      kind: 'postgres',
      env: { DATABASE_URL: url, JIESU_POOL_SIZE: '8' },
      open: () => openDatabase({ url, poolSize: 4 }),
      cleanup: async () => {
        const c = new pg.Client({ connectionString: withDatabase(o.pgUrl as string, 'postgres') });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-crash-'));
    if (o.template) {
      mkdirSync(dir, { recursive: true });
      const seeded = await PGlite.create(join(dir, 'db'), {
        extensions: { pg_trgm },
        loadDataDir: new Blob([readFileSync(o.template)]),
      });
      await seeded.close();
    }
    db = {
      kind: 'pglite',
      env: { DATABASE_URL: '', JIESU_DATA_DIR: dir },
      open: () => openDatabase({ url: null, dataDir: dir }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const handle = await db.open();
  try {
    await migrateToLatest(handle.db);
    if (!(await hasReferenceData(handle.db))) await seedReference(handle.db);
  } finally {
    await handle.close();
  }
  return db;
}

function contextOf(handle: DatabaseHandle, clock: () => Date): ServiceContext {
  return createContext({
    handle,
    config: { ...loadConfig({}), demoTickets: 0, sweepIntervalSeconds: 0 },
    cipher: createCipher(SECRET),
    clock,
  });
}

/** The agent the load signs in as, and tickets dispatched three days ago whose deadlines have all passed. */
async function seedFixtures(db: CrashDb, overdue: number): Promise<void> {
  const handle = await db.open();
  try {
    const past = new Date(Date.now() - 3 * 86_400_000);
    const ctx = contextOf(handle, () => past);
    await createUser(ctx, {
      username: USERNAME,
      password: PASSWORD,
      role: 'agent',
      displayName: '崩溃测试话务员',
    });
    for (let i = 0; i < overdue; i++) await ticketIn(ctx, i % 2 === 0 ? 'dispatched' : 'accepted');
  } finally {
    await handle.close();
  }
}

export interface CrashRunOptions {
  db: CrashDb;
  seed: number;
  /** SIGKILLs in the run */
  kills: number;
  /** a kill comes this long (ms, uniformly between) after the load starts on a fresh process */
  killAfterMs: [number, number];
  /** concurrent clients */
  concurrency: number;
  /** server processes at once (PostgreSQL only for more than one) */
  processes: number;
  overdueTickets?: number;
  /** load after the last restart before the final retries (ms; default 1000) */
  finalLoadMs?: number;
  log?: (line: string) => void;
}

export interface CrashRunReport {
  kind: CrashDb['kind'];
  processes: number;
  killsSurvived: number;
  requests: number;
  /** server processes (by address) that answered at least one intake */
  servingProcesses: number;
  retried: number;
  replayed: number;
  /** cards the servers issued before the run ended, and the ones the final sweep added */
  cardsByServers: number;
  outboxAfterLease: number;
  findings: CrashFindings;
  seconds: number;
}

export async function runCrash(o: CrashRunOptions): Promise<CrashRunReport> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const random = rng(o.seed);
  await seedFixtures(o.db, o.overdueTickets ?? 10);
  const receiver = new Receiver(random);
  await receiver.start();
  const env = {
    ...o.db.env,
    JIESU_SECRET_KEY: SECRET.toString('hex'),
    JIESU_SWEEP_SECONDS: '1',
    JIESU_RATE_LIMITS: 'off',
    JIESU_SMS_WEBHOOK_URL: receiver.url,
    JIESU_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  let session: Session | null = null;
  const load = new IntakeLoad(random, () => session as Session, `k${o.seed}`);
  const servers: (ServerProcess | null)[] = [];
  const live = () => servers.filter((s): s is ServerProcess => s !== null).map((s) => s.base);
  let killsSurvived = 0;
  let retried = 0;
  try {
    for (let i = 0; i < o.processes; i++) servers.push(await startServer({ env }));
    session = await signIn(live()[0] as string, USERNAME, PASSWORD);
    for (let k = 0; k < o.kills; k++) {
      let stop = false;
      const running = load.run(live, o.concurrency, () => stop);
      const [min, max] = o.killAfterMs;
      await sleep(min + random() * (max - min));
      const victim = Math.floor(random() * o.processes);
      const dying = servers[victim] as ServerProcess;
      servers[victim] = null;
      await dying.kill();
      log(`kill ${k + 1}/${o.kills}: process ${victim} (pid ${dying.pid}) after ${load.stats.sent} requests`);
      // With several processes the others carry on under load for a moment, alone.
      if (live().length > 0) await sleep(300 + random() * 700);
      stop = true;
      await running;
      servers[victim] = await startServer({ env });
      killsSurvived += 1;
      retried += await load.retryUnanswered(live()[0] as string, 3);
    }
    let stop = false;
    const running = load.run(live, o.concurrency, () => stop);
    await sleep(o.finalLoadMs ?? 1000);
    stop = true;
    await running;
    retried += await load.retryUnanswered(live()[0] as string, 40);
    const replayed = await load.replayAnswered(live()[0] as string, 20);
    // Time for the sweep (every second) and the outbox of the survivors.
    await sleep(3000);
    for (const s of servers) await s?.stop();
    servers.length = 0;

    const handle = await o.db.open();
    try {
      const cardsByServers = Number(
        (
          await handle.db
            .selectFrom('ticket_cards')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );
      await runDeadlineSweep(contextOf(handle, () => new Date()));
      const later = contextOf(handle, () => new Date(Date.now() + 6 * 60_000));
      const transports = [
        webhookTransport({ channel: 'sms', url: receiver.url, secret: WEBHOOK_SECRET }),
        inappTransport(handle.db),
      ];
      let outboxAfterLease = 0;
      for (;;) {
        const r = await deliverOutbox(later, { transports });
        outboxAfterLease += r.sent;
        if (r.sent + r.retried + r.failed === 0) break;
      }
      const findings = await verifyCrash(handle.db, load, receiver);
      return {
        kind: o.db.kind,
        processes: o.processes,
        killsSurvived,
        requests: load.stats.sent,
        servingProcesses: Object.keys(load.stats.servedBy).length,
        retried,
        replayed,
        cardsByServers,
        outboxAfterLease,
        findings,
        seconds: Math.round((Date.now() - started) / 1000),
      };
    } finally {
      await handle.close();
    }
  } finally {
    for (const s of servers) await s?.kill();
    await receiver.close();
  }
}
