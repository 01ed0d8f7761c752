/**
 * Kysely types of smart intake 智能受理, in step with migration
 * 2026-11-28T0330-intake-search: the knowledge base. Spread into `Database`
 * in ./schema.ts.
 *
 * The migration also adds `tickets.search_vector`, which is deliberately not
 * declared on TicketsTable: code that builds whole ticket rows (imports, the
 * demo generator) must not have to know about it, and only the full-text
 * repository (ticket-fulltext.ts) reads or writes it, through SQL.
 */
import type { ColumnType, Generated } from 'kysely';

type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
/** A tsvector: read as its text form; written through to_tsvector(...) expressions. */
type TsVector = ColumnType<string | null, string | null | undefined, string | null>;

export interface KnowledgeArticlesTable {
  id: Generated<number>;
  question: string;
  answer: string;
  question_en: string | null;
  answer_en: string | null;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  category_id: number | null;
  active: Generated<boolean>;
  /** question, keywords and answer, normalised: what trigram matching runs on */
  search_text: Generated<string>;
  search_vector: TsVector;
  updated_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface IntakeTables {
  knowledge_articles: KnowledgeArticlesTable;
}
