/**
 * A database with N demo tickets, migrated, reference data loaded and the
 * word index filled, for the smart-intake benchmarks. Generating a million
 * tickets and indexing them takes a while, so a database of that name that
 * already holds at least N indexed tickets is reused (pass fresh to rebuild).
 */
import pg from 'pg';
import { progress } from '../../src/cli/output.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createCipher } from '../../src/security/personal-data.js';
import { seedDemo } from '../../src/seed/demo/seed-demo.js';
import { hasReferenceData, seedReference } from '../../src/seed/seed-reference.js';
import { createContext } from '../../src/services/context.js';
import { reindexTickets, ticketsToIndex } from '../../src/services/intake/reindex-tickets.js';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function exists(url: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount) return true;
    await client.query(`create database ${name}`);
    return false;
  } finally {
    await client.end();
  }
}

/** Returns the URL of a database `name` on the server `serverUrl` holding at least `tickets` indexed tickets. */
export async function intakeBenchDatabase(serverUrl: string, name: string, tickets: number): Promise<string> {
  const url = withDatabase(serverUrl, name);
  const existed = await exists(serverUrl, name);
  const handle = await openDatabase({ url, poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    if (!(await hasReferenceData(handle.db))) await seedReference(handle.db);
    const ctx = createContext({ handle, config: loadConfig({}), cipher: createCipher(Buffer.alloc(32, 9)) });
    const count = async () =>
      Number(
        (
          await handle.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const have = await count();
    if (have < tickets) {
      console.log(`${existed ? 'topping up' : 'creating'} ${name}: ${have} → ${tickets} tickets`);
      const bar = progress('demo tickets', tickets - have);
      await seedDemo(ctx, {
        tickets: tickets - have,
        since: '2024-01',
        seed: 20_241_126 + have,
        onProgress: (d) => bar.tick(d),
      });
      bar.finish();
    }
    const pending = await ticketsToIndex(handle.db);
    if (pending > 0) {
      const bar = progress('search index', pending);
      await reindexTickets(handle.db, { batchSize: 2000, onProgress: (d) => bar.tick(d) });
      bar.finish();
      await handle.pool.query('vacuum analyze tickets');
    }
    console.log(`${name}: ${await count()} tickets, all indexed`);
    return url;
  } finally {
    await handle.close();
  }
}
