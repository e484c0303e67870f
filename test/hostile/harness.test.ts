import { beforeAll, expect, it } from 'vitest';
import { describeEachServer, healthDuring, type ProductServer } from './support.js';

// The harness itself: a calm server answers /healthz quickly, and a blocked one is caught.
describeEachServer('hostile-input harness', (start, dialect) => {
  let server: ProductServer;
  beforeAll(async () => {
    server = await start();
  });

  it('serves the demo on its own database and answers /healthz within 1 s while idle', async () => {
    const health = await (await fetch(`${server.base}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', database: dialect });
    const { slowestHealthMs, probes } = await healthDuring(server.base, () => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(probes).toBeGreaterThan(0);
    expect(slowestHealthMs).toBeLessThan(1_000);
  });
});
