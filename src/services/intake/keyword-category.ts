/**
 * Category by keywords 关键词分类: the fallback when no model is loaded, and
 * the refinement of a model that predicts only a level-1 category (the
 * TipDM corpus has seven). Each leaf's keywords, name and description words
 * (admin-editable, from the reference cache) are looked up in the text;
 * longer keywords count more, since 燃气泄漏 says more than 燃气.
 */
import type { CategoryRow } from '../../db/schema.js';
import { compact, normalise } from '../../nlp/normalise.js';

export interface KeywordMatch {
  categoryId: number;
  score: number;
  matched: string[];
}

interface LeafTerms {
  id: number;
  parentId: number | null;
  terms: string[];
}

const byCategories = new WeakMap<ReadonlyMap<number, CategoryRow>, LeafTerms[]>();

function leafTerms(categories: ReadonlyMap<number, CategoryRow>): LeafTerms[] {
  const hit = byCategories.get(categories);
  if (hit) return hit;
  const leaves: LeafTerms[] = [];
  for (const c of categories.values()) {
    if (c.level !== 2 || !c.active) continue;
    const terms = new Set<string>();
    for (const k of [...c.keywords, c.name]) {
      const t = compact(normalise(k));
      if (t.length >= 2) terms.add(t);
    }
    leaves.push({ id: c.id, parentId: c.parent_id, terms: [...terms] });
  }
  byCategories.set(categories, leaves);
  return leaves;
}

/**
 * Leaves ranked by keyword evidence, best first; only leaves with a hit.
 * `parentId` restricts the ranking to one level-1 category.
 */
export function keywordCategories(
  categories: ReadonlyMap<number, CategoryRow>,
  text: string,
  parentId: number | null = null,
): KeywordMatch[] {
  const flat = compact(normalise(text));
  const out: KeywordMatch[] = [];
  for (const leaf of leafTerms(categories)) {
    if (parentId !== null && leaf.parentId !== parentId) continue;
    const matched = leaf.terms.filter((t) => flat.includes(t));
    if (matched.length === 0) continue;
    // 2 chars → 1, 4 chars → 2: a sub-linear bonus for specific keywords.
    const score = matched.reduce((s, t) => s + Math.sqrt(t.length / 2), 0);
    out.push({ categoryId: leaf.id, score, matched });
  }
  return out.sort((a, b) => b.score - a.score || a.categoryId - b.categoryId);
}
