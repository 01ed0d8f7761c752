import { writeFileSync } from 'node:fs';
import { openDatabase } from './src/db/database.js';
import { migrateToLatest } from './src/db/migrate.js';
import { seedReference } from './src/seed/seed-reference.js';
import { prepareCrashDb, runCrash } from './test/support/crash-run.js';

const t0 = Date.now();
const h = await openDatabase({ url: null, memory: {} });
await migrateToLatest(h.db);
await seedReference(h.db);
const dump = await h.pglite!.dumpDataDir('none');
await h.close();
writeFileSync('/tmp/sec/template.tar', Buffer.from(await dump.arrayBuffer()));
console.log('template', Date.now() - t0, process.memoryUsage().rss >> 20);
const db = await prepareCrashDb({ template: '/tmp/sec/template.tar' });
console.log('prepared', Date.now() - t0, process.memoryUsage().rss >> 20);
const r = await runCrash({
  db,
  seed: 1,
  kills: 1,
  killAfterMs: [800, 1500],
  concurrency: 4,
  processes: 1,
  log: (l) => console.log(Date.now() - t0, l, process.memoryUsage().rss >> 20),
});
console.log(JSON.stringify(r.findings.chain), r.seconds);
await db.cleanup();
