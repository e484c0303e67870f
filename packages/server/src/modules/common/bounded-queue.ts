/** A queue that is full: the caller answers "busy, try again" instead of waiting without end. */
export class QueueFullError extends Error {
  constructor(readonly queue: string) {
    super(`${queue} queue is full`);
  }
}

/**
 * Runs at most `concurrency` jobs at once; up to `maxWaiting` more wait their turn (first come,
 * first served), and a job past that is refused with QueueFullError at once. Bounds the memory and
 * CPU of expensive work (decoding a 40 MP photo, parsing a workbook) whatever the number of requests.
 *
 * @example const decodes = new BoundedQueue('decode', 2, 16); await decodes.run(() => sharp(bytes).toBuffer());
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly name: string,
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`${name}: concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Jobs running now, and jobs waiting. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError(this.name);
      // The finishing job hands its slot over directly, so `running` never drops in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
