/**
 * The server under test for the smart-intake benchmarks, in its own process:
 * the real jiesu app on PORT and, over the same connection pool, a bare
 * Fastify route on BASELINE_PORT that reads one ticket by primary key (the
 * cheapest thing a request can do with the database), plus one that runs the
 * ticket search's repository call alone without the app around it.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { searchTickets } from '../../src/db/repositories/ticket-search.js';
import { buildServer } from '../../src/http/server.js';
import { openRuntime } from '../../src/runtime.js';
import { createUser } from '../../src/services/auth/create-user.js';

const runtime = await openRuntime({
  config: { ...loadConfig(), demoTickets: 0, sweepIntervalSeconds: 0 },
  listen: true,
});
const { ctx, handle } = runtime;
const password = 'Bench-password-2024';
for (const role of ['agent', 'dispatcher'] as const) {
  const username = `bench-${role}`;
  const existing = await handle.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!existing) await createUser(ctx, { username, password, role });
}

const app = await buildServer(ctx, { logger: false, rateLimit: false });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });

const bare = Fastify({ logger: false });
bare.get('/baseline/:id', async (req) => {
  const { id } = req.params as { id: string };
  const r = await handle.pool.query('select id, number, title, state from tickets where id = $1', [
    Number(id),
  ]);
  return r.rows[0] ?? null;
});
// The search the list route runs, without HTTP sign-in, unit facts and presenting.
bare.get('/search-sql', async (req) => {
  const { q, limit } = req.query as { q: string; limit?: string };
  const page = await searchTickets(handle.db, {
    scope: { kind: 'all' },
    q,
    limit: Number(limit ?? 50),
    now: new Date(),
  });
  return { n: page.items.length };
});
await bare.listen({ port: Number(process.env.BASELINE_PORT), host: '127.0.0.1' });

const maxId = Number(
  (await sql<{ m: number }>`select max(id)::int as m from tickets`.execute(handle.db)).rows[0]?.m ?? 0,
);
process.stdout.write(`${JSON.stringify({ ready: true, password, kind: handle.kind, maxId })}\n`);
const stop = async () => {
  await app.close();
  await bare.close();
  await runtime.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
