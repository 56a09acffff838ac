/** A small seeded PRNG (mulberry32) with the draws the generator needs; same seed, same graph. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A count drawn from explicit probabilities: `weights[i]` is the weight of `min + i`. */
  count(min: number, weights: readonly number[]): number {
    return min + weightedIndex(this.next(), cumulative(weights));
  }

  /** Integer in [min, max] with a power-law tail: many small values, a few large ones. */
  powerLaw(min: number, max: number, alpha: number): number {
    const u = this.next();
    const v = Math.floor(min * Math.pow(1 - u, -1 / alpha));
    return Math.min(max, Math.max(min, v));
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  for (let i = 0; i < out.length; i += 1) out[i]! /= sum;
  return out;
}

/** Index i with cum[i-1] <= u < cum[i] (binary search). */
export function weightedIndex(u: number, cum: Float64Array): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cum[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Draws items with fixed weights (for example a Zipf distribution over places), in O(log n). */
export class WeightedPicker<T> {
  private readonly cum: Float64Array;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length !== weights.length || items.length === 0) throw new Error('items and weights must match and not be empty');
    this.cum = cumulative(weights);
  }

  /** Zipf weights 1/rank^s over the items in the given order. */
  static zipf<T>(items: readonly T[], s: number): WeightedPicker<T> {
    return new WeightedPicker(
      items,
      items.map((_, i) => 1 / Math.pow(i + 1, s)),
    );
  }

  pick(rng: Rng): T {
    return this.items[weightedIndex(rng.next(), this.cum)]!;
  }

  /** Up to `n` distinct items (gives up after a bounded number of draws on very skewed weights). */
  pickDistinct(rng: Rng, n: number, exclude?: ReadonlySet<T>): T[] {
    const out = new Set<T>();
    for (let tries = 0; out.size < n && tries < n * 20; tries += 1) {
      const item = this.pick(rng);
      if (!exclude?.has(item)) out.add(item);
    }
    return [...out];
  }
}
