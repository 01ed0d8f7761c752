/**
 * 文件存储 Where uploaded materials and issued certificates live: outside
 * the database, behind this interface, content-addressed by SHA-256 (the same
 * bytes are stored once, and a stored file cannot change under its name).
 * The default is local disk under `<dataDir>/files`; a district with object
 * storage plugs in its own store with `setFileStore`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.js';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStore {
  /** stores the bytes (once per content) and returns their address */
  put(bytes: Uint8Array): Promise<StoredFile>;
  /** the bytes at an address, or null when nothing is stored there */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Files at `<root>/ab/cd/<sha256>`: two levels of fan-out keep directories small. */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 address: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredFile> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, size: bytes.length };
    await mkdir(join(path, '..'), { recursive: true });
    // Write aside and rename: a reader never sees half a file, and two writers of the same
    // content both end with the whole file in place.
    const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, path);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256.test(sha256)) return null;
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }
}

// Keyed by the configuration object, which every context derived from one server shares.
const stores = new WeakMap<Config, FileStore>();

/** The file store of a server: the one set with setFileStore, else local disk under the data directory. */
export function fileStoreOf(ctx: { config: Config }): FileStore {
  let store = stores.get(ctx.config);
  if (!store) {
    store = new LocalFileStore(join(ctx.config.dataDir, 'files'));
    stores.set(ctx.config, store);
  }
  return store;
}

export function setFileStore(ctx: { config: Config }, store: FileStore): void {
  stores.set(ctx.config, store);
}
