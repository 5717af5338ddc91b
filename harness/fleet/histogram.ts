/**
 * Latency histogram with logarithmic buckets (5 % wide, from 10 µs): constant memory whatever
 * the number of samples, percentiles within one bucket's width. Mergeable exactly (bucket
 * counts add up), so the histograms of several fleet processes or shards give the same
 * percentiles as one process that saw every sample; `toJSON` / `Histogram.from` carry one
 * across a process or a file (sparse: only the non-empty buckets).
 */
const BASE_US = 10;
const GROWTH = 1.05;
const BUCKETS = 400; // 10 µs · 1.05^400 ≈ 3 000 s

/** A histogram on the wire: [bucket, count] pairs of the non-empty buckets. */
export interface HistogramJson { buckets: [number, number][]; count: number; max: number }

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const us = Math.max(ms * 1000, BASE_US);
    const i = Math.min(BUCKETS - 1, Math.floor(Math.log(us / BASE_US) / Math.log(GROWTH)));
    this.counts[i]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  /** The p-th percentile in ms (upper edge of its bucket, at most the largest sample). */
  percentile(p: number): number {
    if (!this.count) return 0;
    const target = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= target) return Math.min(this.max, (BASE_US * GROWTH ** (i + 1)) / 1000);
    }
    return this.max;
  }

  /** Adds another histogram's samples to this one (exact: the same buckets). */
  merge(other: Histogram | HistogramJson): this {
    const json = other instanceof Histogram ? other.toJSON() : other;
    for (const [i, n] of json.buckets) if (Number.isInteger(i) && i >= 0 && i < BUCKETS) this.counts[i] += n;
    this.count += json.count;
    if (json.max > this.max) this.max = json.max;
    return this;
  }

  reset(): void { this.counts.fill(0); this.count = 0; this.max = 0; }

  toJSON(): HistogramJson {
    const buckets: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]) buckets.push([i, this.counts[i]]);
    return { buckets, count: this.count, max: this.max };
  }

  static from(json: HistogramJson): Histogram { return new Histogram().merge(json); }
}
