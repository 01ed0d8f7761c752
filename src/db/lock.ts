/**
 * The embedded database belongs to one process at a time: PGlite has no
 * shared-memory coordination, so two processes writing one data directory
 * would corrupt it. A lock file records the owner; a lock left by a process
 * that has died (SIGKILL, power loss) is taken over.
 */
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../domain/errors.js';

export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  boot: string;
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

function alive(owner: LockOwner): boolean {
  if (owner.host !== hostname() || owner.boot !== bootId()) return false;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed && typeof parsed === 'object' && 'pid' in parsed) return parsed as LockOwner;
  } catch {
    // unreadable or half-written: treated as stale
  }
  return null;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'db.lock');
  const me: LockOwner = { pid: process.pid, host: hostname(), boot: bootId() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const owner = readOwner(path);
        if (owner?.pid === process.pid && existsSync(path)) unlinkSync(path);
        process.off('exit', release);
      };
      process.on('exit', release);
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (owner && alive(owner)) throw new AppError('DATA_DIR_LOCKED', { dir: dataDir, pid: owner.pid });
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first; the next attempt decides
      }
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { dir: dataDir, pid: readOwner(path)?.pid ?? 0 });
}
