/**
 * A PostgreSQL server for benchmarks: DATABASE_URL when set, otherwise a
 * throwaway server from Debian's binaries in a temporary directory (as CI does).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchPostgres {
  url: string;
  /** a fresh database on that server */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function benchPostgres(): Promise<BenchPostgres> {
  let url = process.env.DATABASE_URL ?? '';
  let stop = () => {};
  if (!url) {
    const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
    const version = versions[versions.length - 1];
    if (!version) throw new Error('set DATABASE_URL or install PostgreSQL (apt-get install -y postgresql)');
    const bin = `/usr/lib/postgresql/${version}/bin`;
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-pg-'));
    const root = process.getuid?.() === 0;
    const as = (cmd: string, args: string[]) =>
      root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args]) : execFileSync(cmd, args);
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      chownSync(dir, uid, uid);
    }
    const port = await freePort();
    as(`${bin}/initdb`, [
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '-A',
      'trust',
      '-U',
      'postgres',
      '-D',
      `${dir}/data`,
    ]);
    as(`${bin}/pg_ctl`, [
      '-D',
      `${dir}/data`,
      '-l',
      `${dir}/log`,
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB`,
      'start',
    ]);
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stop = () => {
      const args = ['-D', `${dir}/data`, '-m', 'fast', 'stop'];
      if (root) spawnSync('runuser', ['-u', 'postgres', '--', `${bin}/pg_ctl`, ...args]);
      else spawnSync(`${bin}/pg_ctl`, args);
      rmSync(dir, { recursive: true, force: true });
    };
    console.log(`throwaway PostgreSQL ${version} on port ${port}`);
  }
  return {
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`create database ${name}`);
      await client.end();
      return withDatabase(url, name);
    },
    stop,
  };
}
