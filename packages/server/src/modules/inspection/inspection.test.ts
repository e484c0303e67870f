import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachApi, type TestApi } from '../../test/api.js';
import { courtProjectId, SIGNATURE, storedSignature } from '../../test/inspections.js';
import { Upload } from '../upload/upload.entity.js';
import { User } from '../user/user.entity.js';

const SUBMIT = `mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) {
  id clientId kind itemName passed reviewStatus submittedBy photos { sha256 uploaded url thumbnailUrl } site { name } location { lat lng accuracy }
} }`;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Stands for photos uploaded through PUT /uploads (tested in the upload module). */
async function uploaded(api: TestApi, ...hashes: string[]): Promise<void> {
  await storedSignature(api);
  const em = api.db.em.fork();
  // Uploaded by the court's inspector: an inspection may name only photos its unit can see.
  const uploadedBy = await em.findOneOrFail(User, { username: 'inspector' });
  for (const hash of hashes)
    em.create(Upload, {
      sha256: hash,
      uploadedBy,
      mime: 'image/jpeg',
      bytes: 1000,
      width: 1600,
      height: 1200,
      capturedAt: new Date('2023-09-20T02:00:00Z'),
      latitude: 39.38,
      longitude: 117.04,
    });
  await em.flush();
}

function repair(project: string, photo: string, overrides: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    projectId: project,
    kind: 'REPAIR',
    itemName: '大孟庄法庭屋面防水',
    checklist: [
      { label: '屋面无渗漏', passed: true },
      { label: '排水通畅', passed: true },
    ],
    passed: true,
    photos: [photo],
    signature: SIGNATURE,
    location: { lat: 39.38, lng: 117.04, accuracy: 12 },
    capturedAt: '2023-09-20T10:00:00+08:00',
    ...overrides,
  };
}

interface IndicatorRow {
  name: string;
  source: string;
  actual: { value: string | null; history: Array<{ value: string | null; recordedBy: string | null }> } | null;
  progress: { score: number | null };
  evidence: { source: string; inspections: Array<{ clientId: string; photos: Array<{ sha256: string; capturedAt: string | null }> }> } | null;
}

async function indicators(api: TestApi, token: string, project: string): Promise<Record<string, IndicatorRow>> {
  const result = await api.gql<{ project: { indicators: Array<IndicatorRow> } }>(
    `query($id: ID!) { project(id: $id) { indicators { name source actual { value history { value recordedBy } } progress { score }
      evidence { source inspections { clientId photos { sha256 capturedAt } } } } } }`,
    { id: project },
    token,
  );
  return Object.fromEntries(result.data!.project.indicators.map((i) => [i.name, i]));
}

