/**
 * Latency histogram with logarithmic buckets (5 % wide, from 10 µs): constant memory whatever
 * the number of samples, percentiles within one bucket's width.
 */
const BASE_US = 10;
const GROWTH = 1.05;
const BUCKETS = 400; // 10 µs · 1.05^400 ≈ 3 000 s

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
}
