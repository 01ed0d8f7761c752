import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';
import { reindexTickets, ticketsToIndex } from '../../services/intake/reindex-tickets.js';
import { progress } from '../output.js';

/**
 * `jiesu reindex`: fills the Chinese word index of tickets loaded in bulk
 * (demo data, imports), or with --all rebuilds it after the dictionary
 * changed. Resumable: an interrupted run continues where it stopped.
 */
export function register(program: Command): void {
  program
    .command('reindex')
    .description('建立工单全文检索索引 / build the full-text search index of tickets')
    .option('--all', 're-index every ticket, not only those without an index (after a dictionary change)')
    .option('--batch <n>', 'tickets per batch', '1000')
    .action(async (opts: { all?: boolean; batch: string }) => {
      const runtime = await openRuntime();
      try {
        const db = runtime.handle.db;
        const total = opts.all
          ? Number(
              (
                await db
                  .selectFrom('tickets')
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .executeTakeFirst()
              )?.n ?? 0,
            )
          : await ticketsToIndex(db);
        const bar = progress('检索索引 / search index', total);
        const done = await reindexTickets(db, {
          all: opts.all,
          batchSize: Number(opts.batch) || 1000,
          onProgress: (n) => bar.tick(n),
        });
        bar.finish(`已索引 / indexed: ${done} tickets`);
      } finally {
        await runtime.close();
      }
    });
}
