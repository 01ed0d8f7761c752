/**
 * The category classifier of smart intake: hashed character n-grams, tf-idf,
 * and a class-balanced one-vs-rest linear SVM (L2-regularised squared hinge,
 * dual coordinate descent as in LIBLINEAR). Chosen by grouped 5-fold
 * cross-validation over multinomial logistic regression, complement naive
 * Bayes and NB-SVM; see bench/classify.ts. Margins become probabilities by a
 * softmax with a fixed temperature.
 *
 * The model is 16-bit quantised in memory as on disk: the in-memory table is
 * what gets saved, so a reloaded model predicts bit-for-bit the same, and the
 * table (2^18 × (classes + 1) × 2 bytes) is small enough to stay in cache.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import {
  DEFAULT_FEATURES,
  documentFrequency,
  type FeatureOptions,
  Featuriser,
  inverseDocumentFrequency,
  type SparseVector,
  tfidf,
  weigh,
} from './features.js';
import { rng } from './metrics.js';
import { warmUp } from './normalise.js';

export interface LabelledText {
  text: string;
  label: string;
}

export interface TrainOptions {
  features?: Partial<FeatureOptions>;
  /** SVM cost; grouped CV was flat between 1 and 4. */
  C?: number;
  /** Seed of the example order in coordinate descent: same seed and input, same model. */
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface LabelScore {
  label: string;
  p: number;
}

export interface Prediction {
  /** The most likely label. */
  label: string;
  /** Its probability. */
  score: number;
  /** The top labels with probabilities, best first. */
  scores: LabelScore[];
  /** True when the text had nothing to go on (empty, only symbols or emoji): the label is a guess. */
  empty: boolean;
}

export interface ModelInfo {
  labels: string[];
  features: FeatureOptions;
  C: number;
  seed: number;
  /** Softmax temperature applied to margins. */
  temperature: number;
  /** Training examples per label. */
  support: Record<string, number>;
  trainedAt: string;
}

/** Measured to minimise out-of-fold log-loss on the corpus (bench/classify.ts). */
export const DEFAULT_TEMPERATURE = 5;
export const DEFAULT_C = 1;
/** LIBLINEAR's stopping tolerance on the projected gradient. */
const EPSILON = 0.1;
const MAX_PASSES = 300;
const Q = 32767;

export class Classifier {
  private readonly featuriser: Featuriser;
  private readonly nClasses: number;
  private readonly stride: number;
  private readonly acc: Float64Array;

  /**
   * @param table per hashed bucket, `stride` = classes + 1 int16s: the
   *   quantised idf, then the quantised weight of each class.
   */
  constructor(
    readonly info: ModelInfo,
    readonly table: Int16Array,
    readonly idfScale: number,
    readonly weightScales: Float64Array,
    readonly bias: Float64Array,
  ) {
    this.featuriser = new Featuriser(info.features);
    this.nClasses = info.labels.length;
    this.stride = this.nClasses + 1;
    this.acc = new Float64Array(this.nClasses);
    if (table.length !== this.featuriser.dim * this.stride) throw new RangeError('model table size mismatch');
    if (weightScales.length !== this.nClasses || bias.length !== this.nClasses) {
      throw new RangeError('model scales or biases do not match the labels');
    }
  }

  get labels(): readonly string[] {
    return this.info.labels;
  }

