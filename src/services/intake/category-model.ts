/**
 * The category classifier 分类模型 the server loads at start: from
 * JIESU_MODEL, else `<data dir>/models/category.model`. A missing or
 * unreadable model is not fatal: the server logs one clear bilingual error,
 * serves everything else, and suggestion falls back to matching the
 * categories' keywords (see ./keyword-category.ts).
 *
 * The classifier itself belongs to src/nlp/classifier.ts; this module only
 * needs something with `predict(text) → { label, score }`, which keeps
 * suggestion testable with a stub and independent of the model format.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.js';

export interface CategoryPrediction {
  label: string;
  score: number;
  /** true when the text gave the model nothing to go on (only emoji, say): the label is a guess */
  empty?: boolean;
}

export interface CategoryPredictor {
  predict(text: string): CategoryPrediction;
}

export type ModelStatus =
  | { state: 'loaded'; path: string }
  | { state: 'missing' | 'corrupt'; path: string; reason: string };

export interface CategoryModel {
  status: ModelStatus;
  predictor: CategoryPredictor | null;
}

export type ModelLoader = (path: string) => Promise<CategoryPredictor>;

export function modelPath(config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.JIESU_MODEL?.trim();
  return fromEnv ? fromEnv : join(config.dataDir, 'models', 'category.model');
}

export async function loadCategoryModel(path: string, loader: ModelLoader): Promise<CategoryModel> {
  if (!existsSync(path)) {
    return { status: { state: 'missing', path, reason: 'file not found' }, predictor: null };
  }
  try {
    const predictor = await loader(path);
    // A model that loads but cannot predict is as corrupt as one that does not load.
    const probe = predictor.predict('测试');
    if (typeof probe?.label !== 'string') throw new Error('predict() returned no label');
    return { status: { state: 'loaded', path }, predictor };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { status: { state: 'corrupt', path, reason }, predictor: null };
  }
}

/** The start-up message for a model that could not be used, in both languages. */
export function modelProblem(status: ModelStatus): string | null {
  if (status.state === 'loaded') return null;
  const zh =
    status.state === 'missing'
      ? `未找到分类模型文件 ${status.path}，智能分类将退回关键词匹配（可用 jiesu train 训练，或设置 JIESU_MODEL）`
      : `分类模型文件 ${status.path} 无法读取（${status.reason}），智能分类将退回关键词匹配`;
  const en =
    status.state === 'missing'
      ? `Category model ${status.path} not found; suggestions fall back to keyword matching (train one with \`jiesu train\` or set JIESU_MODEL)`
      : `Category model ${status.path} is unreadable (${status.reason}); suggestions fall back to keyword matching`;
  return `${zh} / ${en}`;
}
