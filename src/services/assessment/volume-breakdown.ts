/**
 * 诉求量分布 Intake volumes of a period broken down by one dimension:
 * category (with its level-1 group), request type, channel, township, village
 * or Beijing hour of day. Read from the volume cube: a few rows per day.
 */
import type { Period } from '../../domain/assessment-period.js';
import {
  CHANNEL_LABELS,
  type Channel,
  type Label,
  REQUEST_TYPE_LABELS,
  type RequestType,
} from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import type { ReferenceData } from '../reference-cache.js';
import { type PeriodView, periodView } from './assess-units.js';
import type { VolumeDim } from './cube-sql.js';
import { volumes } from './read-cubes.js';
import { ensureFresh } from './refresh-assessment.js';

export interface BreakdownRow {
  key: string;
  label: Label;
  /** the level-1 category, or the township of a village */
  parent: { key: string; label: Label } | null;
  count: number;
  /** share of the period's tickets, 0–1 to 4 decimals */
  share: number;
}

export interface Breakdown {
  by: VolumeDim;
  period: PeriodView;
  total: number;
  upToDate: boolean;
  rows: BreakdownRow[];
}

const NONE: Label = { zh: '未填写', en: 'Not given' };

/** Areas have no English names; a township borrows its government's (泉河街道 → Quanhe Subdistrict). */
export function areaLabel(ref: ReferenceData, code: string): Label {
  const a = ref.areas.get(code);
  if (!a) return code === '' ? NONE : { zh: code, en: code };
  return { zh: a.name, en: ref.townshipUnits.get(code)?.name_en ?? a.name };
}

function describe(ref: ReferenceData, by: VolumeDim, key: string): Pick<BreakdownRow, 'label' | 'parent'> {
  switch (by) {
    case 'category': {
      const c = ref.categories.get(Number(key));
      if (!c) return { label: NONE, parent: null };
      const p = c.parent_id === null ? undefined : ref.categories.get(c.parent_id);
      return {
        label: { zh: c.name, en: c.name_en },
        parent: p ? { key: String(p.id), label: { zh: p.name, en: p.name_en } } : null,
      };
    }
    case 'type':
      return { label: REQUEST_TYPE_LABELS[key as RequestType] ?? { zh: key, en: key }, parent: null };
    case 'channel':
      return { label: CHANNEL_LABELS[key as Channel] ?? { zh: key, en: key }, parent: null };
    case 'township':
      return { label: areaLabel(ref, key), parent: null };
    case 'village': {
      const township = ref.areas.get(key)?.township_code ?? null;
      return {
        label: areaLabel(ref, key),
        parent: township && township !== key ? { key: township, label: areaLabel(ref, township) } : null,
      };
    }
    case 'hour':
      return { label: { zh: `${key} 时`, en: `${key.padStart(2, '0')}:00` }, parent: null };
  }
}

export async function volumeBreakdown(
  ctx: ServiceContext,
  o: { by: VolumeDim; period: Period },
): Promise<Breakdown> {
  const fresh = await ensureFresh(ctx);
  const ref = await ctx.reference.get();
  const counts = await volumes(ctx.db, o.by, o.period.range);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const rows: BreakdownRow[] = [...counts.entries()].map(([key, count]) => ({
    key,
    ...describe(ref, o.by, key),
    count,
    share: total > 0 ? Math.round((count / total) * 10_000) / 10_000 : 0,
  }));
  if (o.by === 'hour') rows.sort((a, b) => Number(a.key) - Number(b.key));
  else rows.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { by: o.by, period: periodView(o.period), total, upToDate: fresh.upToDate, rows };
}
