/**
 * A version stamp read from the database at most once per `ttlMs` (e.g. "what the taxonomy or the open postings look
 * like now"), so caches keyed by it can be checked on hot paths without a round trip per call. Concurrent callers
 * share one read.
 */
export class ThrottledStamp {
  private value: { stamp: string; readAt: number } | null = null;
  private reading: Promise<string> | null = null;

  constructor(
    private readonly read: () => Promise<string>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.value && this.now() - this.value.readAt < this.ttlMs) return Promise.resolve(this.value.stamp);
    this.reading ??= this.read()
      .then((stamp) => {
        this.value = { stamp, readAt: this.now() };
        return stamp;
      })
      .finally(() => (this.reading = null));
    return this.reading;
  }
}
