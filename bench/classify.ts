/**
 * Category classifier: training time, model size, load time, classification
 * throughput on one core against a baseline of only normalising and
 * tokenising the same texts (measured in the same run), and 5-fold
 * cross-validation, on the TipDM 2020 corpus when it is present.
 *   npx tsx bench/classify.ts [--data DIR] [--no-cv] [--seconds N]
 *   npm run bench -- classify [same options]
 * DIR defaults to $TIPDM_DIR, else ../shared/data/tipdm2020 next to the repo.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Classifier, type LabelledText, loadModel, saveModel, train } from '../src/nlp/classifier.js';
import { type Example, readCorpus } from '../src/nlp/corpus.js';
import { DEFAULT_FEATURES, Featuriser, shingles } from '../src/nlp/features.js';
import { crossValidate, evaluate, nearDuplicateGroups } from '../src/nlp/metrics.js';
import { warmUp } from '../src/nlp/normalise.js';
import { machine } from './support/stats.js';

interface Options {
  data: string;
  cv: boolean;
  seconds: number;
}

function parse(args: readonly string[]): Options {
  const get = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const here = dirname(fileURLToPath(import.meta.url));
  return {
    data: get('data') ?? process.env.TIPDM_DIR ?? resolve(here, '../../shared/data/tipdm2020'),
    cv: !args.includes('--no-cv'),
    seconds: Number(get('seconds') ?? 2),
  };
}

/** Wall and CPU milliseconds of a synchronous call. */
function measure<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

/** Texts per second of `fn` over `texts`, repeated for at least `seconds` (after one warm-up round). */
function rate(
  texts: readonly string[],
  seconds: number,
  fn: (text: string) => unknown,
): { wall: number; cpu: number } {
  for (const t of texts) fn(t);
  let n = 0;
  const m = measure(() => {
    const t0 = performance.now();
    do {
      for (const t of texts) fn(t);
      n += texts.length;
    } while (performance.now() - t0 < seconds * 1000);
  });
  return { wall: (n / m.wall) * 1000, cpu: (n / m.cpu) * 1000 };
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en');
const pct = (x: number): string => x.toFixed(4);

export async function run(args: readonly string[] = []): Promise<void> {
  const o = parse(args);
  const rawFile = join(o.data, 'train.jsonl');
  const segFile = join(o.data, 'segmented-train.jsonl');
  if (!existsSync(rawFile) || !existsSync(segFile)) {
    console.log(
      `classify: TipDM corpus not found in ${o.data} (set TIPDM_DIR or --data); nothing to measure`,
    );
    return;
  }
  console.log(`classify bench — ${machine()}`);
  const tables = measure(() => warmUp());
  console.log(`normaliser tables (once per process): ${tables.wall.toFixed(0)} ms`);

  const raw = (await readCorpus([rawFile])).examples;
  const seg = (await readCorpus([segFile])).examples;
  const both: Example[] = [...raw, ...seg];
  console.log(`corpus: ${raw.length} raw + ${seg.length} segmented texts`);

  const trained = measure(() => train(both));
  console.log(
    `train on both files: ${(trained.wall / 1000).toFixed(1)} s wall, ${(trained.cpu / 1000).toFixed(1)} s CPU`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-'));
  let model: Classifier;
  try {
    const file = join(dir, 'category.model');
    const bytes = await saveModel(trained.value, file);
    const t0 = performance.now();
    model = await loadModel(file);
    console.log(
      `model file: ${(bytes / 1024 / 1024).toFixed(2)} MB; load ${(performance.now() - t0).toFixed(0)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const texts = both.map((e) => e.text);
  const meanChars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  const featuriser = new Featuriser(DEFAULT_FEATURES);
  const baseline = rate(texts, o.seconds, (t) => featuriser.fill(t));
  const labelOnly = rate(texts, o.seconds, (t) => model.predictLabel(t));
  const full = rate(texts, o.seconds, (t) => model.predict(t));
  console.log(`throughput, one core, corpus texts (mean ${meanChars.toFixed(0)} chars):`);
  console.log(`  baseline normalise + n-grams: ${fmt(baseline.wall)}/s wall, ${fmt(baseline.cpu)}/s CPU`);
  console.log(
    `  predictLabel:                 ${fmt(labelOnly.wall)}/s wall, ${fmt(labelOnly.cpu)}/s CPU  (${(labelOnly.cpu / baseline.cpu).toFixed(2)}× baseline)`,
  );
  console.log(
    `  predict (top-3 + probabilities): ${fmt(full.wall)}/s wall, ${fmt(full.cpu)}/s CPU  (${(full.cpu / baseline.cpu).toFixed(2)}× baseline)`,
  );

  if (!o.cv) return;
  const groups = nearDuplicateGroups(both.map((e) => shingles(e.text)));
  const isRaw = both.map((_, i) => i < raw.length);
  for (const [name, g] of [
    ['grouped', groups],
    ['plain', undefined],
  ] as const) {
    const t0 = performance.now();
    const r = crossValidate(both, 5, (training) => train(training), { seed: 1, groups: g });
    const rawIdx = both.flatMap((_, i) => (isRaw[i] ? [i] : []));
    const rawEval = evaluate(
      rawIdx.map((i) => both[i]!.label),
      rawIdx.map((i) => r.predicted[i]!),
    );
    console.log(
      `5-fold CV, ${name.padEnd(7)}: accuracy ${pct(r.evaluation.accuracy)}, macro-F1 ${pct(r.evaluation.macro_f1)}` +
        `  (raw texts: accuracy ${pct(rawEval.accuracy)})  ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  // Raw-text check: a model that never saw raw text, on the raw file; then
  // stricter, without the segmented copies of those very messages.
  const rawGroups = new Set(groups.slice(0, raw.length));
  const strictSeg: LabelledText[] = seg.filter((_, i) => !rawGroups.has(groups[raw.length + i]!));
  for (const [name, training] of [
    ['segmented → raw', seg],
    ['segmented minus raw duplicates → raw', strictSeg],
  ] as const) {
    const m = train(training);
    const e = evaluate(
      raw.map((x) => x.label),
      raw.map((x) => m.predictLabel(x.text)),
    );
    console.log(
      `${name} (${training.length} training texts): accuracy ${pct(e.accuracy)}, macro-F1 ${pct(e.macro_f1)}`,
    );
  }
}

export default run;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await run(process.argv.slice(2));