  /** Margins per class (label order) into `acc`; returns the number of features. */
  private margins(text: unknown): number {
    const f = this.featuriser;
    const n = f.fill(typeof text === 'string' ? text : '');
    const { bucket, count } = f;
    const { table, stride, acc, nClasses, idfScale } = this;
    let norm = 0;
    for (let k = 0; k < n; k++) {
      const w = tfidf(count[k]!, table[bucket[k]! * stride]! * idfScale);
      count[k] = w;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    acc.fill(0);
    for (let k = 0; k < n; k++) {
      const x = count[k]! * inv;
      const base = bucket[k]! * stride + 1;
      for (let c = 0; c < nClasses; c++) acc[c]! += table[base + c]! * x;
    }
    for (let c = 0; c < nClasses; c++) acc[c] = this.bias[c]! + acc[c]! * this.weightScales[c]!;
    return n;
  }

  /** The best label only: the fast path for bulk classification. */
  predictLabel(text: string): string {
    this.margins(text);
    let best = 0;
    for (let c = 1; c < this.nClasses; c++) if (this.acc[c]! > this.acc[best]!) best = c;
    return this.info.labels[best]!;
  }

  /** Label, its probability and the `topK` best labels with probabilities. */
  predict(text: string, topK = 3): Prediction {
    const n = this.margins(text);
    const t = this.info.temperature;
    let max = Number.NEGATIVE_INFINITY;
    for (const m of this.acc) max = Math.max(max, m);
    const e = Array.from(this.acc, (m) => Math.exp(t * (m - max)));
    const z = e.reduce((a, b) => a + b, 0);
    const all = this.info.labels.map((label, c) => ({ label, p: e[c]! / z }));
    all.sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
    const k = Math.max(1, Math.min(Number.isFinite(topK) ? Math.floor(topK) : 1, all.length));
    return { label: all[0]!.label, score: all[0]!.p, scores: all.slice(0, k), empty: n === 0 };
  }

  /** The model file: magic, format version, JSON header, deflated table, SHA-256 of all that. */
  serialise(): Buffer {
    const header: Header = {
      format: FORMAT,
      info: this.info,
      idfScale: this.idfScale,
      weightScales: [...this.weightScales],
      bias: [...this.bias],
    };
    const head = Buffer.from(JSON.stringify(header), 'utf8');
    const payload = deflateRawSync(
      Buffer.from(this.table.buffer, this.table.byteOffset, this.table.byteLength),
    );
    const lengths = Buffer.alloc(8);
    lengths.writeUInt32LE(head.length, 0);
    lengths.writeUInt32LE(payload.length, 4);
    const version = Buffer.alloc(4);
    version.writeUInt32LE(FORMAT_VERSION, 0);
    const body = Buffer.concat([MAGIC, version, lengths, head, payload]);
    return Buffer.concat([body, createHash('sha256').update(body).digest()]);
  }

  /** Parses a model file's bytes; any defect is AppError MODEL_INVALID naming `file`. */
  static deserialise(bytes: Uint8Array, file = '(buffer)'): Classifier {
    const bad = (reason: string): AppError => new AppError('MODEL_INVALID', { file, reason });
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const fixed = MAGIC.length + 12;
    if (buf.length < fixed + 32 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw bad('not a jiesu classifier model');
    }
    const version = buf.readUInt32LE(MAGIC.length);
    if (version !== FORMAT_VERSION)
      throw bad(`format version ${version}, this build reads ${FORMAT_VERSION}`);
    const body = buf.subarray(0, buf.length - 32);
    if (
      !createHash('sha256')
        .update(body)
        .digest()
        .equals(buf.subarray(buf.length - 32))
    ) {
      throw bad('checksum mismatch: the file is truncated or damaged');
    }
    const headLen = buf.readUInt32LE(MAGIC.length + 4);
    const payloadLen = buf.readUInt32LE(MAGIC.length + 8);
    if (fixed + headLen + payloadLen !== body.length) throw bad('section lengths do not add up');
    let header: Header;
    try {
      header = headerSchema.parse(JSON.parse(body.subarray(fixed, fixed + headLen).toString('utf8')));
    } catch (err) {
      throw bad(`bad header (${err instanceof Error ? err.message.slice(0, 200) : String(err)})`);
    }
    if (endianness() !== 'LE') throw bad('model files are little-endian; this host is not');
    const nC = header.info.labels.length;
    const expected = (1 << header.info.features.bits) * (nC + 1) * 2;
    let raw: Buffer;
    try {
      raw = inflateRawSync(body.subarray(fixed + headLen), { maxOutputLength: expected + 1 });
    } catch {
      throw bad('payload does not decompress');
    }
    if (raw.length !== expected || header.weightScales.length !== nC || header.bias.length !== nC) {
      throw bad('payload size does not match the header');
    }
    // Copy into an aligned buffer of its own (Int16Array needs even offsets).
    const table = new Int16Array(raw.length / 2);
    new Uint8Array(table.buffer).set(raw);
    try {
      return new Classifier(
        header.info,
        table,
        header.idfScale,
        Float64Array.from(header.weightScales),
        Float64Array.from(header.bias),
      );
    } catch (err) {
      throw bad(err instanceof Error ? err.message : String(err));
    }
  }
}

const MAGIC = Buffer.from('JIESUCLF', 'ascii');
const FORMAT = 'jiesu-category-classifier';
export const FORMAT_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(FORMAT),
  info: z.object({
    labels: z.array(z.string()).min(2).max(1000),
    features: z.object({
      bits: z.number().int().min(10).max(24),
      charMin: z.number().int().min(1),
      charMax: z.number().int().max(8),
      head: z.number().int().min(0),
    }),
    C: z.number(),
    seed: z.number(),
    temperature: z.number().positive(),
    support: z.record(z.string(), z.number()),
    trainedAt: z.string(),
  }),
  idfScale: z.number().positive(),
  weightScales: z.array(z.number()),
  bias: z.array(z.number()),
});
type Header = z.infer<typeof headerSchema>;

/** Loads a model file, building the normaliser's tables too so the first request is not slow. */
export async function loadModel(path: string): Promise<Classifier> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('MODEL_NOT_FOUND', { file: path });
    throw new AppError('MODEL_INVALID', { file: path, reason: code ?? String(err) });
  }
  const model = Classifier.deserialise(bytes, path);
  warmUp();
  return model;
}

export async function saveModel(model: Classifier, path: string): Promise<number> {
  const bytes = model.serialise();
  await writeFile(path, bytes);
  return bytes.length;
}

