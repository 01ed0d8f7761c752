/**
 * Realistic legacy rows for the import benchmark and tests: the demo
 * generator (src/seed/demo) plays N tickets in memory — texts, places,
 * callers, routing, returns, extensions, co-handlers, callbacks, reopening,
 * the sweep's cards — and each is written out in the interchange format as
 * `jiesu export` would write it. Ids are 1…N, so importing the rows into a
 * fresh database must reproduce the generator's rows, events and hashes.
 */
import { eventRow } from '../../src/db/repositories/ticket-events.js';
import type { EventRow } from '../../src/db/schema.js';
import { formatTicketNumber } from '../../src/domain/ticket-number.js';
import { Lookups } from '../../src/import/lookups.js';
import { type LegacyRow, toLegacy } from '../../src/import/to-legacy.js';
import type { PersonalDataCipher } from '../../src/security/personal-data.js';
import { DemoGenerator } from '../../src/seed/demo/generator.js';
import type { TicketHistory } from '../../src/seed/demo/history.js';
import { Random } from '../../src/seed/demo/random.js';
import { planDays, timesOfDay } from '../../src/seed/demo/timeline.js';
import type { ReferenceData } from '../../src/services/reference-cache.js';
import type { SweepSettings } from '../../src/services/sweep/ticket-clocks.js';

export interface LegacyRowsOptions {
  ref: ReferenceData;
  cipher: PersonalDataCipher;
  sweep: SweepSettings;
  rows: number;
  seed?: number;
  since?: string;
  until: Date;
  prefix?: string;
}

function eventRows(h: TicketHistory): EventRow[] {
  return h.events.map((e, i) => ({
    ...eventRow(e, i + 1, e.hash),
    data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>,
  }));
}

/** Yields each generated ticket's history and its legacy row, in intake order, with ids 1…N. */
export function* legacyRows(o: LegacyRowsOptions): Generator<{ history: TicketHistory; row: LegacyRow }> {
  const seed = o.seed ?? 20241126;
  const generator = new DemoGenerator({
    ref: o.ref,
    cipher: o.cipher,
    seed,
    until: o.until,
    satisfaction: { basicWeight: 0.8 },
    sweep: o.sweep,
  });
  const timing = new Random(seed, 'timeline');
  const plans = planDays(generator, o.since ?? '2023-01', o.until, o.rows, timing);
  const lookups = new Lookups(o.ref);
  const numbers = new Map<number, string>();
  const prefix = o.prefix ?? 'HR';
  let id = 0;
  for (const plan of plans) {
    let sequence = 0;
    for (const receivedAt of timesOfDay(timing, plan, o.until.getTime())) {
      if (id >= o.rows) return;
      id++;
      sequence++;
      const number = formatTicketNumber(prefix, receivedAt, sequence);
      numbers.set(id, number);
      const history = generator.ticket(plan.day, id, number, receivedAt);
      const co = history.coUnitIds();
      const row = toLegacy(history.row, eventRows(history), co, {
        ref: o.ref,
        lookups,
        cipher: o.cipher,
        numbers,
      });
      yield { history, row };
    }
  }
}
