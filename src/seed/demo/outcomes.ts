/**
 * How each dispatch round turns out: sign, first contact and reply on time
 * or late, and the callback (回访): reached, resolved, how satisfied. The
 * chances follow the monthly targets of distributions.ts, shifted per unit
 * (some units are better, some improve faster) and per category (wages and
 * homesteads are hard); a calibration shift per month puts the district-wide
 * mean back on the target, so the yearly figures come out as reported.
 */
import type { Satisfaction } from '../../domain/vocabulary.js';
import {
  logit,
  type Metric,
  type SatisfactionModel,
  satisfactionShares,
  sigmoid,
  targetAt,
} from './distributions.js';
import type { HandlingUnits } from './handling-units.js';
import type { Round } from './lifecycle.js';
import { Dither2, Random } from './random.js';

/** Reopened (重办) share of reached, unresolved callbacks. */
const REOPEN_SHARE = 0.18;
const UNREACHABLE = 0.05;

/** A slice of the expected ticket mix: its weight, main unit and category ease. */
export interface MixEntry {
  weight: number;
  unitId: number;
  ease: number;
}

export class OutcomeModel {
  private readonly dither: Dither2;
  private readonly targets = new Map<string, number>();
  private readonly shifts = new Map<string, number>();
  private readonly mix: MixEntry[];

  constructor(
    private readonly seed: number,
    private readonly r: Random,
    private readonly units: HandlingUnits,
    mix: readonly MixEntry[],
    private readonly satisfaction: SatisfactionModel,
  ) {
    this.dither = new Dither2(new Random(seed, 'outcomes'));
    // Entries with the same unit and ease behave alike: merged, the calibration has far fewer terms.
    const merged = new Map<string, MixEntry>();
    for (const e of mix) {
      const key = `${e.unitId}:${e.ease}`;
      const m = merged.get(key);
      if (m) m.weight += e.weight;
      else merged.set(key, { ...e });
    }
    this.mix = [...merged.values()];
  }

  /** The first round, and a second when the callback is unresolved and the ticket is reopened. */
  rounds(
    year: number,
    month: number,
    unitId: number,
    ease: number,
    reply: (resolved: boolean) => string,
  ): Round[] {
    const r = this.r;
    const unit = this.units.effect(unitId, year);
    const onTime = (metric: Metric) =>
      r.chance(sigmoid(logit(this.target(metric, year, month)) + unit * 0.6));
    const resolution = this.target('resolution', year, month);
    const satisfaction = this.target('satisfaction', year, month);
    const draw = (target: number): Round => {
      const [u, v] = this.dither.next();
      const resolved = u < sigmoid(logit(target) + this.shift(year, target) + unit + ease);
      const shares = satisfactionShares(resolved, resolution, satisfaction, this.satisfaction);
      const level: Satisfaction =
        v < shares.satisfied
          ? 'satisfied'
          : v < shares.satisfied + shares.basic
            ? 'basically_satisfied'
            : 'unsatisfied';
      const reached = !r.chance(UNREACHABLE);
      return {
        signOnTime: onTime('signOnTime'),
        responseOnTime: onTime('response'),
        replyOnTime: onTime('replyOnTime'),
        reply: reply(resolved),
        outcome: reached ? { reached, resolved, satisfaction: level } : { reached },
      };
    };
    // First callbacks resolve a little less than the month's target, so that with reopened tickets
    // resolved in their second round the year's final figure meets it: p1 + (1 − p1)·ρ·T = T.
    const first = draw((resolution * (1 - REOPEN_SHARE)) / (1 - REOPEN_SHARE * resolution));
    if (first.outcome.reached && first.outcome.resolved === false && r.chance(REOPEN_SHARE)) {
      return [first, draw(resolution)];
    }
    return [first];
  }

  /** A metric's monthly target with a little noise of its own, so monthly curves are not ruler-straight. */
  target(metric: Metric, year: number, month: number): number {
    const key = `${metric}:${year}:${month}`;
    let value = this.targets.get(key);
    if (value === undefined) {
      const noise = new Random(this.seed, key).normal() * 0.012;
      value = Math.min(0.995, Math.max(0.05, targetAt(metric, year, month) + noise));
      this.targets.set(key, value);
    }
    return value;
  }

  /**
   * The logit shift c with mean over the mix of sigmoid(logit(p) + c + unit + ease) = p: unit and
   * category effects spread the chances, and spreading alone moves the mean toward one half.
   */
  private shift(year: number, p: number): number {
    const key = `${year}:${p}`;
    const cached = this.shifts.get(key);
    if (cached !== undefined) return cached;
    const base = logit(p);
    const total = this.mix.reduce((a, e) => a + e.weight, 0);
    const offsets = this.mix.map((e) => ({
      w: e.weight / total,
      x: base + this.units.effect(e.unitId, year) + e.ease,
    }));
    let lo = -3;
    let hi = 3;
    for (let i = 0; i < 32; i++) {
      const c = (lo + hi) / 2;
      const mean = offsets.reduce((a, o) => a + o.w * sigmoid(o.x + c), 0);
      if (mean < p) lo = c;
      else hi = c;
    }
    const c = (lo + hi) / 2;
    this.shifts.set(key, c);
    return c;
  }
}
