/**
 * Chinese full-text conditions over tickets: the word index
 * (`search_vector`, GIN) holds jieba words and character bigrams, so both
 * words and arbitrary substrings (费太高) are index look-ups; the vector and
 * the tsquery are built by the application (see src/nlp/search-terms.ts), so
 * PostgreSQL and PGlite match exactly the same lexemes.
 *
 * Rows not yet indexed (bulk-loaded, before `jiesu reindex` reached them)
 * are matched by substring on `search_text` instead, through pg_trgm's
 * trigram index and the partial index that lists exactly those rows, so a
 * search never silently misses them.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { normalise } from '../../nlp/normalise.js';
import { indexText, searchQuery } from '../../nlp/search-terms.js';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function contains(text: string): Expression<SqlBool> {
  return sql<boolean>`t.search_text ilike ${`%${escapeLike(text)}%`}`;
}

function matches(tsquery: string, opaque: boolean): Expression<SqlBool> {
  return opaque
    ? sql<boolean>`t.search_vector @@ (select ${tsquery}::tsquery)`
    : sql<boolean>`t.search_vector @@ ${tsquery}::tsquery`;
}

/**
 * The WHERE condition for a free-text query `q` over tickets aliased `t`.
 * `opaque` hides the words from the planner, which then assumes an average
 * share of matches (0.5 %) instead of multiplying the words' frequencies as
 * if they were independent: words that come together (公交 司机) match 30
 * times more tickets than that product, and a planner that believes the
 * product reads every match instead of combining the word index with a date
 * range. Same rows either way.
 */
export function ticketTextCondition(q: string, o: { opaque?: boolean } = {}): Expression<SqlBool> {
  const tsquery = searchQuery(q);
  // Nothing but symbols or emoji: look for what was typed, as typed.
  if (!tsquery) return contains(q.trim());
  // Not yet indexed: every part as a substring of the raw text (trigram index).
  const words = normalise(q).split(' ').filter(Boolean);
  const pending = sql<boolean>`(${sql.join(words.map(contains), sql` and `)})`;
  return sql<boolean>`(${matches(tsquery, o.opaque ?? false)} or (t.search_vector is null and ${pending}))`;
}

/** Relevance of a ticket to `q` (ts_rank over words and bigrams); 0 when nothing could be matched by words. */
export function ticketTextRank(q: string): RawBuilder<number> {
  const tsquery = searchQuery(q);
  if (!tsquery) return sql<number>`0::real`;
  return sql<number>`coalesce(ts_rank(t.search_vector, ${tsquery}::tsquery), 0)`;
}

/** The search columns of a ticket row being written: raw text and its word vector. */
export function ticketSearchColumns(
  title: string,
  description: string,
): { search_text: string; search_vector: RawBuilder<string> } {
  const { searchText, searchVector } = indexText(title, description);
  return { search_text: searchText, search_vector: sql<string>`${searchVector}::tsvector` };
}
