import { describe, expect, it } from 'vitest';
import { BoundedQueue, QueueFullError } from './bounded-queue.js';

/** A job that runs until released, recording that it started. */
function gate(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { job: async () => (started.push(name), await done, name), release };
}

describe('BoundedQueue', () => {
  it('runs at most `concurrency` jobs at once, the others in order as slots free up', async () => {
    const queue = new BoundedQueue('test', 2, 10);
    const started: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    const results = jobs.map((j) => queue.run(j.job));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(queue.load).toEqual({ running: 2, waiting: 2 });
    jobs[1].release();
    await results[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c']);
    expect(queue.load).toEqual({ running: 2, waiting: 1 });
    for (const j of jobs) j.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a job past the waiting limit at once, and frees the slot of a job that failed', async () => {
    const queue = new BoundedQueue('test', 1, 1);
    const started: string[] = [];
    const first = gate(started, 'first');
    const running = queue.run(first.job);
    const waiting = queue.run(async () => 'second');
    await expect(queue.run(async () => 'third')).rejects.toBeInstanceOf(QueueFullError);
    first.release();
    expect([await running, await waiting]).toEqual(['first', 'second']);
    await expect(queue.run(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(await queue.run(async () => 'after')).toBe('after');
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });
});
