import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { rgbPng } from '../../packages/server/src/test/png.js';
import { INSPECTOR_PASSWORD, jixiao, ROOT } from '../e2e/support.js';
import { gql as post } from '../graphql/client.js';
import { SUBMIT_INSPECTION as SUBMIT } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import type { TypedDocumentString } from '../graphql/generated/graphql.js';
import { ADMIN_PASSWORD, describeEachServer, healthDuring, type ProductServer } from './support.js';

const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'wuqing-court-2023-targets.txt'), 'utf8');
const B_PASSWORD = 'hostile-b-inspector-password';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A PNG of one colour, `width` × `height` (RGB): a few hundred KB for 40 MP, as a bomb is. */
const png = (width: number, height: number, rgb: [number, number, number]): Buffer => rgbPng(width, height, () => rgb);

const gql = <TResult, TVariables>(server: ProductServer, document: TypedDocumentString<TResult, TVariables>, variables: TVariables, token: string) =>
  post(server.base, document, variables, token);

const put = (server: ProductServer, bytes: Buffer, token: string) =>
  fetch(`${server.base}/uploads/${sha256(bytes)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: new Uint8Array(bytes),
  });

const REVIEW = graphql(`
  mutation TestReviewInspection($id: ID!, $accept: Boolean!) {
    reviewInspection(id: $id, accept: $accept, reason: "核实") {
      reviewStatus
    }
  }
`);

const FIRST_PROJECT = graphql(`
  query TestUnitProjects($orgCode: String!) {
    projects(orgCode: $orgCode) {
      nodes {
        id
      }
    }
  }
`);

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// The court (218101, A) and 乙法庭 (218150, B, under the court) each with an inspector and a project.
describeEachServer('photos across organizations, reviews and clientIds', (start) => {
  let server: ProductServer;
  let aInspector: string;
  let aAdmin: string;
  let bInspector: string;
  let aProject: string;
  let bProject: string;
  /** Each unit's accepting person signed once; the projects require a signature (the default). */
  const signatures = new Map<string, string>();
  const inspection = (projectId: string, clientId: string, photos: string[], itemName = '法庭门窗') => ({
    input: {
      clientId,
      projectId,
      kind: 'REPAIR' as const,
      itemName,
      passed: true,
      photos,
      signature: signatures.get(projectId)!,
      capturedAt: '2023-09-01T10:00:00+08:00',
    },
  });

  beforeAll(async () => {
    server = await start();
    jixiao('org', 'add', '218150', '乙法庭', '--parent', '218101', '--db', server.db);
    jixiao('user', 'add', 'b-inspector', '--role', 'INSPECTOR', '--org', '218150', '--password', B_PASSWORD, '--db', server.db);
    const bTables = join(server.dir, 'b.txt');
    writeFileSync(bTables, SEED.replaceAll('218101天津市武清区人民法院', '218150乙法庭'));
    jixiao('import', bTables, '--db', server.db);
    aInspector = await server.login('inspector', INSPECTOR_PASSWORD);
    aAdmin = await server.login('admin', ADMIN_PASSWORD);
    bInspector = await server.login('b-inspector', B_PASSWORD);
    const first = async (orgCode: string, token: string) => (await gql(server, FIRST_PROJECT, { orgCode }, token)).data!.projects.nodes[0].id;
    aProject = await first('218101', aInspector);
    bProject = await first('218150', bInspector);
    for (const [project, token, ink] of [
      [aProject, aInspector, 30],
      [bProject, bInspector, 60],
    ] as const) {
      const signature = rgbPng(300, 100, (x) => (x % 40 < 3 ? [ink, ink, ink] : [255, 255, 255]));
      expect((await put(server, signature, token)).status).toBe(201);
      signatures.set(project, sha256(signature));
    }
  });

  it("B's inspector naming A's photo hash in B's own inspection is refused at that first step, exactly as a hash never uploaded; fetching it is refused too", async () => {
    const photo = png(64, 48, [200, 40, 40]);
    expect((await put(server, photo, aInspector)).status).toBe(201);
    const foreign = await gql(server, SUBMIT, inspection(bProject, 'b-foreign-photo-1', [sha256(photo)]), bInspector);
    const never = sha256(Buffer.from('a photo nobody uploaded'));
    const missing = await gql(server, SUBMIT, inspection(bProject, 'b-missing-photo-1', [never]), bInspector);
    expect(foreign.data).toBeNull();
    expect(foreign.errors![0]).toMatchObject({
      message: '还有 1 张照片未上传，请先上传再提交',
      extensions: { code: 'MISSING_UPLOAD', hashes: [sha256(photo)] },
    });
    // Alike, but for the hash named.
    expect(JSON.stringify(foreign.errors).replaceAll(sha256(photo), 'H').replaceAll('b-foreign-photo-1', 'C')).toBe(
      JSON.stringify(missing.errors).replaceAll(never, 'H').replaceAll('b-missing-photo-1', 'C'),
    );
    const fetched = await fetch(`${server.base}/uploads/${sha256(photo)}`, { headers: { authorization: `Bearer ${bInspector}` } });
    const unknown = await fetch(`${server.base}/uploads/${never}`, { headers: { authorization: `Bearer ${bInspector}` } });
    expect(fetched.status).toBe(403);
    expect(await fetched.text()).toBe(await unknown.text());
    // A's own inspection may name it.
    expect((await gql(server, SUBMIT, inspection(aProject, 'a-own-photo-1', [sha256(photo)]), aInspector)).errors).toBeUndefined();
  });

  it('a reviewer cannot accept or reject their own inspection; another reviewer can', async () => {
    const photo = png(64, 48, [40, 200, 40]);
    expect((await put(server, photo, aAdmin)).status).toBe(201);
    const own = await gql(server, SUBMIT, inspection(aProject, 'admin-own-inspection', [sha256(photo)]), aAdmin);
    expect(own.errors).toBeUndefined();
    for (const accept of [true, false]) {
      const review = await gql(server, REVIEW, { id: own.data!.submitInspection.id, accept }, aAdmin);
      expect(review.data).toBeNull();
      expect(review.errors![0]).toMatchObject({ message: '不能审核本人提交的验收记录，请由其他审核人通过或退回', extensions: { code: 'FORBIDDEN' } });
    }
    const byInspector = await gql(server, SUBMIT, inspection(aProject, 'inspector-for-review', [sha256(photo)], '屋面防水'), aInspector);
    expect((await gql(server, REVIEW, { id: byInspector.data!.submitInspection.id, accept: true }, aAdmin)).data).toEqual({
      reviewInspection: { reviewStatus: 'ACCEPTED' },
    });
  });

  it("a clientId another organization used answers CONFLICT naming nothing of that record; one's own names the field", async () => {
    const photo = png(64, 48, [40, 40, 200]);
    expect((await put(server, photo, aInspector)).status).toBe(201);
    expect((await gql(server, SUBMIT, inspection(aProject, 'shared-client-id-1', [sha256(photo)], '甲的记录'), aInspector)).errors).toBeUndefined();
    const bPhoto = png(64, 48, [90, 90, 90]);
    expect((await put(server, bPhoto, bInspector)).status).toBe(201);
    const foreign = await gql(server, SUBMIT, inspection(bProject, 'shared-client-id-1', [sha256(bPhoto)], '乙的记录'), bInspector);
    expect(foreign.errors).toEqual([
      expect.objectContaining({
        message: 'clientId 已被使用，请为这条记录生成新的 clientId 后重新提交',
        extensions: expect.objectContaining({ code: 'CONFLICT', field: 'input.clientId' }),
      }),
    ]);
    const text = JSON.stringify(foreign.errors);
    for (const secret of ['甲的记录', aProject, '218101', sha256(photo), 'itemName', 'projectId']) expect(text).not.toContain(secret);
    // The same clientId again in B's own record, changed: B sees which field differs.
    expect((await gql(server, SUBMIT, inspection(bProject, 'b-own-client-id', [sha256(bPhoto)], '乙的记录'), bInspector)).errors).toBeUndefined();
    const changed = await gql(server, SUBMIT, inspection(bProject, 'b-own-client-id', [sha256(bPhoto)], '乙的记录（改）'), bInspector);
    expect(changed.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.itemName' });
  });

  it('4 concurrent 40 MP PNGs are decoded at most 2 at a time: memory stays bounded and /healthz answers within 1 s', async () => {
    const photos = [0, 1, 2, 3].map((i) => png(6400, 6250, [10 + i, 120, 200]));
    let peak = rssMb(server.pid);
    const timer = setInterval(() => {
      const now = rssMb(server.pid);
      if (now !== null) peak = Math.max(peak ?? 0, now);
    }, 50);
    try {
      const { result, slowestHealthMs } = await healthDuring(server.base, () => Promise.all(photos.map((photo) => put(server, photo, aInspector))));
      expect(result.map((response) => response.status)).toEqual([201, 201, 201, 201]);
      expect(slowestHealthMs).toBeLessThan(1_000);
    } finally {
      clearInterval(timer);
    }
    // 977 MB before the queue; about 450 MB with it (the server's own RSS, worker threads included).
    if (peak !== null) expect(peak).toBeLessThan(700);
  });
});
