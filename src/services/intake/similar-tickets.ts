/**
 * 相似工单 Tickets about the same place and matter within a time window: to
 * propose a merge 合并 at intake, and to find clusters for 每月一题. The
 * window defaults to 30 days, the span in which a repeat call about one
 * problem is usually a duplicate rather than a new occurrence.
 */
import type { Executor } from '../../db/database.js';
import { findSimilarTickets } from '../../db/repositories/similar-tickets.js';
import type { ReferenceData } from '../reference-cache.js';

export const DEFAULT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface SimilarTicket {
  id: number;
  number: string;
  title: string;
  state: string;
  type: string;
  areaCode: string | null;
  areaName: string | null;
  categoryId: number | null;
  categoryName: string | null;
  mainUnitId: number | null;
  mainUnitName: string | null;
  receivedAt: string;
  /** trigram similarity of the texts, 0..1 */
  similarity: number;
  /** similarity plus the bonus for the same category and village; what the list is sorted by */
  score: number;
}

export interface SimilarOptions {
  text: string;
  townshipCode: string | null;
  areaCode: string | null;
  categoryId: number | null;
  now: Date;
  days?: number;
  limit?: number;
  excludeId?: number | null;
}

export async function similarTickets(
  db: Executor,
  ref: ReferenceData,
  o: SimilarOptions,
): Promise<SimilarTicket[]> {
  const days = Math.min(365, Math.max(1, o.days ?? DEFAULT_WINDOW_DAYS));
  const rows = await findSimilarTickets(db, {
    text: o.text,
    townshipCode: o.townshipCode,
    areaCode: o.areaCode,
    categoryId: o.categoryId,
    since: new Date(o.now.getTime() - days * DAY_MS),
    excludeId: o.excludeId ?? null,
    limit: Math.min(50, Math.max(1, o.limit ?? 5)),
  });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    state: r.state,
    type: r.type,
    areaCode: r.area_code,
    areaName: r.area_code ? (ref.areas.get(r.area_code)?.name ?? null) : null,
    categoryId: r.category_id,
    categoryName: r.category_id !== null ? (ref.categories.get(r.category_id)?.name ?? null) : null,
    mainUnitId: r.main_unit_id,
    mainUnitName: r.main_unit_id !== null ? (ref.units.get(r.main_unit_id)?.name ?? null) : null,
    receivedAt: new Date(r.received_at).toISOString(),
    similarity: Math.round(r.similarity * 1000) / 1000,
    score: Math.round(r.score * 1000) / 1000,
  }));
}
