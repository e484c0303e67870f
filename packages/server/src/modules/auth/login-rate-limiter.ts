import { TooManyRequestsError } from '../common/errors.js';

/**
 * Counts failed logins per username and per client address in a sliding window; past the limit,
 * logins are refused until the oldest failure leaves the window. In memory: one API process.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    /** Per username: guessing one account's password. */
    private readonly maxPerUser = 5,
    /** Per address: higher, since a whole court office may share one address. */
    private readonly maxPerAddress = 30,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws TooManyRequestsError when this username or address has failed too often. */
  check(username: string, address: string): void {
    for (const [key, max] of [[`user:${username}`, this.maxPerUser], [`addr:${address}`, this.maxPerAddress]] as const) {
      const recent = this.recent(key);
      if (recent.length >= max) {
        const retryAfter = Math.ceil((recent[0] + this.windowMs - this.now()) / 1000);
        throw new TooManyRequestsError(`登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, retryAfter);
      }
    }
  }

  recordFailure(username: string, address: string): void {
    for (const key of [`user:${username}`, `addr:${address}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
