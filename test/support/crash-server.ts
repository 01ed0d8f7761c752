/**
 * The real server in a child process (`jiesu serve` through the CLI), for
 * the crash and multi-process tests and `npm run bench -- crash`: started,
 * waited for (GET /readyz), killed with SIGKILL at any moment, or stopped
 * with SIGTERM. No vitest imports: the benchmark uses it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  port: number;
  base: string;
  pid: number;
  child: ChildProcess;
  /** resolves with the exit code (null when killed by a signal) */
  exited: Promise<number | null>;
  /** SIGKILL: no shutdown of any kind, like a power cut of the process */
  kill(): Promise<void>;
  /** SIGTERM: the server's own graceful shutdown */
  stop(): Promise<void>;
  /** the last lines the process wrote, for failure messages */
  output(): string;
}

export interface StartServerOptions {
  env: Record<string, string>;
  port?: number;
  timeoutMs?: number;
}

let bundle: Promise<string> | null = null;

/**
 * The CLI bundled from the current sources, as `npm run build` bundles it
 * (esbuild, dependencies from node_modules): a process starts in a second
 * or two instead of the many seconds tsx needs to transpile every module on
 * a busy machine, and the test still runs exactly this tree's code.
 * JIESU_CRASH_TSX=1 runs the sources through tsx instead.
 */
export async function cliEntry(): Promise<string[]> {
  if (process.env.JIESU_CRASH_TSX === '1') return ['--import', 'tsx', 'src/cli/main.ts'];
  bundle ??= (async () => {
    const dir = join(REPO_ROOT, 'node_modules', '.cache', 'jiesu-crash', String(process.pid));
    mkdirSync(dir, { recursive: true });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const { build } = await import('esbuild');
    const outfile = join(dir, 'jiesu.mjs');
    await build({
      entryPoints: [join(REPO_ROOT, 'src', 'cli', 'main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return [await bundle];
}

export async function startServer(o: StartServerOptions): Promise<ServerProcess> {
  const port = o.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [...(await cliEntry()), 'serve', '--port', String(port), '--host', '127.0.0.1', '--no-demo'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, JIESU_DEMO_TICKETS: '0', LOG_LEVEL: 'warn', ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.timeoutMs ?? 180_000);
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready:\n${tail}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${tail}`);
    }
    try {
      const r = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    port,
    base,
    pid: child.pid ?? 0,
    child,
    exited,
    output: () => tail,
    kill: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
