/**
 * Evaluation metrics against hand-computed values, folds, near-duplicate
 * grouping and cross-validation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignFolds, crossValidate, evaluate, nearDuplicateGroups } from '../../src/nlp/metrics.js';

describe('evaluate', () => {
  it('matches a hand-computed example', () => {
    // a: 2 of 3 right, b: 1 of 2 (one to c), c: 1 of 1; predicted a 2×, b 2×, c 2×.
    const e = evaluate(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'c', 'c']);
    expect(e.labels).toEqual(['a', 'b', 'c']);
    expect(e.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    const [a, b, c] = e.per_class;
    expect(a).toMatchObject({ label: 'a', support: 3 });
    expect(a!.precision).toBeCloseTo(1, 12);
    expect(a!.recall).toBeCloseTo(2 / 3, 12);
    expect(a!.f1).toBeCloseTo(0.8, 12);
    expect(b!.precision).toBeCloseTo(0.5, 12);
    expect(b!.recall).toBeCloseTo(0.5, 12);
    expect(b!.f1).toBeCloseTo(0.5, 12);
    expect(c!.precision).toBeCloseTo(0.5, 12);
    expect(c!.recall).toBeCloseTo(1, 12);
    expect(c!.f1).toBeCloseTo(2 / 3, 12);
    expect(e.macro_f1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('keeps the given label order, leaves unseen labels out of macro-F1, scores never-predicted as 0', () => {
    const e = evaluate(['x', 'y'], ['x', 'x'], ['y', 'x', 'z']);
    expect(e.labels).toEqual(['y', 'x', 'z']);
    expect(e.per_class[0]).toMatchObject({ label: 'y', precision: 0, recall: 0, f1: 0, support: 1 });
    // x: P = 1/2, R = 1, F1 = 2/3; z never seen: excluded.
    expect(e.macro_f1).toBeCloseTo((0 + 2 / 3) / 2, 12);
  });

  it('handles empty input and rejects mismatched lengths', () => {
    expect(evaluate([], [])).toMatchObject({ n: 0, accuracy: 0, macro_f1: 0 });
    expect(() => evaluate(['a'], [])).toThrow(RangeError);
  });
});

describe('assignFolds', () => {
  const labels = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 'rare' : 'common'));

  it('stratifies: every fold gets its share of each label', () => {
    const folds = assignFolds(labels, 5, 1);
    for (let f = 0; f < 5; f++) {
      const inFold = labels.filter((_, i) => folds[i] === f);
      expect(inFold.length).toBe(20);
      expect(inFold.filter((l) => l === 'rare').length).toBe(5);
    }
  });

  it('never splits a group, and is deterministic for a seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 10, maxLength: 80 }),
        fc.integer(),
        (groups, seed) => {
          const ls = groups.map((g) => `l${g % 3}`);
          const folds = assignFolds(ls, 3, seed, groups);
          const foldOf = new Map<number, number>();
          groups.forEach((g, i) => {
            if (foldOf.has(g)) expect(folds[i]).toBe(foldOf.get(g));
            foldOf.set(g, folds[i]!);
          });
          expect(assignFolds(ls, 3, seed, groups)).toEqual(folds);
        },
      ),
    );
  });

  it('rejects k < 2', () => {
    expect(() => assignFolds(['a', 'b'], 1, 1)).toThrow(RangeError);
  });
});

describe('nearDuplicateGroups', () => {
  const range = (from: number, to: number): Uint32Array =>
    Uint32Array.from({ length: to - from }, (_, i) => from + i);

  it('groups identical and highly similar sets, not dissimilar or empty ones', () => {
    const groups = nearDuplicateGroups([
      range(0, 100), // 0
      range(0, 100), // 1: identical to 0
      range(5, 100), // 2: Jaccard 0.95 with 0
      range(1000, 1100), // 3: disjoint
      range(1080, 1180), // 4: Jaccard 20/180 with 3
      new Uint32Array(0), // 5: empty
      new Uint32Array(0), // 6: empty
    ]);
    expect(groups[1]).toBe(groups[0]);
    expect(groups[2]).toBe(groups[0]);
    expect(groups[3]).not.toBe(groups[0]);
    expect(groups[4]).not.toBe(groups[3]);
    expect(groups[5]).not.toBe(groups[6]);
    expect(groups[0]).toBe(0);
  });
});

describe('crossValidate', () => {
  it('predicts every example once, by a model that did not train on it', () => {
    const examples = Array.from({ length: 30 }, (_, i) => ({ text: `t${i}`, label: i % 2 ? 'odd' : 'even' }));
    const seen: string[][] = [];
    const result = crossValidate(
      examples,
      3,
      (training) => {
        const texts = training.map((e) => e.text);
        seen.push(texts);
        return {
          predictLabel: (text: string) => {
            expect(texts).not.toContain(text);
            return Number(text.slice(1)) % 2 ? 'odd' : 'even';
          },
        };
      },
      { seed: 3 },
    );
    expect(seen).toHaveLength(3);
    expect(result.evaluation.accuracy).toBe(1);
    expect(result.predicted.every((p) => p !== '')).toBe(true);
  });
});