describeEachApi('inspections', (getApi, dialect) => {
  it('stores the same inspection sent 20 times concurrently once', async () => {
    const api = getApi();
    const token = await api.login('inspector');
    const photo = sha('concurrent');
    await uploaded(api, photo);
    const input = repair(await courtProjectId(api, token), photo);
    const results = await Promise.all(Array.from({ length: 20 }, () => api.gql<{ submitInspection: { id: string } }>(SUBMIT, { input }, token)));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(new Set(results.map((r) => r.data!.submitInspection.id)).size).toBe(1);
    const [row] = await api.db.em.fork().getConnection().execute(`select count(*) as n from inspection where client_id = ?`, [input.clientId]);
    expect(Number(row.n)).toBe(1);
    expect(results[0].data!.submitInspection).toMatchObject({ clientId: input.clientId, submittedBy: 'inspector', reviewStatus: 'PENDING' });
  });

  it('stores an acceptance with its derived actuals in few round trips to the database', async () => {
    const api = getApi();
    const token = await api.login('inspector');
    const photos = [sha('round-trips-1'), sha('round-trips-2')];
    await uploaded(api, ...photos);
    const project = await courtProjectId(api, token);
    // The first builds the tallies; the second is the usual case, and moves derived actuals.
    expect((await api.gql(SUBMIT, { input: repair(project, photos[0]) }, token)).errors).toBeUndefined();
    const knex = (
      api.db.em.getConnection() as unknown as { getKnex(): { on(e: string, l: (q: { sql: string }) => void): void; off(e: string, l: unknown): void } }
    ).getKnex();
    const sent: string[] = [];
    const listener = (query: { sql: string }) => sent.push(query.sql);
    knex.on('query', listener);
    const { result, queries } = await api.db.captureQueries(() =>
      api.gql(SUBMIT, { input: repair(project, photos[1], { itemName: '崔黄口法庭门窗', site: undefined }) }, token),
    );
    knex.off('query', listener);
    expect(result.errors).toBeUndefined();
    expect(queries.some((q) => q.startsWith('insert into actual'))).toBe(true);
    // PostgreSQL: writes nothing reads go with the next statement, each lock with the read it
    // guards (runStatements, queryRowsAfter): measured 30 statements in 20 round trips (32 in 32 before).
    if (dialect === 'postgresql') {
      expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(20);
      expect(queries.length - sent.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('refuses the same clientId with changed content, naming the field', async () => {
    const api = getApi();
    const token = await api.login('inspector');
    const photo = sha('conflict');
    await uploaded(api, photo);
    const input = repair(await courtProjectId(api, token), photo);
    expect((await api.gql(SUBMIT, { input }, token)).errors).toBeUndefined();
    const changed = await api.gql(SUBMIT, { input: { ...input, passed: false, note: '仍有渗漏' } }, token);
    expect(changed.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.passed' });
    const again = await api.gql(SUBMIT, { input: { ...input, itemName: '别的屋面' } }, token);
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.itemName' });
  });

  it('refuses a reviewer their own inspection, and answers a foreign clientId without naming anything of it', async () => {
    const api = getApi();
    const manager = await api.login('manager');
    const photo = sha('own-review');
    await uploaded(api, photo);
    const input = repair(await courtProjectId(api, manager), photo);
    const own = await api.gql<{ submitInspection: { id: string } }>(SUBMIT, { input }, manager);
    expect(own.errors).toBeUndefined();
    for (const accept of [true, false]) {
      const review = await api.gql(
        `mutation($id: ID!, $accept: Boolean!) { reviewInspection(id: $id, accept: $accept, reason: "自审") { id } }`,
        { id: own.data!.submitInspection.id, accept },
        manager,
      );
      expect(review.errors![0]).toMatchObject({ message: '不能审核本人提交的验收记录，请由其他审核人通过或退回', extensions: { code: 'FORBIDDEN' } });
    }
    // Another unit reusing the court's clientId: one fixed message, no field of the court's record.
    const other = await api.login('other-manager');
    const projects = await api.gql<{ projects: { nodes: Array<{ id: string }> } }>('{ projects(orgCode: "999999") { nodes { id } } }', {}, other);
    const foreign = await api.gql(SUBMIT, { input: { ...input, projectId: projects.data!.projects.nodes[0].id, photos: [], kind: 'EQUIPMENT' } }, other);
    expect(foreign.errors![0]).toMatchObject({
      message: 'clientId 已被使用，请为这条记录生成新的 clientId 后重新提交',
      extensions: { code: 'CONFLICT', field: 'input.clientId' },
    });
  });

  it('refuses a record whose photo is not uploaded yet, then accepts it after the upload', async () => {
    const api = getApi();
    const token = await api.login('inspector');
    const [first, second] = [sha('missing-1'), sha('missing-2')];
    await uploaded(api, first);
    const input = repair(await courtProjectId(api, token), first, { photos: [first, second], signature: sha('signature') });
    const refused = await api.gql(SUBMIT, { input }, token);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'MISSING_UPLOAD', hashes: [second, sha('signature')] });
    expect(refused.errors![0].message).toBe('还有 2 张照片未上传，请先上传再提交');
    const [row] = await api.db.em.fork().getConnection().execute(`select count(*) as n from inspection where client_id = ?`, [input.clientId]);
    expect(Number(row.n)).toBe(0);
    await uploaded(api, second, sha('signature'));
    const accepted = await api.gql<{ submitInspection: { photos: Array<{ sha256: string; uploaded: boolean; url: string }> } }>(SUBMIT, { input }, token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.submitInspection.photos).toEqual([
      { sha256: first, uploaded: true, url: `/uploads/${first}`, thumbnailUrl: `/uploads/${first}?variant=thumb` },
      { sha256: second, uploaded: true, url: `/uploads/${second}`, thumbnailUrl: `/uploads/${second}?variant=thumb` },
    ]);
  });

  it.each([
    ['a repair without photos', { photos: [] }, 'input.photos', '维修验收至少需要一张照片'],
    ['a failed one without a note', { passed: false }, 'input.note', '验收不合格时请说明原因'],
    ['a malformed photo hash', { photos: ['abc'] }, 'input.photos[0]', '“abc”不是 SHA-256（64 位十六进制）'],
    ['a capture time in the future', { capturedAt: '2099-01-01T00:00:00Z' }, 'input.capturedAt', '记录时间晚于当前时间，请检查手机时间'],
    ['a latitude out of range', { location: { lat: 120, lng: 117 } }, 'input.location.lat', '纬度应在 -90 到 90 之间，实际为 120'],
    ['an empty item name', { itemName: '  ' }, 'input.itemName', '请填写验收对象'],
    ['a malformed clientId', { clientId: 'x' }, 'input.clientId', 'clientId 应为 8–64 位字母、数字、- 或 _（建议用 UUID）'],
    ['an unknown site', { siteId: randomUUID() }, 'input.siteId', '地点不存在或不在您的管辖范围内'],
  ])('refuses %s, naming the field', async (_label, overrides, field, message) => {
    const api = getApi();
    const token = await api.login('inspector');
    const photo = sha('valid');
    await uploaded(api, photo).catch(() => undefined);
    const result = await api.gql(SUBMIT, { input: repair(await courtProjectId(api, token), photo, overrides) }, token);
    expect(result.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
  });

  it('lets VIEWER submit nothing, and other units see nothing', async () => {
    const api = getApi();
    const token = await api.login('viewer');
    const photo = sha('viewer');
    await uploaded(api, photo);
    const project = await courtProjectId(api, token);
    expect((await api.gql(SUBMIT, { input: repair(project, photo) }, token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const other = await api.login('other-manager');
    expect((await api.gql(SUBMIT, { input: repair(project, photo) }, other)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql('query($p: ID!) { inspections(projectId: $p) { id } }', { p: project }, other)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

const SUBMIT_MANY = `mutation($inputs: [SubmitInspectionInput!]!) { submitInspections(inputs: $inputs) {
  clientId inspection { id clientId itemName } error { code message field hashes }
} }`;

interface BatchResult {
  clientId: string;
  inspection: { id: string; clientId: string; itemName: string } | null;
  error: { code: string; message: string; field: string | null; hashes: string[] | null } | null;
}

describeEachApi('submitInspections (a batch)', (getApi) => {
  it('stores each record once, answers one result per record in order, and a refused record does not stop the others', async () => {
    const api = getApi();
    const token = await api.login('inspector');
    const photo = sha('batch-1');
    await uploaded(api, photo);
    const project = await courtProjectId(api, token);
    const good = Array.from({ length: 5 }, (_, i) => repair(project, photo, { itemName: `第${i + 1}处屋面` }));
    const missing = repair(project, photo, { photos: [photo, sha('batch-not-uploaded')] });
    const invalid = repair(project, photo, { passed: false });
    const inputs = [good[0], good[1], missing, good[2], invalid, good[3], good[4]];
    const first = await api.gql<{ submitInspections: BatchResult[] }>(SUBMIT_MANY, { inputs }, token);
    expect(first.errors).toBeUndefined();
    const results = first.data!.submitInspections;
    expect(results.map((r) => r.clientId)).toEqual(inputs.map((input) => input.clientId));
    expect(results.map((r) => r.error?.code ?? 'OK')).toEqual(['OK', 'OK', 'MISSING_UPLOAD', 'OK', 'BAD_USER_INPUT', 'OK', 'OK']);
    expect(results[2].error).toMatchObject({ hashes: [sha('batch-not-uploaded')], message: '还有 1 张照片未上传，请先上传再提交' });
    expect(results[4].error).toMatchObject({ field: 'input.note', message: '验收不合格时请说明原因', hashes: null });
    expect(results.filter((r) => r.inspection).map((r) => r.inspection!.itemName)).toEqual(good.map((g) => g.itemName));

    // The same batch again (its answer was lost): nothing stored twice, the same ids.
    const again = await api.gql<{ submitInspections: BatchResult[] }>(SUBMIT_MANY, { inputs }, token);
    expect(again.data!.submitInspections.map((r) => r.inspection?.id ?? r.error!.code)).toEqual(results.map((r) => r.inspection?.id ?? r.error!.code));
    const [row] = await api.db.em
      .fork()
      .getConnection()
      .execute(
        `select count(*) as n from inspection where client_id in (${inputs.map(() => '?').join(', ')})`,
        inputs.map((input) => input.clientId),
      );
    expect(Number(row.n)).toBe(5);

    // A changed record under a stored clientId is a CONFLICT of that record alone, naming the field.
    const changed = await api.gql<{ submitInspections: BatchResult[] }>(SUBMIT_MANY, { inputs: [{ ...good[0], itemName: '别的屋面' }, good[1]] }, token);
    expect(changed.data!.submitInspections.map((r) => r.error?.field ?? 'OK')).toEqual(['input.itemName', 'OK']);
  });

  it.each([
    ['empty', 0, 'inputs 至少应有 1 条记录'],
    ['longer than 100 records', 101, 'inputs 每次最多 100 条记录，实际为 101；请分批提交'],
  ])('refuses a batch that is %s, naming the argument, and stores nothing', async (_label, count, message) => {
    const api = getApi();
    const token = await api.login('inspector');
    const photo = sha(`batch-size-${count}`);
    await uploaded(api, photo);
    const project = await courtProjectId(api, token);
    const inputs = Array.from({ length: count }, () => repair(project, photo));
    const stored = async () => Number((await api.db.em.fork().getConnection().execute(`select count(*) as n from inspection`))[0].n);
    const before = await stored();
    const result = await api.gql(SUBMIT_MANY, { inputs }, token);
    expect(result.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: 'inputs' } });
    expect(await stored()).toBe(before);
  });

  it('lets VIEWER submit nothing in a batch', async () => {
    const api = getApi();
    const token = await api.login('viewer');
    const photo = sha('batch-viewer');
    await uploaded(api, photo);
    const result = await api.gql(SUBMIT_MANY, { inputs: [repair(await courtProjectId(api, token), photo)] }, token);
    expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

describeEachApi('evidence → actuals from inspections', (getApi) => {
  it('counts accepted repairs, their pass rate and the last acceptance date, down to the photos', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const project = await courtProjectId(api, token);
    // Seven repairs at seven tribunals: REPAIR_COUNT counts places (one repair each here).
    const sites: string[] = [];
    for (let i = 0; i < 7; i++) {
      const site = await api.gql<{ createSite: { id: string } }>(
        `mutation($name: String!) { createSite(input: { orgCode: "218101", name: $name, kind: DISPATCHED_TRIBUNAL }) { id } }`,
        { name: `第${i + 1}派出法庭` },
        token,
      );
      sites.push(site.data!.createSite.id);
    }
    const photos = Array.from({ length: 7 }, (_, i) => sha(`repair-${i}`));
    await uploaded(api, ...photos);
    const inspector = await api.login('inspector');
    const ids: string[] = [];
    for (const [i, photo] of photos.entries()) {
      const failing = i === 6;
      const input = repair(project, photo, {
        siteId: sites[i],
        itemName: `维修点 ${i + 1}`,
        passed: !failing,
        note: failing ? '墙面仍有裂缝' : null,
        capturedAt: `2023-09-${String(10 + i).padStart(2, '0')}T10:00:00+08:00`,
      });
      const result = await api.gql<{ submitInspection: { id: string } }>(SUBMIT, { input }, inspector);
      expect(result.errors).toBeUndefined();
      ids.push(result.data!.submitInspection.id);
    }

    let rows = await indicators(api, token, project);
    // 6 of 7 passed: "6个" meets ≥6 → 12.5; 6/7 = 85.71% of ≥95% → 12.5 × 85.71/95 = 11.28;
    // the last passing one on 2023-09-15 is before 2023-09-30 → 12.5.
    expect(rows['维修法庭和办公室数量']).toMatchObject({ source: 'REPAIR_COUNT', actual: { value: '6个' }, progress: { score: 12.5 } });
    expect(rows['维修质量达标率']).toMatchObject({ source: 'PASS_RATE', actual: { value: '85.71%' }, progress: { score: 11.28 } });
    expect(rows['工程完工时间节点']).toMatchObject({ source: 'COMPLETION_DATE', actual: { value: '2023-09-15' }, progress: { score: 12.5 } });
    expect(rows['维修法庭和办公室数量'].evidence!.inspections).toHaveLength(6);
    expect(rows['维修法庭和办公室数量'].evidence!.inspections[0].photos[0]).toEqual({ sha256: photos[0], capturedAt: '2023-09-20T02:00:00.000Z' });
    expect(rows['维修质量达标率'].evidence!.inspections).toHaveLength(7);
    // The history grew one step per change, each derived (no person recorded them).
    expect(rows['维修法庭和办公室数量'].actual!.history.map((h) => h.value)).toEqual(['1个', '2个', '3个', '4个', '5个', '6个']);
    expect(rows['维修法庭和办公室数量'].actual!.history.every((h) => h.recordedBy === null)).toBe(true);

    // A manager rejects one passing repair: it stops counting.
    const rejected = await api.gql(
      `mutation($id: ID!) { reviewInspection(id: $id, accept: false, reason: "照片与地点不符") { reviewStatus reviewReason reviewedBy } }`,
      { id: ids[5] },
      token,
    );
    expect(rejected.data).toEqual({ reviewInspection: { reviewStatus: 'REJECTED', reviewReason: '照片与地点不符', reviewedBy: 'manager' } });
    rows = await indicators(api, token, project);
    // 5 of 6 counted: 5/6 × 12.5 = 10.42; pass rate 5/6 = 83.33% → 12.5 × 83.33/95 = 10.96; last pass 2023-09-14.
    expect(rows['维修法庭和办公室数量']).toMatchObject({ actual: { value: '5个' }, progress: { score: 10.42 } });
    expect(rows['维修质量达标率']).toMatchObject({ actual: { value: '83.33%' }, progress: { score: 10.96 } });
    expect(rows['工程完工时间节点']).toMatchObject({ actual: { value: '2023-09-14' } });

    const refused = await api.gql(`mutation($id: ID!) { reviewInspection(id: $id, accept: false) { id } }`, { id: ids[0] }, token);
    expect(refused.errors![0]).toMatchObject({ message: '退回时请说明原因', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
  });

  it('switches an indicator to manual entry and back', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const project = await courtProjectId(api, token);
    const rows = await api.gql<{ project: { indicators: Array<{ id: string; name: string }> } }>(
      'query($id: ID!) { project(id: $id) { indicators { id name } } }',
      { id: project },
      token,
    );
    const count = rows.data!.project.indicators.find((i) => i.name === '维修法庭和办公室数量')!;
    await api.gql(`mutation($id: ID!) { setIndicatorSource(indicatorId: $id, source: MANUAL) { source } }`, { id: count.id }, token);
    await api.gql(`mutation($id: ID!) { recordActual(input: { indicatorId: $id, value: "6个" }) { id } }`, { id: count.id }, token);
    expect((await indicators(api, token, project))['维修法庭和办公室数量']).toMatchObject({ source: 'MANUAL', actual: { value: '6个' }, evidence: null });
    const back = await api.gql(`mutation($id: ID!) { setIndicatorSource(indicatorId: $id, source: REPAIR_COUNT) { source } }`, { id: count.id }, token);
    expect(back.data).toEqual({ setIndicatorSource: { source: 'REPAIR_COUNT' } });
    expect((await indicators(api, token, project))['维修法庭和办公室数量']).toMatchObject({ source: 'REPAIR_COUNT', actual: { value: '5个' } });
  });
});

describeEachApi('acceptances that cannot contradict themselves', (getApi) => {
  const count = async (api: TestApi, clientId: string) =>
    Number((await api.db.em.fork().getConnection().execute(`select count(*) as n from inspection where client_id = ?`, [clientId]))[0].n);
  const SETTINGS = `mutation($input: UpdateProjectSettingsInput!) { updateProjectSettings(input: $input) { id requireSignature } }`;

  it('refuses an overall 合格 with a failed checklist line, naming input.passed, and stores nothing', async () => {
    const api = getApi();
    const token = await api.login('inspector');
    const photo = sha('contradiction');
    await uploaded(api, photo);
    const input = repair(await courtProjectId(api, token), photo, {
      checklist: [
        { label: '屋面防水', passed: false },
        { label: '排水通畅', passed: true },
      ],
    });
    const refused = await api.gql(SUBMIT, { input }, token);
    expect(refused.errors![0]).toMatchObject({
      message: '「屋面防水」不合格，总体结论不能为合格',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.passed' },
    });
    expect(await count(api, input.clientId)).toBe(0);
    // Said as it is — 不合格, with the reason — the same record is stored.
    const honest = await api.gql<{ submitInspection: { passed: boolean } }>(SUBMIT, { input: { ...input, passed: false, note: '屋面仍渗漏' } }, token);
    expect(honest.errors).toBeUndefined();
    expect(honest.data!.submitInspection.passed).toBe(false);
  });

  it('asks for the signature while the project requires it, and not once a manager turns that off', async () => {
    const api = getApi();
    const [inspector, manager] = [await api.login('inspector'), await api.login('manager')];
    const project = await courtProjectId(api, manager, '科技法庭试点提升项目-2023中央');
    const equipment = (changes: Record<string, unknown> = {}) => ({
      ...repair(project, sha('unused'), { kind: 'EQUIPMENT', photos: [], itemName: '科技法庭庭审主机' }),
      ...changes,
    });
    await storedSignature(api);
    const read = async () =>
      (await api.gql<{ project: { requireSignature: boolean } }>('query($id: ID!) { project(id: $id) { requireSignature } }', { id: project }, inspector)).data!
        .project.requireSignature;
    expect(await read()).toBe(true);

    const unsigned = equipment({ signature: null });
    const refused = await api.gql(SUBMIT, { input: unsigned }, inspector);
    expect(refused.errors![0]).toMatchObject({ message: '请验收人签名', extensions: { code: 'BAD_USER_INPUT', field: 'input.signature' } });
    expect(await count(api, unsigned.clientId)).toBe(0);
    expect((await api.gql(SUBMIT, { input: equipment() }, inspector)).errors).toBeUndefined();

    // Only those who manage projects change the setting, and only for their own units.
    for (const [who, code] of [
      ['inspector', 'FORBIDDEN'],
      ['viewer', 'FORBIDDEN'],
      ['other-manager', 'FORBIDDEN'],
    ] as const) {
      const result = await api.gql(SETTINGS, { input: { projectId: project, requireSignature: false } }, await api.login(who));
      expect(result.errors![0].extensions!.code).toBe(code);
    }
    expect(await read()).toBe(true);
    const off = await api.gql(SETTINGS, { input: { projectId: project, requireSignature: false } }, manager);
    expect(off.data).toEqual({ updateProjectSettings: { id: project, requireSignature: false } });
    expect(await read()).toBe(false);
    const [audit] = await api.db.em
      .fork()
      .getConnection()
      .execute(`select actor, action, before, after from audit_event where entity = 'Project' and entity_id = ? order by seq desc`, [project]);
    expect(audit).toMatchObject({ actor: 'manager', action: 'update' });
    // SQLite returns the JSON column as text, PostgreSQL as a value.
    expect(typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after).toEqual({ requireSignature: false });

    expect((await api.gql(SUBMIT, { input: unsigned }, inspector)).errors).toBeUndefined();
    expect(await count(api, unsigned.clientId)).toBe(1);
    // A setting left out stays as it is.
    expect((await api.gql(SETTINGS, { input: { projectId: project } }, manager)).data).toEqual({
      updateProjectSettings: { id: project, requireSignature: false },
    });
    await api.gql(SETTINGS, { input: { projectId: project, requireSignature: true } }, manager);
    expect(await read()).toBe(true);
    // The record already stored is answered as stored when the phone sends it again.
    expect((await api.gql(SUBMIT, { input: unsigned }, inspector)).errors).toBeUndefined();
  });
});

describeEachApi('capture info the phone read from the original photo', (getApi) => {
  const PHOTOS = `query($p: ID!) { inspections(projectId: $p) { clientId photos { sha256 capturedAt latitude longitude } } }`;
  /** An upload whose EXIF the phone's compression removed: no capture info of its own. */
  async function compressed(api: TestApi, hash: string): Promise<void> {
    await storedSignature(api);
    const em = api.db.em.fork();
    em.create(Upload, {
      sha256: hash,
      uploadedBy: await em.findOneOrFail(User, { username: 'inspector' }),
      mime: 'image/jpeg',
      bytes: 900,
      width: 1600,
      height: 1200,
    });
    await em.flush();
  }

  it('keeps the time and position on photos that have none of their own, and never overwrites a photo’s own', async () => {
    const api = getApi();
    const token = await api.login('inspector');
    const project = await courtProjectId(api, token);
    const [bare, own] = [sha('compressed-on-phone'), sha('kept-exif')];
    await compressed(api, bare);
    await uploaded(api, own);
    const input = repair(project, bare, {
      photos: [bare, own],
      photoCaptures: [
        { sha256: bare.toUpperCase(), capturedAt: '2023-09-20T09:58:00+08:00', latitude: 39.3751234, longitude: 117.0375678 },
        { sha256: own, capturedAt: '2023-09-19T08:00:00+08:00', latitude: 10, longitude: 10 },
      ],
    });
    expect((await api.gql(SUBMIT, { input }, token)).errors).toBeUndefined();
    const listed = await api.gql<{ inspections: Array<{ clientId: string; photos: unknown[] }> }>(PHOTOS, { p: project }, token);
    expect(listed.data!.inspections.find((i) => i.clientId === input.clientId)!.photos).toEqual([
      { sha256: bare, capturedAt: '2023-09-20T01:58:00.000Z', latitude: 39.3751234, longitude: 117.0375678 },
      { sha256: own, capturedAt: '2023-09-20T02:00:00.000Z', latitude: 39.38, longitude: 117.04 },
    ]);
  });

  it.each([
    ['a photo that is not one of the record’s', (other: string) => ({ sha256: other }), 'input.photoCaptures[0].sha256', '这张照片不在本条记录的照片中'],
    ['a time before 1990', () => ({ capturedAt: '1989-06-01T00:00:00Z' }), 'input.photoCaptures[0].capturedAt', '拍摄时间应在 1990 年以后'],
    [
      'a time more than a day ahead',
      () => ({ capturedAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
      'input.photoCaptures[0].capturedAt',
      '拍摄时间晚于当前时间，请检查手机时间',
    ],
    ['a latitude beyond the pole', () => ({ latitude: 95, longitude: 117 }), 'input.photoCaptures[0].latitude', '纬度应在 -90 到 90 之间，实际为 95'],
    ['a longitude beyond 180°', () => ({ latitude: 39, longitude: 181 }), 'input.photoCaptures[0].longitude', '经度应在 -180 到 180 之间，实际为 181'],
    ['a latitude without a longitude', () => ({ latitude: 39 }), 'input.photoCaptures[0].longitude', '拍摄位置须同时有纬度和经度'],
  ])('refuses %s, naming the field, and stores nothing', async (_label, capture, field, message) => {
    const api = getApi();
    const token = await api.login('inspector');
    const photo = sha(`capture-${field}-${message}`);
    await compressed(api, photo);
    const input = repair(await courtProjectId(api, token), photo, { photoCaptures: [{ sha256: photo, ...capture(sha('not-in-record')) }] });
    const result = await api.gql(SUBMIT, { input }, token);
    expect(result.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    const [row] = await api.db.em.fork().getConnection().execute(`select captured_at, latitude from upload where sha256 = ?`, [photo]);
    expect(row).toEqual({ captured_at: null, latitude: null });
  });
});
