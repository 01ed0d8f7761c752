/**
 * First start of an empty database: load the reference data, then the demo
 * tickets, so `npm start` shows a working system with no further steps.
 */
import { progress } from '../cli/output.js';
import type { ServiceContext } from '../services/context.js';
import { seedDemo } from './demo/seed-demo.js';
import { hasReferenceData, seedReference } from './seed-reference.js';

export async function ensureSeeded(ctx: ServiceContext, options: { demoTickets: number }): Promise<void> {
  if (!(await hasReferenceData(ctx.db))) {
    const result = await seedReference(ctx.db);
    console.log(
      `参考数据已载入 / reference data loaded: ${result.areas} areas, ${result.units} units, ${result.categories} categories, ${result.routingRules} routing rules`,
    );
    ctx.reference.invalidate();
  }
  if (options.demoTickets <= 0) return;
  const any = await ctx.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const bar = progress('演示数据 / demo tickets', options.demoTickets);
  const result = await seedDemo(ctx, {
    tickets: options.demoTickets,
    since: '2019-01',
    seed: 12345,
    onProgress: (done) => bar.tick(done),
  });
  bar.finish(`演示工单已生成 / demo tickets generated: ${result.tickets} tickets, ${result.events} events`);
}
