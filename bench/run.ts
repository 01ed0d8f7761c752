/**
 * `npm run bench -- <name> [options]` runs bench/<name>.ts. Every benchmark
 * prints its figures and a ratio against a baseline measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(name ? 1 : 0);
}
const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as {
  default: (args: string[]) => Promise<void>;
};
await mod.default(args);
