/**
 * Runs at most `concurrency` jobs at once; the others wait their turn, first come first served.
 * The sync engine uploads photos through one: a few at a time keep the line busy without holding
 * every photo of a day's work in memory at once.
 *
 * @example const uploads = createLimiter(4); await Promise.all(hashes.map((hash) => uploads(() => upload(hash))));
 */
export function createLimiter(concurrency: number): <T>(job: () => Promise<T>) => Promise<T> {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (job) => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await job();
    } finally {
      // The finishing job hands its slot to the next one directly, so `running` never drops in between.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
