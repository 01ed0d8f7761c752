/**
 * The backup file is a plain POSIX tar (ustar) archive, so an operator can
 * look into it with `tar tvf`: `manifest.json` first, then the database
 * payload (`database.pgdump` or `database.tar.gz`). Only what backups need:
 * regular files, names under 100 bytes, streamed through file descriptors
 * so a multi-gigabyte dump never sits in memory.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

const BLOCK = 512;
const CHUNK = 1024 * 1024;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

export type EntrySource = { name: string; data: Buffer } | { name: string; file: string };

/** Writes the entries to `path` as a tar archive; returns the SHA-256 of each entry's content. */
export function writeArchive(path: string, entries: readonly EntrySource[]): Record<string, string> {
  const out = openSync(path, 'w', 0o600);
  const hashes: Record<string, string> = {};
  try {
    for (const entry of entries) {
      if (Buffer.byteLength(entry.name) >= 100) throw new Error(`archive entry name too long: ${entry.name}`);
      const hash = createHash('sha256');
      if ('data' in entry) {
        writeSync(out, header(entry.name, entry.data.length, new Date()));
        writeSync(out, entry.data);
        hash.update(entry.data);
        padTo(out, entry.data.length);
      } else {
        const input = openSync(entry.file, 'r');
        try {
          const size = fstatSync(input).size;
          writeSync(out, header(entry.name, size, new Date()));
          const buf = Buffer.alloc(CHUNK);
          let n = readSync(input, buf, 0, CHUNK, null);
          while (n > 0) {
            writeSync(out, buf, 0, n);
            hash.update(buf.subarray(0, n));
            n = readSync(input, buf, 0, CHUNK, null);
          }
          padTo(out, size);
        } finally {
          closeSync(input);
        }
      }
      hashes[entry.name] = hash.digest('hex');
    }
    writeSync(out, Buffer.alloc(BLOCK * 2, 0));
  } finally {
    closeSync(out);
  }
  return hashes;
}

function padTo(fd: number, size: number): void {
  const rest = size % BLOCK;
  if (rest > 0) writeSync(fd, Buffer.alloc(BLOCK - rest, 0));
}

export interface ArchiveEntry {
  name: string;
  size: number;
  /** byte offset of the content in the archive */
  offset: number;
}

/** Lists the entries of a tar archive; throws on anything that is not one. */
export function listArchive(path: string): ArchiveEntry[] {
  const fd = openSync(path, 'r');
  try {
    const total = fstatSync(fd).size;
    const entries: ArchiveEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let at = 0;
    while (at + BLOCK <= total) {
      readSync(fd, h, 0, BLOCK, at);
      if (h.every((b) => b === 0)) break;
      if (h.toString('ascii', 257, 262) !== 'ustar') throw new Error('not a tar archive');
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] ?? 0);
      if (sum !== Number.parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8)) {
        throw new Error('tar header checksum mismatch');
      }
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = Number.parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim(), 8);
      if (!Number.isSafeInteger(size) || at + BLOCK + size > total) throw new Error('truncated tar archive');
      entries.push({ name, size, offset: at + BLOCK });
      at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/** Reads a (small) entry into memory. */
export function readEntry(path: string, entry: ArchiveEntry): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(entry.size);
    let done = 0;
    while (done < entry.size) done += readSync(fd, buf, done, entry.size - done, entry.offset + done);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** Copies an entry to its own file (for pg_restore), returning the SHA-256 of its content. */
export function extractEntry(path: string, entry: ArchiveEntry, target: string): string {
  const input = openSync(path, 'r');
  const out = openSync(target, 'w', 0o600);
  const hash = createHash('sha256');
  try {
    const buf = Buffer.alloc(CHUNK);
    let done = 0;
    while (done < entry.size) {
      const n = readSync(input, buf, 0, Math.min(CHUNK, entry.size - done), entry.offset + done);
      if (n <= 0) throw new Error('truncated tar archive');
      writeSync(out, buf, 0, n);
      hash.update(buf.subarray(0, n));
      done += n;
    }
  } finally {
    closeSync(input);
    closeSync(out);
  }
  return hash.digest('hex');
}

export function sha256OfFile(path: string): string {
  const fd = openSync(path, 'r');
  const hash = createHash('sha256');
  try {
    const buf = Buffer.alloc(CHUNK);
    let n = readSync(fd, buf, 0, CHUNK, null);
    while (n > 0) {
      hash.update(buf.subarray(0, n));
      n = readSync(fd, buf, 0, CHUNK, null);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
