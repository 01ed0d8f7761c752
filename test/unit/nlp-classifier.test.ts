/**
 * The category classifier on a small synthetic corpus: it learns, predicts
 * well-formed results for hostile input, serialises and reloads bit for bit,
 * and refuses damaged or missing model files with clear error codes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/errors.js';
import {
  Classifier,
  FORMAT_VERSION,
  type LabelledText,
  loadModel,
  saveModel,
  train,
} from '../../src/nlp/classifier.js';
import { rng } from '../../src/nlp/metrics.js';

const VOCAB: Record<string, string[]> = {
  交通运输: ['公交车', '地铁站', '红绿灯', '道路拥堵', '出租车', '停车位', '驾驶员'],
  环境保护: ['噪音', '污染', '垃圾焚烧', '臭味', '排放', '扬尘', '污水'],
  教育文体: ['学校', '老师', '学生', '学费', '幼儿园', '课外班', '体育馆'],
};
const FILLER = ['小区', '希望', '尽快', '处理', '反映', '居民', '附近', '问题'];

/** Synthetic messages: half raw with punctuation, half pre-segmented with spaces. */
function corpus(perClass: number, seed: number): LabelledText[] {
  const random = rng(seed);
  const pick = (words: string[]): string => words[Math.floor(random() * words.length)]!;
  const out: LabelledText[] = [];
  for (const [label, words] of Object.entries(VOCAB)) {
    for (let i = 0; i < perClass; i++) {
      const tokens = Array.from({ length: 8 }, (_, j) => (j % 3 === 0 ? pick(words) : pick(FILLER)));
      out.push({
        label,
        text: i % 2 ? tokens.join(' ') : `${tokens.slice(0, 4).join('')}，${tokens.slice(4).join('')}！`,
      });
    }
  }
  return out;
}

let model: Classifier;

/** Byte equality: toEqual walks a million-element typed array one element at a time. */
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const dir = mkdtempSync(join(tmpdir(), 'jiesu-model-'));

beforeAll(() => {
  model = train(corpus(40, 1), { seed: 7 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(err) ? err.code : err).toBe(code);
}

describe('train and predict', () => {
  it('learns the synthetic classes', () => {
    const test = corpus(30, 99);
    const right = test.filter((e) => model.predictLabel(e.text) === e.label).length;
    expect(right / test.length).toBeGreaterThan(0.95);
    expect(model.labels).toEqual(['交通运输', '教育文体', '环境保护']);
    expect(model.info.support).toEqual({ 交通运输: 40, 教育文体: 40, 环境保护: 40 });
  });

  it('returns the label, its probability and the top-k, best first, summing to 1', () => {
    const p = model.predict('工地夜间施工噪音扰民，扬尘严重', 3);
    expect(p.label).toBe('环境保护');
    expect(p.score).toBe(p.scores[0]!.p);
    expect(p.scores.map((s) => s.label)[0]).toBe('环境保护');
    expect(p.scores.reduce((a, s) => a + s.p, 0)).toBeCloseTo(1, 10);
    for (let i = 1; i < p.scores.length; i++)
      expect(p.scores[i - 1]!.p).toBeGreaterThanOrEqual(p.scores[i]!.p);
    expect(model.predict('学校', 1).scores).toHaveLength(1);
    expect(model.predict('学校', 0).scores).toHaveLength(1);
    expect(model.predict('学校', 99).scores).toHaveLength(3);
  });

  it('classifies traditional, full-width and segmented forms alike', () => {
    expect(model.predict('學校學費太貴，幼兒園老師').label).toBe('教育文体');
    expect(model.predictLabel('公交车 红绿灯 道路拥堵')).toBe('交通运输');
    expect(model.predictLabel('ｇｏｏｄ 公交车红绿灯 please fix')).toBe('交通运输');
  });

  it('survives empty, blank, emoji-only, non-string and 100,000-character input', () => {
    for (const text of ['', '   \n\t', '😀😀🎉', '!!!???']) {
      const p = model.predict(text);
      expect(p.empty).toBe(true);
      expect(model.labels).toContain(p.label);
      expect(Number.isFinite(p.score)).toBe(true);
    }
    expect(model.predict(undefined as unknown as string).empty).toBe(true);
    const huge = model.predict('噪音污染'.repeat(25_000));
    expect(huge.label).toBe('环境保护');
    expect(huge.empty).toBe(false);
  });

  it('is deterministic for a seed', () => {
    const again = train(corpus(40, 1), { seed: 7 });
    expect(sameBytes(again.table, model.table)).toBe(true);
    expect(sameBytes(again.bias, model.bias)).toBe(true);
  });

  it('needs two labels', () => {
    expect(() => train([{ text: '一', label: 'a' }])).toThrow(RangeError);
  });
});

describe('model file', () => {
  it('serialises and reloads identically', async () => {
    const file = join(dir, 'm.model');
    const bytes = await saveModel(model, file);
    expect(bytes).toBeGreaterThan(100);
    const loaded = await loadModel(file);
    expect(loaded.info).toEqual(model.info);
    expect(sameBytes(loaded.table, model.table)).toBe(true);
    expect(loaded.serialise().equals(model.serialise())).toBe(true);
    for (const e of corpus(5, 3)) expect(loaded.predict(e.text)).toEqual(model.predict(e.text));
  });

  it('rejects a truncated, damaged, foreign or empty file with MODEL_INVALID', async () => {
    const good = model.serialise();
    const cases: Record<string, Buffer> = {
      truncated: good.subarray(0, Math.floor(good.length / 2)),
      lastByteMissing: good.subarray(0, good.length - 1),
      flippedByte: Buffer.from(good).fill(0x55, 100, 101),
      empty: Buffer.alloc(0),
      json: Buffer.from('{"labels":["a","b"]}'),
    };
    const future = Buffer.from(good);
    future.writeUInt32LE(FORMAT_VERSION + 1, 8);
    cases.future = future;
    for (const [name, bytes] of Object.entries(cases)) {
      const file = join(dir, `${name}.model`);
      writeFileSync(file, bytes);
      await expectCode(loadModel(file), 'MODEL_INVALID');
    }
    expect(() => Classifier.deserialise(cases.flippedByte!, 'x')).toThrow(/checksum/);
    expect(() => Classifier.deserialise(cases.future!, 'x')).toThrow(/format version/);
  });

  it('reports a missing file as MODEL_NOT_FOUND and a directory as MODEL_INVALID', async () => {
    await expectCode(loadModel(join(dir, 'nope.model')), 'MODEL_NOT_FOUND');
    await expectCode(loadModel(dir), 'MODEL_INVALID');
  });
});
