/**
 * Seeded randomness for the demo generator. Everything the generator draws
 * comes from here, so the same seed gives the same tickets on any machine:
 * no Math.random, no dependence on Map order or the wall clock.
 */

/** splitmix32: spreads a small integer seed over 32 bits, to initialise sfc32. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, so that named sub-streams get unrelated seeds. */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of
 * state, passes PractRand, and needs only 32-bit integer operations, which
 * JavaScript does quickly.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    readonly seed: number,
    label = '',
  ) {
    const mix = splitmix32((seed >>> 0) ^ hashLabel(label));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent stream for one purpose (units, calendar, outcomes …). */
  fork(label: string): Random {
    return new Random(this.seed, label);
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple to reason about). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median: waiting times are skewed, most short, a few very long. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

/** Weighted choice by binary search over cumulative weights. */
export class WeightedTable<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  readonly total: number;

  constructor(entries: Iterable<readonly [T, number]>) {
    let sum = 0;
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      sum += weight;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  get size(): number {
    return this.items.length;
  }

  pick(r: Random): T {
    return this.at(r.next());
  }

  /** The item at quantile `u` in [0, 1). */
  at(u: number): T {
    if (this.items.length === 0) throw new Error('pick from an empty weighted table');
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/** Steps of the R2 sequence (Roberts 2018): 1/g and 1/g² with g the plastic number. */
const R2_STEPS = [0.7548776662466927, 0.5698402909980532] as const;

/**
 * A two-dimensional low-discrepancy stream (the R2 additive recurrence): each
 * pair is uniform on the unit square, but any run of n pairs covers it
 * evenly, so "u < p" over a run hits p·n within a few counts. Used for the
 * callback outcomes (resolved, then satisfaction), so that yearly rates match
 * their targets even in a small demo while each ticket still has its own
 * chance; two dimensions so that the second draw is not a function of the first.
 */
export class Dither2 {
  private u: number;
  private v: number;

  constructor(r: Random) {
    this.u = r.next();
    this.v = r.next();
  }

  next(): readonly [number, number] {
    this.u += R2_STEPS[0];
    if (this.u >= 1) this.u -= 1;
    this.v += R2_STEPS[1];
    if (this.v >= 1) this.v -= 1;
    return [this.u, this.v];
  }
}
