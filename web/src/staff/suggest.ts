/**
 * Smart-intake suggestions (POST /api/intake/suggest) as the agent types.
 * The endpoint is built separately and may be missing (404) or still
 * changing shape, so the answer is read defensively: each kind of
 * suggestion may come as one object or a list, and unknown fields are
 * ignored. A 404 turns suggestions off for the rest of the visit.
 */
import { ApiError, api } from '../api/client';

export type SuggestionKind = 'category' | 'area' | 'unit' | 'similar' | 'knowledge';

export interface Suggestion {
  kind: SuggestionKind;
  /** category id, area code, unit id, ticket number, knowledge id */
  value: string;
  label: string;
  detail?: string;
  confidence?: number;
  /** the answer text of a knowledge item */
  answer?: string;
  ticketId?: number;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined =>
  typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined;
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

function listOf(data: Obj, ...names: string[]): Obj[] {
  for (const n of names) {
    const v = data[n];
    if (Array.isArray(v)) return v.filter(isObj);
    if (isObj(v)) return [v];
  }
  return [];
}

function name(o: Obj, lang: 'zh' | 'en'): string {
  const zh = str(o.name) ?? str(o.title) ?? str(o.label) ?? '';
  const en = str(o.nameEn) ?? str(o.name_en);
  return lang === 'en' && en ? en : zh;
}

export function parseSuggestions(data: unknown, lang: 'zh' | 'en'): Suggestion[] {
  if (!isObj(data)) return [];
  const out: Suggestion[] = [];
  for (const c of listOf(data, 'categories', 'category')) {
    const inner = isObj(c.category) ? c.category : c;
    const id = str(inner.id) ?? str(c.categoryId);
    if (id)
      out.push({
        kind: 'category',
        value: id,
        label: name(inner, lang),
        confidence: num(c.confidence) ?? num(c.score),
      });
  }
  for (const a of listOf(data, 'places', 'areas', 'place', 'area')) {
    const inner = isObj(a.area) ? a.area : a;
    const code = str(inner.code) ?? str(a.areaCode);
    if (code)
      out.push({ kind: 'area', value: code, label: name(inner, lang), confidence: num(a.confidence) });
  }
  for (const u of listOf(data, 'units', 'unit')) {
    const inner = isObj(u.unit) ? u.unit : u;
    const id = str(inner.id) ?? str(u.unitId);
    if (id) out.push({ kind: 'unit', value: id, label: name(inner, lang), confidence: num(u.confidence) });
  }
  for (const s of listOf(data, 'similar', 'similarTickets')) {
    const number = str(s.number);
    if (number)
      out.push({ kind: 'similar', value: number, label: number, detail: str(s.title), ticketId: num(s.id) });
  }
  for (const k of listOf(data, 'knowledge', 'answers')) {
    const id = str(k.id) ?? '';
    const answer = str(k.answer) ?? str(k.body) ?? str(k.text);
    if (answer)
      out.push({ kind: 'knowledge', value: id, label: str(k.title) ?? str(k.question) ?? id, answer });
  }
  return out.slice(0, 9);
}

export type SuggestState = 'idle' | 'on' | 'off';

export async function fetchSuggestions(
  body: { text: string; address?: string; areaCode?: string },
  lang: 'zh' | 'en',
  signal: AbortSignal,
): Promise<{ state: SuggestState; items: Suggestion[] }> {
  try {
    return {
      state: 'on',
      items: parseSuggestions(await api<unknown>('/api/intake/suggest', { body, signal }), lang),
    };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501))
      return { state: 'off', items: [] };
    throw e;
  }
}
