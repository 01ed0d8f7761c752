/**
 * 智能受理建议 Everything an agent needs while a caller is still talking, in
 * one call: category, request type and urgency hints, the place, the units
 * to dispatch to, tickets that look like duplicates, and knowledge-base
 * answers for an inquiry.
 *
 * Text of any size is accepted; analysis reads its first few thousand
 * characters (the matter and the place are stated early, and a 100,000-
 * character paste must cost no more than a long complaint).
 */
import { type KnowledgeHit, searchKnowledge } from '../../db/repositories/knowledge.js';
import { AppError } from '../../domain/errors.js';
import { type TypeHint, typeHint, type UrgencyHint, urgencyHint } from '../../nlp/intake-hints.js';
import { placeParserFor } from '../../nlp/places/parser.js';
import type { PlaceResult } from '../../nlp/places/types.js';
import type { ServiceContext } from '../context.js';
import type { CategoryModel } from './category-model.js';
import { type CategorySuggestion, classifyCategory } from './classify-category.js';
import { type SimilarTicket, similarTickets } from './similar-tickets.js';
import { suggestUnits, type UnitSuggestion } from './suggest-units.js';

/** Characters of the text that are analysed. */
export const ANALYSED_CHARS = 4000;
/** Knowledge answers below this score are noise next to a complaint's many words. */
const KNOWLEDGE_MIN_SCORE = 0.6;

export interface SuggestInput {
  text: string;
  address?: string | null;
  /** similar tickets from this many days back (default 30) */
  days?: number;
}

export interface KnowledgeAnswer {
  id: number;
  question: string;
  answer: string;
  questionEn: string | null;
  answerEn: string | null;
  score: number;
  matched: string[];
}

export interface IntakeSuggestion {
  category: CategorySuggestion | null;
  categoryAlternatives: CategorySuggestion[];
  type: TypeHint;
  urgency: UrgencyHint;
  place: PlaceResult;
  units: UnitSuggestion[];
  similar: SimilarTicket[];
  knowledge: KnowledgeAnswer[];
  /** whether the category came from the trained model or only from keywords */
  model: 'loaded' | 'missing' | 'corrupt';
}

export function presentKnowledge(h: KnowledgeHit): KnowledgeAnswer {
  return {
    id: h.id,
    question: h.question,
    answer: h.answer,
    questionEn: h.question_en,
    answerEn: h.answer_en,
    score: h.score,
    matched: h.matched,
  };
}

function requireText(text: string): string {
  if (text.trim() === '') {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'text', code: 'required', message: '诉求内容不能为空 / text is required' },
    ]);
  }
  return text.length > ANALYSED_CHARS ? text.slice(0, ANALYSED_CHARS) : text;
}

/** The reduced suggestion of the citizen portal: category and place, nothing about other tickets. */
export async function suggestPublic(
  ctx: ServiceContext,
  model: CategoryModel,
  input: SuggestInput,
): Promise<Pick<IntakeSuggestion, 'category' | 'place'>> {
  const text = requireText(input.text);
  const ref = await ctx.reference.get();
  const place = placeParserFor(ref.areas).parse(text, input.address?.slice(0, ANALYSED_CHARS));
  const { best } = classifyCategory(ref.categories, model.predictor, text);
  return { category: best, place };
}

export async function suggestIntake(
  ctx: ServiceContext,
  model: CategoryModel,
  input: SuggestInput,
): Promise<IntakeSuggestion> {
  const text = requireText(input.text);
  const address = input.address?.slice(0, ANALYSED_CHARS) ?? null;
  const ref = await ctx.reference.get();
  const place = placeParserFor(ref.areas).parse(text, address);
  const { best, alternatives } = classifyCategory(ref.categories, model.predictor, text);
  const categoryId = best?.level === 2 ? best.id : null;
  const type = typeHint(text);
  const urgency = urgencyHint(text);
  // On PGlite these queue on its one connection; on PostgreSQL they run side by side.
  const [units, similar, knowledge] = await Promise.all([
    suggestUnits(ctx.db, ref, { categoryId, areaCode: place.code, townshipCode: place.townshipCode }),
    similarTickets(ctx.db, ref, {
      text: `${address ?? ''} ${text}`.trim(),
      townshipCode: place.townshipCode,
      areaCode: place.code,
      categoryId,
      now: ctx.clock(),
      days: input.days,
    }),
    searchKnowledge(ctx.db, { q: text, categoryId, limit: 3, minScore: KNOWLEDGE_MIN_SCORE }),
  ]);
  return {
    category: best,
    categoryAlternatives: alternatives,
    type,
    urgency,
    place,
    units,
    similar,
    knowledge: knowledge.map(presentKnowledge),
    model: model.status.state,
  };
}
