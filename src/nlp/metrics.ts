/**
 * Evaluation of a classifier: accuracy, per-class precision/recall/F1,
 * macro-F1, confusion matrix; and the folds of a k-fold cross-validation that
 * keep near-duplicate texts together, so a repost in the test fold cannot be
 * "recognised" from its twin in the training folds.
 */

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold examples of this class. */
  support: number;
}

export interface Evaluation {
  /** Number of examples. */
  n: number;
  accuracy: number;
  /** Unweighted mean of per-class F1 over classes with support or predictions. */
  macro_f1: number;
  per_class: ClassMetrics[];
  /** Label order of the confusion matrix rows (gold) and columns (predicted). */
  labels: string[];
  confusion: number[][];
}

/**
 * Scores predictions against gold labels. Labels come from `labels` (in that
 * order) plus any others met, sorted. A class never seen in gold nor predicted
 * is left out of macro-F1 (0/0 is not a failure); precision of a class never
 * predicted is 0.
 */
export function evaluate(
  gold: readonly string[],
  predicted: readonly string[],
  labels: readonly string[] = [],
): Evaluation {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted differ in length');
  const extra = [...new Set([...gold, ...predicted])].filter((l) => !labels.includes(l)).sort();
  const all = [...labels, ...extra];
  const index = new Map(all.map((l, i) => [l, i]));
  const confusion = all.map(() => all.map(() => 0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = index.get(gold[i]!)!;
    const p = index.get(predicted[i]!)!;
    confusion[g]![p]! += 1;
    if (g === p) correct++;
  }
  const per_class: ClassMetrics[] = [];
  let f1Sum = 0;
  let f1Count = 0;
  all.forEach((label, c) => {
    const tp = confusion[c]![c]!;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[c]!, 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    per_class.push({ label, precision, recall, f1, support });
    if (support || predictedCount) {
      f1Sum += f1;
      f1Count++;
    }
  });
  return {
    n: gold.length,
    accuracy: gold.length ? correct / gold.length : 0,
    macro_f1: f1Count ? f1Sum / f1Count : 0,
    per_class,
    labels: all,
    confusion,
  };
}

/** Small seeded PRNG (mulberry32): folds and training must be reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Assigns each example a fold 0..k-1. Examples sharing a group id share a
 * fold. Groups go, largest first, to the fold where their majority label is
 * least represented so far (relative to that label's total), which keeps the
 * folds stratified; ties go to the smallest fold. Without groups every example
 * is its own group, i.e. plain stratified k-fold.
 */
export function assignFolds(
  labels: readonly string[],
  k: number,
  seed: number,
  groups?: readonly number[],
): number[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer ≥ 2');
  const members = new Map<number, number[]>();
  labels.forEach((_, i) => {
    const g = groups ? groups[i]! : i;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const order = shuffle([...members.values()], rng(seed));
  order.sort((a, b) => b.length - a.length); // stable: equal sizes keep the shuffled order
  const labelTotal = new Map<string, number>();
  for (const l of labels) labelTotal.set(l, (labelTotal.get(l) ?? 0) + 1);
  const perFold = Array.from({ length: k }, () => new Map<string, number>());
  const size = new Array<number>(k).fill(0);
  const fold = new Array<number>(labels.length).fill(0);
  for (const group of order) {
    const counts = new Map<string, number>();
    for (const i of group) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
    const major = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    let best = 0;
    let bestKey = Number.POSITIVE_INFINITY;
    for (let f = 0; f < k; f++) {
      // Label share first; fold size (scaled below one label step) breaks ties.
      const key = (perFold[f]!.get(major) ?? 0) / labelTotal.get(major)! + size[f]! / (labels.length * k + 1);
      if (key < bestKey) {
        bestKey = key;
        best = f;
      }
    }
    for (const i of group) {
      fold[i] = best;
      perFold[best]!.set(labels[i]!, (perFold[best]!.get(labels[i]!) ?? 0) + 1);
    }
    size[best]! += group.length;
  }
  return fold;
}

/** Number of hash functions in a MinHash signature; bands × rows. */
const BANDS = 32;
const ROWS = 3;

/**
 * Groups near-duplicates: documents whose shingle sets (hashed, e.g. character
 * n-grams) have a Jaccard similarity of at least `threshold`, and, by
 * transitivity, their near-duplicates too. MinHash with LSH banding finds
 * candidate pairs; each candidate is checked with the signature estimate.
 * Returns a group id per document (the smallest member's index).
 */
export function nearDuplicateGroups(shingles: readonly Uint32Array[], threshold = 0.5): number[] {
  const n = shingles.length;
  const H = BANDS * ROWS;
  const random = rng(0x5eed);
  const a = Array.from({ length: H }, () => (Math.floor(random() * 0xffffffff) | 1) >>> 0);
  const b = Array.from({ length: H }, () => Math.floor(random() * 0xffffffff) >>> 0);
  const sig = new Uint32Array(n * H).fill(0xffffffff);
  for (let d = 0; d < n; d++) {
    const set = shingles[d]!;
    for (let h = 0; h < H; h++) {
      let min = 0xffffffff;
      for (let s = 0; s < set.length; s++) {
        let x = (Math.imul(set[s]!, a[h]!) + b[h]!) >>> 0;
        x = (x ^ (x >>> 15)) >>> 0;
        if (x < min) min = x;
      }
      sig[d * H + h] = min;
    }
  }
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const next = parent[x]!;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const similar = (p: number, q: number): boolean => {
    if (shingles[p]!.length === 0 || shingles[q]!.length === 0) return false;
    let same = 0;
    for (let h = 0; h < H; h++) if (sig[p * H + h] === sig[q * H + h]) same++;
    return same / H >= threshold;
  };
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    for (let d = 0; d < n; d++) {
      if (shingles[d]!.length === 0) continue;
      const off = d * H + band * ROWS;
      const key = Array.prototype.join.call(sig.subarray(off, off + ROWS), ',');
      const list = buckets.get(key);
      if (list) list.push(d);
      else buckets.set(key, [d]);
    }
    for (const list of buckets.values()) {
      for (let i = 1; i < list.length; i++) {
        for (let j = 0; j < i; j++) {
          if (find(list[i]!) !== find(list[j]!) && similar(list[i]!, list[j]!)) {
            const ri = find(list[i]!);
            const rj = find(list[j]!);
            parent[Math.max(ri, rj)] = Math.min(ri, rj);
          }
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => find(i));
}

export interface Predictor {
  predictLabel(text: string): string;
}

export interface CrossValidationOptions {
  seed?: number;
  /** Group id per example (e.g. from `nearDuplicateGroups`): a group never straddles folds. */
  groups?: readonly number[];
  onFold?: (fold: number, k: number, trainSize: number, testSize: number) => void;
}

export interface CrossValidationResult {
  evaluation: Evaluation;
  /** Out-of-fold prediction per example. */
  predicted: string[];
  folds: number[];
}

/**
 * k-fold cross-validation: for each fold, train a model on the other folds
 * and predict the held-out one; every example is predicted exactly once by a
 * model that never saw it (nor, with groups, its near-duplicates).
 */
export function crossValidate<E extends { text: string; label: string }>(
  examples: readonly E[],
  k: number,
  trainFold: (training: E[], fold: number) => Predictor,
  options: CrossValidationOptions = {},
): CrossValidationResult {
  const labels = examples.map((e) => e.label);
  const folds = assignFolds(labels, k, options.seed ?? 1, options.groups);
  const predicted = new Array<string>(examples.length).fill('');
  for (let f = 0; f < k; f++) {
    const training = examples.filter((_, i) => folds[i] !== f);
    const testIdx = folds.flatMap((g, i) => (g === f ? [i] : []));
    options.onFold?.(f, k, training.length, testIdx.length);
    if (testIdx.length === 0) continue;
    const model = trainFold(training, f);
    for (const i of testIdx) predicted[i] = model.predictLabel(examples[i]!.text);
  }
  const order = [...new Set(labels)].sort();
  return { evaluation: evaluate(labels, predicted, order), predicted, folds };
}
