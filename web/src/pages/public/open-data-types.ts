/** Wire shapes of the public open-data API (src/services/assessment/open-data.ts, profile-indicators.ts). */
import type { Label } from '../../api/types';
import type { Rates } from '../../dashboard/types';

export interface OpenSummary {
  asOf: string;
  totals: { received: number; receivedThisYear: number; assessedThisYear: number };
  thisYear: Rates;
  baseline: { year: number; rates: Rates };
}

export interface OpenAreas {
  period: { label: string };
  townships: { code: string; label: Label; received: number; assessed: number; rates: Rates }[];
}

export interface Indicator {
  code: string;
  name: Label;
  value: number;
  unit: Label;
  source: string;
  sourceUrl: string | null;
  asOf: string;
}
