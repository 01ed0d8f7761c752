/**
 * Builds one migrated database with the reference data before the tests run,
 * and every test file starts from a copy of it: a PGlite dump loaded into
 * memory, or on PostgreSQL (DATABASE_URL) a `CREATE DATABASE … TEMPLATE`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedReference } from '../src/seed/seed-reference.js';
import { adminUrl, databaseUrl, templateName } from './support/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-test-'));
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateName();
    const admin = await openDatabase({ url: adminUrl(url), poolSize: 1 });
    await admin.pool.query(`drop database if exists ${template}`);
    await admin.pool.query(`create database ${template}`);
    const handle = await openDatabase({ url: databaseUrl(url, template), poolSize: 2 });
    await migrateToLatest(handle.db);
    await seedReference(handle.db);
    await handle.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.pool.query(`drop database if exists ${template} with (force)`);
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const handle = await openDatabase({ url: null, memory: {} });
  await migrateToLatest(handle.db);
  await seedReference(handle.db);
  const dump = await handle.pglite?.dumpDataDir('none');
  await handle.close();
  if (!dump) throw new Error('PGlite dump failed');
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return async () => rmSync(dir, { recursive: true, force: true });
}
