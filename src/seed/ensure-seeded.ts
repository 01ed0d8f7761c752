/**
 * First start of an empty database: load the reference data, then the demo
 * tickets, so `npm start` shows a working system with no further steps.
 */
import { progress } from '../cli/output.js';
import { rebuildAssessment } from '../services/assessment/refresh-assessment.js';
import type { ServiceContext } from '../services/context.js';
import { modelPath } from '../services/intake/category-model.js';
import { inTransaction } from '../services/transaction.js';
import { seedDemo } from './demo/seed-demo.js';
import { hasReferenceData, seedReference } from './seed-reference.js';
import { seedServices } from './services/seed-services.js';
import { trainDemoModel } from './train-demo-model.js';

export async function ensureSeeded(ctx: ServiceContext, options: { demoTickets: number }): Promise<void> {
  if (!(await hasReferenceData(ctx.db))) {
    const result = await seedReference(ctx.db);
    console.log(
      `参考数据已载入 / reference data loaded: ${result.areas} areas, ${result.units} units, ${result.categories} categories, ${result.routingRules} routing rules`,
    );
    ctx.reference.invalidate();
  } else if (!(await ctx.db.selectFrom('service_matters').select('id').limit(1).executeTakeFirst())) {
    // A database from before online services: add the matter catalogue (idempotent).
    const services = await inTransaction(ctx.db, (trx) => seedServices(trx));
    console.log(`网办事项已载入 / service matters loaded: ${services.added}`);
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
  // A bulk load is summed in one set-based pass rather than ticket by ticket through the queue,
  // which on the embedded database would hold its single connection for many seconds after start.
  await rebuildAssessment(ctx);
  const model = await trainDemoModel(ctx.db, modelPath(ctx.config));
  if (model) {
    console.log(
      `分类模型已由演示工单训练 / category model trained on the demo tickets: ${model.examples} texts, ${model.labels} categories, ${(model.ms / 1000).toFixed(1)} s → ${model.path}`,
    );
  }
}
