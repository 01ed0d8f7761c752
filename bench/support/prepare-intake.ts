/**
 * Builds (or reuses) the smart-intake benchmark database ahead of time:
 *   npx tsx bench/support/prepare-intake.ts [tickets]
 */
import { intakeBenchDatabase } from './intake-data.js';
import { benchPostgres } from './postgres.js';

const pgServer = await benchPostgres();
try {
  await intakeBenchDatabase(
    pgServer.url,
    process.argv[3] ?? 'jiesu_bench_suggest',
    Number(process.argv[2] ?? 1_000_000),
  );
} finally {
  pgServer.stop();
}
