/** Wire shapes of the assessment and analytics APIs (src/services/assessment/*), as the dashboard reads them. */
import type { Label, TicketSummary } from '../api/types';

export interface Rates {
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
  composite: number | null;
}

export interface UnitRow {
  unit: { id: number; code: string; name: string; nameEn: string; shortName: string; peerGroup: string };
  counts: { counted: number; unreachable: number; tickets: number };
  rates: Rates;
  rank: { rank: number; of: number } | null;
  change: { vsPrevious: Rates; vsBaseline: Rates };
}

export interface AssessmentTable {
  period: { label: string; from: string; to: string };
  baselineYear: number;
  groups: { group: string; label: Label; units: UnitRow[] }[];
  district: { rates: Rates; baseline: Rates; previous: Rates; counts: { counted: number } };
}

export interface Trend {
  baselineYear: number;
  baseline: Rates;
  months: { month: string; rates: Rates; received: number | null }[];
}

export interface Breakdown {
  total: number;
  rows: {
    key: string;
    label: Label;
    parent: { key: string; label: Label } | null;
    count: number;
    share: number;
  }[];
}

export interface HotTopics {
  topics: {
    title: string;
    township: { code: string; label: Label };
    category: { id: number; label: Label };
    size: number;
    previous: number;
    tickets: { id: number; number: string; title: string }[];
  }[];
}

export interface CellPage {
  total: number;
  items: TicketSummary[];
}

/** What a clicked figure stands for: the API call that lists its tickets. */
export interface Drill {
  title: string;
  path: string;
  query: Record<string, string | number | undefined>;
}

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
}
