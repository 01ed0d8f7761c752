/**
 * Types of the place parser 地点识别: what the gazetteer knows, what a scan of
 * a text finds, and what the parser answers.
 */

/** The fields of an `areas` row the parser needs (a division 行政区划 and its aliases). */
export interface PlaceArea {
  code: string;
  name: string;
  short_name: string;
  level: string;
  parent_code: string | null;
  township_code: string | null;
  aliases: string[];
}

/**
 * What a matched form names. `township` and `district` are divisions; a
 * `village` or `community` is a 12-digit division; the rest are places from
 * the landmark list whose code may be at any level.
 */
export type MentionKind =
  | 'district'
  | 'township'
  | 'village'
  | 'community'
  | 'residential'
  | 'landmark'
  | 'road';

/** One reading of a surface form. A form with readings in two towns is ambiguous. */
export interface Reading {
  code: string;
  kind: MentionKind;
  /** how much this form alone says the place is here, 0..1 */
  strength: number;
}

/** A form found in the text, with every reading of it. */
export interface Mention {
  form: string;
  start: number;
  end: number;
  source: 'text' | 'address';
  readings: Reading[];
  /**
   * The text says this is where the caller lives or works (家住…, …的居民),
   * which is weaker evidence of where the problem is than a bare mention.
   */
  residence: boolean;
}

export interface PlaceCandidate {
  code: string;
  name: string;
  level: string;
  confidence: number;
}

/**
 * The parser's answer. `code` is null when nothing was found or when an
 * ambiguous name could not be resolved; then `candidates` lists the choices.
 */
export interface PlaceResult {
  code: string | null;
  name: string | null;
  /** the division level of `code` (district, street, area, town, township, zone, community, village) */
  level: string | null;
  /** township-level code (9 digits) of `code`, for routing and per-town figures */
  townshipCode: string | null;
  confidence: number;
  /** the surface forms (normalised) that support the answer, in text order */
  matched: string[];
  /** true when a name fits places in more than one town and nothing in the text decided */
  ambiguous: boolean;
  candidates: PlaceCandidate[];
}

export const NO_PLACE: PlaceResult = {
  code: null,
  name: null,
  level: null,
  townshipCode: null,
  confidence: 0,
  matched: [],
  ambiguous: false,
  candidates: [],
};
