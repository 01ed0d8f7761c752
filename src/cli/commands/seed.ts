import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';
import { seedDemo } from '../../seed/demo/seed-demo.js';
import { hasReferenceData, seedReference } from '../../seed/seed-reference.js';
import { rebuildAssessment } from '../../services/assessment/refresh-assessment.js';
import { progress } from '../output.js';

export function register(program: Command): void {
  program
    .command('seed')
    .description('载入参考数据或生成演示数据 / load reference data or generate demo data')
    .option('--reference', 'load Huairou reference data (divisions, units, categories, routing, calendar)')
    .option('--divisions <file>', 'divisions CSV to load instead of the bundled one')
    .option('--demo', 'generate demo tickets')
    .option('--tickets <n>', 'number of demo tickets', '20000')
    .option('--since <yyyy-mm>', 'first month of demo tickets', '2019-01')
    .option('--seed <n>', 'random seed (same seed, same tickets)', '12345')
    .action(
      async (opts: {
        reference?: boolean;
        divisions?: string;
        demo?: boolean;
        tickets: string;
        since: string;
        seed: string;
      }) => {
        if (!opts.reference && !opts.demo) throw new Error('choose --reference and/or --demo');
        const tickets = Number(opts.tickets);
        if (!Number.isInteger(tickets) || tickets <= 0)
          throw new Error('--tickets must be a positive integer');
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.since)) throw new Error('--since must look like 2019-01');
        const runtime = await openRuntime();
        try {
          if (opts.reference) {
            const r = await seedReference(runtime.handle.db, opts.divisions);
            console.log(
              `参考数据 / reference: ${r.areas} areas, ${r.units} units, ${r.categories} categories, ${r.routingRules} routing rules, ${r.calendarDays} calendar days`,
            );
          }
          if (opts.demo) {
            if (!(await hasReferenceData(runtime.handle.db))) await seedReference(runtime.handle.db);
            runtime.ctx.reference.invalidate();
            const bar = progress('演示数据 / demo tickets', tickets);
            const started = Date.now();
            const r = await seedDemo(runtime.ctx, {
              tickets,
              since: opts.since,
              seed: Number(opts.seed),
              onProgress: (done) => bar.tick(done),
            });
            await rebuildAssessment(runtime.ctx);
            bar.finish(
              `${r.tickets} tickets, ${r.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            );
          }
        } finally {
          await runtime.close();
        }
      },
    );
}
