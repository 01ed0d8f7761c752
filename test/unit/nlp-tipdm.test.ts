/**
 * The classifier on the real TipDM 2020 corpus, when it is present next to
 * the repository (../shared/data/tipdm2020, or $TIPDM_DIR); skipped
 * otherwise. One grouped hold-out fold: near-duplicate reposts never straddle
 * training and test, as in the corpus's own held-out split.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/nlp/classifier.js';
import { readCorpus } from '../../src/nlp/corpus.js';
import { shingles } from '../../src/nlp/features.js';
import { assignFolds, evaluate, nearDuplicateGroups } from '../../src/nlp/metrics.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.env.TIPDM_DIR ?? resolve(here, '../../../shared/data/tipdm2020');
const present = existsSync(join(dir, 'train.jsonl')) && existsSync(join(dir, 'segmented-train.jsonl'));

describe.skipIf(!present)('TipDM 2020 corpus', () => {
  it('reaches macro-F1 ≥ 0.90 on a grouped held-out fold, raw texts included', async () => {
    const raw = (await readCorpus([join(dir, 'train.jsonl')])).examples;
    const seg = (await readCorpus([join(dir, 'segmented-train.jsonl')])).examples;
    const all = [...raw, ...seg];
    const groups = nearDuplicateGroups(all.map((e) => shingles(e.text)));
    const folds = assignFolds(
      all.map((e) => e.label),
      5,
      1,
      groups,
    );
    const model = train(all.filter((_, i) => folds[i] !== 0));
    const test = all.flatMap((e, i) => (folds[i] === 0 ? [{ e, raw: i < raw.length }] : []));
    const e = evaluate(
      test.map((t) => t.e.label),
      test.map((t) => model.predictLabel(t.e.text)),
    );
    expect(e.macro_f1).toBeGreaterThan(0.9);
    const rawTest = test.filter((t) => t.raw);
    const rawRight = rawTest.filter((t) => model.predictLabel(t.e.text) === t.e.label).length;
    expect(rawTest.length).toBeGreaterThan(40);
    expect(rawRight / rawTest.length).toBeGreaterThan(0.8);
  }, 120_000);
});
