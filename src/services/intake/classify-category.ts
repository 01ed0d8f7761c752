/**
 * 智能分类 The suggested category of a request: the trained model when one
 * is loaded, refined or replaced by keyword matching. A model label may name
 * a leaf (its code), a level-1 category (code or name, as the TipDM-style
 * corpus does) or something unknown; each case ends at the most specific
 * category the evidence supports, never at an error.
 */
import type { CategoryRow } from '../../db/schema.js';
import type { CategoryPredictor } from './category-model.js';
import { type KeywordMatch, keywordCategories } from './keyword-category.js';

export interface CategorySuggestion {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: number;
  /** the level-1 category of a leaf */
  parentCode: string | null;
  confidence: number;
  source: 'model' | 'keywords' | 'model+keywords';
  matched: string[];
}

export interface CategoryResult {
  best: CategorySuggestion | null;
  alternatives: CategorySuggestion[];
}

function present(
  categories: ReadonlyMap<number, CategoryRow>,
  c: CategoryRow,
  confidence: number,
  source: CategorySuggestion['source'],
  matched: string[],
): CategorySuggestion {
  const parent = c.parent_id === null ? null : categories.get(c.parent_id);
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    level: c.level,
    parentCode: parent?.code ?? null,
    confidence: Math.round(confidence * 1000) / 1000,
    source,
    matched,
  };
}

/** Keyword evidence as a confidence: the lead over the runner-up, damped for a single weak hit. */
function keywordConfidence(matches: readonly KeywordMatch[], i: number): number {
  const m = matches[i];
  if (!m) return 0;
  const others = matches.reduce((s, x, j) => (j === i ? s : s + x.score), 0);
  return Math.min(0.9, m.score / (m.score + others + 1));
}

function findLabel(categories: ReadonlyMap<number, CategoryRow>, label: string): CategoryRow | null {
  const l = label.trim();
  for (const c of categories.values()) if (c.active && (c.code === l || c.name === l)) return c;
  return null;
}

function predict(predictor: CategoryPredictor | null, text: string): { label: string; score: number } | null {
  if (!predictor) return null;
  try {
    const p = predictor.predict(text);
    return typeof p.label === 'string' && Number.isFinite(p.score) && !p.empty ? p : null;
  } catch {
    // A model that throws on some input must not turn a suggestion into a 500.
    return null;
  }
}

export function classifyCategory(
  categories: ReadonlyMap<number, CategoryRow>,
  predictor: CategoryPredictor | null,
  text: string,
): CategoryResult {
  const prediction = predict(predictor, text);
  const labelled = prediction ? findLabel(categories, prediction.label) : null;
  if (prediction && labelled?.level === 2) {
    const matches = keywordCategories(categories, text);
    const k = matches.findIndex((m) => m.categoryId === labelled.id);
    const kw = k >= 0 ? matches[k] : undefined;
    // Two independent pieces of evidence agreeing: a many-class softmax alone reads low (0.1 for a clear
    // winner among 60 leaves), so the keywords' own confidence is combined as a noisy-OR.
    const confidence = kw
      ? 1 - (1 - prediction.score) * (1 - keywordConfidence(matches, k))
      : prediction.score;
    const best = present(
      categories,
      labelled,
      confidence,
      kw ? 'model+keywords' : 'model',
      kw?.matched ?? [],
    );
    const alternatives = keywordCategories(categories, text)
      .filter((m) => m.categoryId !== labelled.id)
      .slice(0, 2)
      .flatMap((m, i) => {
        const c = categories.get(m.categoryId);
        return c
          ? [
              present(
                categories,
                c,
                keywordConfidence([m], i) * (1 - prediction.score),
                'keywords',
                m.matched,
              ),
            ]
          : [];
      });
    return { best, alternatives };
  }
  // A level-1 label: choose its leaf by keywords, or stay at level 1.
  const parentId = prediction && labelled?.level === 1 ? labelled.id : null;
  const matches = keywordCategories(categories, text, parentId);
  const suggestions = matches.slice(0, 3).flatMap((m, i) => {
    const c = categories.get(m.categoryId);
    if (!c) return [];
    const confidence =
      parentId !== null && prediction
        ? prediction.score * (0.5 + 0.5 * keywordConfidence(matches, i))
        : keywordConfidence(matches, i);
    return [present(categories, c, confidence, parentId !== null ? 'model+keywords' : 'keywords', m.matched)];
  });
  if (suggestions.length === 0 && parentId !== null && labelled && prediction) {
    return { best: present(categories, labelled, prediction.score, 'model', []), alternatives: [] };
  }
  return { best: suggestions[0] ?? null, alternatives: suggestions.slice(1) };
}
