/**
 * PostgreSQL's own client programs (pg_dump, pg_restore, psql), found in
 * JIESU_PG_BIN, else the newest of Debian's /usr/lib/postgresql/<v>/bin
 * (a newer pg_dump reads older servers), else the PATH. The password never
 * goes on a command line, where `ps` would show it: it travels in PGPASSWORD.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../domain/errors.js';

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

export function pgToolPath(tool: PgTool, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.JIESU_PG_BIN?.trim();
  if (dir) {
    const path = join(dir, tool);
    if (!existsSync(path)) throw new AppError('TOOL_MISSING', { tool: path });
    return path;
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', tool)))
      .sort((a, b) => Number(a) - Number(b));
    const newest = versions[versions.length - 1];
    if (newest) return join(root, newest, 'bin', tool);
  }
  for (const p of (env.PATH ?? '').split(':')) {
    if (p && existsSync(join(p, tool))) return join(p, tool);
  }
  throw new AppError('TOOL_MISSING', { tool });
}

/** The URL without its password, and the environment that carries the password instead. */
export function connectionFor(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { url: u.toString(), env };
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** piped into the program's standard input */
  stdinFrom?: ChildProcess;
}

/** Runs a tool to completion; a non-zero exit becomes TOOL_FAILED with the last lines of its stderr. */
export function runTool(path: string, args: readonly string[], o: RunOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, {
      env: o.env ?? process.env,
      stdio: [o.stdinFrom ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    });
    if (o.stdinFrom?.stdout && child.stdin) o.stdinFrom.stdout.pipe(child.stdin);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (err) => reject(new AppError('TOOL_FAILED', { tool: path, reason: err.message })));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const reason = stderr.trim().split('\n').slice(-3).join(' / ') || `exit code ${code}`;
        reject(new AppError('TOOL_FAILED', { tool: path.split('/').pop() ?? path, reason }));
      }
    });
  });
}
