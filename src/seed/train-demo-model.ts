/**
 * The category model 分类模型 of a fresh demo installation, trained from the
 * demo tickets just generated (text → leaf category code), so the agent's
 * suggestions come from a model the moment `npm start` answers. A model file
 * already present (trained with `jiesu train` on real tickets, or set with
 * JIESU_MODEL) is never replaced.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { type LabelledText, saveModel, train } from '../nlp/classifier.js';

/** Enough examples per category for the demo's texts; more only lengthens the first start. */
const MAX_EXAMPLES = 6_000;

export interface DemoModelResult {
  path: string;
  examples: number;
  labels: number;
  ms: number;
}

export async function trainDemoModel(db: Db, path: string): Promise<DemoModelResult | null> {
  if (existsSync(path)) return null;
  const started = performance.now();
  // distinct texts, spread over the whole history by a stable hash of the number
  const rows = await sql<{ text: string; label: string }>`
    select distinct on (t.title, t.description) t.title || ' ' || t.description as text, c.code as label
    from tickets t join categories c on c.id = t.category_id
    where t.category_id is not null
    order by t.title, t.description, md5(t.number)
    limit ${MAX_EXAMPLES}`.execute(db);
  const examples: LabelledText[] = rows.rows;
  if (new Set(examples.map((e) => e.label)).size < 2) return null;
  const model = train(examples, { seed: 12345 });
  await mkdir(dirname(path), { recursive: true });
  await saveModel(model, path);
  return {
    path,
    examples: examples.length,
    labels: new Set(examples.map((e) => e.label)).size,
    ms: Math.round(performance.now() - started),
  };
}
