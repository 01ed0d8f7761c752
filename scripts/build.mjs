// Builds the server into one ESM file with esbuild (dependencies stay in
// node_modules) and the web app with Vite when it exists. Type checking is
// `npm run typecheck`; the build only transpiles, so it takes about a second.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const started = Date.now();
await build({
  // The import's worker threads start from a file of their own (see src/import/replay-pool.ts).
  entryPoints: { jiesu: 'src/cli/main.ts', 'import-worker': 'src/import/replay-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`server built in ${Date.now() - started} ms`);
if (existsSync('web/vite.config.ts') && process.env.JIESU_SKIP_WEB_BUILD !== '1') {
  const res = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
  console.log(`web built in ${Date.now() - started} ms`);
}
