#!/usr/bin/env node
// Gzipped size of what the citizen portal downloads on first load: the
// scripts index.html loads or preloads (staff screens and charts are lazy
// chunks and do not count). Fails above the budget (200 KB).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 200 * 1024;

export function firstLoadSize(dist = 'web/dist') {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const sizes = files.map((f) => ({
    file: f,
    gzip: gzipSync(readFileSync(join(dist, f)), { level: 9 }).length,
  }));
  return { files: sizes, total: sizes.reduce((n, s) => n + s.gzip, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, total } = firstLoadSize(process.argv[2]);
  for (const f of files) console.log(`${(f.gzip / 1024).toFixed(1).padStart(7)} KB  ${f.file}`);
  console.log(
    `${(total / 1024).toFixed(1).padStart(7)} KB  first load, gzip (budget ${BUDGET_BYTES / 1024} KB)`,
  );
  if (total > BUDGET_BYTES) process.exit(1);
}
