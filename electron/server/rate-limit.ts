/**
 * Failed token attempts per client address: a token bucket of `burst` failures that refills at
 * `perSecond`. Only failures spend it, so a console with a good token never notices; an address
 * that guesses is answered 429 (with Retry-After) before its token is even looked at, so guessing
 * goes no faster than the refill rate. Other addresses — the desk's own console on 127.0.0.1 — are
 * not affected. Memory is bounded: at most `maxAddresses` buckets, full ones forgotten first.
 */
export class FailureLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst = 20,
    private readonly perSecond = 1,
    private readonly maxAddresses = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  private level(address: string): { tokens: number; at: number } {
    const t = this.now();
    const b = this.buckets.get(address);
    if (!b) return { tokens: this.burst, at: t };
    return { tokens: Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond), at: t };
  }

  /** Seconds to wait before this address may try again (0 = go ahead). */
  retryAfter(address: string): number {
    const b = this.level(normalize(address));
    return b.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  /** Record one failed attempt. */
  fail(address: string): void {
    const key = normalize(address);
    const b = this.level(key);
    b.tokens = Math.max(0, b.tokens - 1);
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxAddresses) this.forget();
  }

  private forget(): void {
    for (const [k] of this.buckets) {
      if (this.level(k).tokens >= this.burst) this.buckets.delete(k);
    }
    // Still too many: the oldest entries go (Map keeps insertion order).
    for (const [k] of this.buckets) {
      if (this.buckets.size <= this.maxAddresses) break;
      this.buckets.delete(k);
    }
  }
}

/** `::ffff:127.0.0.2` and `127.0.0.2` are one client. */
const normalize = (address: string) => (address.startsWith('::ffff:') ? address.slice(7) : address) || 'unknown';
