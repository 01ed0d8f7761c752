/**
 * The server under test, in its own process so the load generator does not
 * share its event loop: the real jiesu app on PORT and, sharing the same
 * connection pool, a bare Fastify route doing one INSERT on BASELINE_PORT.
 */
import Fastify from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import { openRuntime } from '../../src/runtime.js';
import { hasReferenceData, seedReference } from '../../src/seed/seed-reference.js';
import { createUser } from '../../src/services/auth/create-user.js';

const runtime = await openRuntime({ config: { ...loadConfig(), demoTickets: 0 }, listen: true });
const { ctx, handle } = runtime;
if (!(await hasReferenceData(handle.db))) await seedReference(handle.db);
ctx.reference.invalidate();
const password = 'Bench-password-2024';
const existing = await handle.db
  .selectFrom('users')
  .select('id')
  .where('username', '=', 'bench-agent')
  .executeTakeFirst();
if (!existing) await createUser(ctx, { username: 'bench-agent', password, role: 'agent' });
await handle.pool.query('create table if not exists bench_baseline (v text)');

const app = await buildServer(ctx, { logger: false, rateLimit: false });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });

const bare = Fastify({ logger: false });
bare.post('/baseline', async (req) => {
  const body = req.body as { v?: string };
  await handle.pool.query('insert into bench_baseline (v) values ($1)', [body.v ?? '']);
  return { ok: true };
});
await bare.listen({ port: Number(process.env.BASELINE_PORT), host: '127.0.0.1' });

process.stdout.write(`${JSON.stringify({ ready: true, password, kind: handle.kind })}\n`);
const stop = async () => {
  await app.close();
  await bare.close();
  await runtime.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