/**
 * Dual coordinate descent for one binary L2-loss SVM (Hsieh et al. 2008,
 * LIBLINEAR's solver 1, with shrinking). Rows have unit length; the bias is a
 * constant feature 1, regularised like the rest, as in LIBLINEAR.
 * Returns w with the bias in the last slot.
 */
function trainBinary(
  X: readonly SparseVector[],
  y: Int8Array,
  costPos: number,
  costNeg: number,
  dim: number,
  random: () => number,
): Float64Array {
  const n = X.length;
  const w = new Float64Array(dim + 1);
  const alpha = new Float64Array(n);
  const index = Array.from({ length: n }, (_, i) => i);
  const diagPos = 0.5 / costPos;
  const diagNeg = 0.5 / costNeg;
  // L2 loss has no upper bound on alpha, so only the lower bound shrinks.
  let pgMaxOld = Number.POSITIVE_INFINITY;
  let active = n;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let s = active - 1; s > 0; s--) {
      const j = Math.floor(random() * (s + 1));
      const t = index[s]!;
      index[s] = index[j]!;
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const { idx, val } = X[i]!;
      const yi = y[i]!;
      const diag = yi > 0 ? diagPos : diagNeg;
      let dot = w[dim]!;
      let sq = 1;
      for (let k = 0; k < idx.length; k++) {
        dot += w[idx[k]!]! * val[k]!;
        sq += val[k]! * val[k]!;
      }
      const a = alpha[i]!;
      const g = yi * dot - 1 + a * diag;
      let pg = 0;
      if (a === 0) {
        // Shrinking: at the bound and pushed outwards; skip until the final check.
        if (g > pgMaxOld) {
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else pg = g;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const next = Math.max(a - g / (sq + diag), 0);
        alpha[i] = next;
        const d = (next - a) * yi;
        for (let k = 0; k < idx.length; k++) w[idx[k]!]! += d * val[k]!;
        w[dim]! += d;
      }
    }
    if (pgMax - pgMin <= EPSILON) {
      if (active === n) break;
      // Converged on the shrunk set: one more round over everything to be sure.
      active = n;
      pgMaxOld = Number.POSITIVE_INFINITY;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Number.POSITIVE_INFINITY : pgMax;
  }
  return w;
}

function maxAbs(values: ArrayLike<number>, from: number, step: number): number {
  let m = 0;
  for (let i = from; i < values.length; i += step) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/** Trains a classifier. Deterministic for a given seed and example order. */
export function train(examples: readonly LabelledText[], options: TrainOptions = {}): Classifier {
  const features: FeatureOptions = { ...DEFAULT_FEATURES, ...options.features };
  const C = options.C ?? DEFAULT_C;
  const seed = options.seed ?? 1;
  const log = options.onProgress ?? (() => {});
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2) throw new RangeError('training needs at least two distinct labels');
  const featuriser = new Featuriser(features);
  const dim = featuriser.dim;
  const X = examples.map((e) => featuriser.vector(e.text));
  const idf = inverseDocumentFrequency(documentFrequency(X, dim), X.length);
  for (const x of X) weigh(x, idf);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const y = examples.map((e) => labelIndex.get(e.label)!);
  log(`features: ${examples.length} texts, ${dim} hashed dimensions`);

  const nC = labels.length;
  const stride = nC + 1;
  const table = new Int16Array(dim * stride);
  const idfScale = maxAbs(idf, 0, 1) / Q;
  for (let j = 0; j < dim; j++) table[j * stride] = Math.round(idf[j]! / idfScale);
  const weightScales = new Float64Array(nC);
  const bias = new Float64Array(nC);
  const support: Record<string, number> = {};
  const yc = new Int8Array(y.length);
  labels.forEach((label, c) => {
    let nPos = 0;
    y.forEach((v, i) => {
      yc[i] = v === c ? 1 : -1;
      if (v === c) nPos++;
    });
    support[label] = nPos;
    // Balanced one-vs-rest: a positive weighs as much as an average example
    // of the other classes, which lifts the recall of small classes (macro-F1
    // +0.4 points in grouped CV).
    const costPos = (C * (y.length - nPos)) / nPos / (nC - 1);
    const w = trainBinary(X, yc, costPos, C, dim, rng(seed * 7919 + c));
    const scale = maxAbs(w.subarray(0, dim), 0, 1) / Q || 1;
    weightScales[c] = scale;
    bias[c] = w[dim]!;
    for (let j = 0; j < dim; j++) table[j * stride + 1 + c] = Math.round(w[j]! / scale);
    log(`class ${c + 1}/${nC} ${label}: ${nPos} examples`);
  });
  const info: ModelInfo = {
    labels,
    features,
    C,
    seed,
    temperature: DEFAULT_TEMPERATURE,
    support,
    trainedAt: new Date().toISOString(),
  };
  return new Classifier(info, table, idfScale, weightScales, bias);
}
