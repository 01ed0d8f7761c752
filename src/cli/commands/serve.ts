import type { Command } from 'commander';
import { buildServer } from '../../http/server.js';
import { openRuntime } from '../../runtime.js';
import { ensureSeeded } from '../../seed/ensure-seeded.js';
import { transportsFromEnv } from '../../services/outbox/transports.js';
import { startWorkers, wakeOutboxAfterCommit } from '../../services/workers.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('启动服务（首次启动时建立数据库并载入参考数据和演示数据）/ start the server')
    .option('-p, --port <port>', 'port (default $PORT or 3000)')
    .option('--host <host>', 'host (default $HOST or localhost)')
    .option('--no-demo', 'do not generate demo tickets on first start')
    .action(async (opts: { port?: string; host?: string; demo: boolean }) => {
      const runtime = await openRuntime({ listen: true });
      const { config, ctx } = runtime;
      await ensureSeeded(ctx, { demoTickets: opts.demo ? config.demoTickets : 0 });
      const app = await buildServer(ctx, { logger: { level: config.logLevel } });
      const port = opts.port ? Number(opts.port) : config.port;
      const host = opts.host ?? config.host;
      let workers: ReturnType<typeof startWorkers> | null = null;
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        await app.close();
        await workers?.stop();
        await runtime.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port, host });
      // Background loops start once the server answers: on the embedded database they share its
      // single connection, and a first sweep must not delay the first response.
      workers = startWorkers(ctx, {
        sweepIntervalSeconds: config.sweepIntervalSeconds,
        outboxIntervalMs: 5000,
        assessmentIntervalSeconds: 30,
        transports: transportsFromEnv(process.env, ctx),
        log: app.log,
      });
      ctx.afterCommit = wakeOutboxAfterCommit(workers);
      console.log(
        `jiesu 已启动 / is running: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}  (${runtime.handle.kind === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL'})`,
      );
    });
}
