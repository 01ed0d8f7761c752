import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';
import { rebuildAssessment } from '../../services/assessment/refresh-assessment.js';

/**
 * `jiesu assessment rebuild`: recomputes every 考核 aggregate from all
 * tickets in a few set-based statements — after `jiesu import` of a large
 * history, or after tickets were loaded by other means. The live server keeps
 * the aggregates current by itself; this is for bulk loads.
 */
export function register(program: Command): void {
  const assessment = program.command('assessment').description('考核数据 / assessment aggregates');
  assessment
    .command('rebuild')
    .description('由全部工单重算考核汇总 / recompute every assessment aggregate from all tickets')
    .action(async () => {
      const runtime = await openRuntime();
      try {
        const started = performance.now();
        const r = await rebuildAssessment(runtime.ctx);
        console.log(
          `考核汇总已重算 / assessment rebuilt: ${r.tickets} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await runtime.close();
      }
    });
}
