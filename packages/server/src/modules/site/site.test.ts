import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachApi, type TestApi } from '../../test/api.js';

const CREATE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name kind address orgCode } }`;
const UPDATE = `mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id name kind address orgCode } }`;

interface SiteRow {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  orgCode: string;
}

async function audits(api: TestApi, id: string): Promise<Array<{ actor: string; action: string }>> {
  return api.db.em.fork().getConnection().execute(`select actor, action from audit_event where entity = 'Site' and entity_id = ? order by seq`, [id]);
}

describeEachApi('sites from the app', (getApi) => {
  it('lets a field worker add a site offline: the device’s id, sent again, is the same site; changed content is a CONFLICT', async () => {
    const api = getApi();
    const inspector = await api.login('inspector');
    const input = { id: randomUUID(), orgCode: '218101', name: ' 大孟庄法庭 ', kind: 'DISPATCHED_TRIBUNAL', address: '武清区大孟庄镇' };
    const created = await api.gql<{ createSite: SiteRow }>(CREATE, { input }, inspector);
    expect(created.data!.createSite).toEqual({ id: input.id, name: '大孟庄法庭', kind: 'DISPATCHED_TRIBUNAL', address: '武清区大孟庄镇', orgCode: '218101' });
    // The outbox sends it again (the first answer was lost): the same site, nothing new.
    const again = await Promise.all(Array.from({ length: 5 }, () => api.gql<{ createSite: SiteRow }>(CREATE, { input }, inspector)));
    expect(again.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(new Set(again.map((result) => result.data!.createSite.id))).toEqual(new Set([input.id]));
    const [row] = await api.db.em.fork().getConnection().execute(`select count(*) as n from site where name = ?`, ['大孟庄法庭']);
    expect(Number(row.n)).toBe(1);
    expect(await audits(api, input.id)).toEqual([{ actor: 'inspector', action: 'create' }]);

    const changed = await api.gql(CREATE, { input: { ...input, kind: 'OFFICE' } }, inspector);
    expect(changed.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.kind' });
    // Another unit reusing the id learns nothing of the court's site.
    const foreign = await api.gql(CREATE, { input: { ...input, orgCode: '999999', name: '别的法庭' } }, await api.login('other-manager'));
    expect(foreign.errors![0]).toMatchObject({
      message: 'id 已被使用，请为这个地点生成新的 id 后重新提交',
      extensions: { code: 'CONFLICT', field: 'input.id' },
    });
  });

  it('returns the existing site when a new id names a site the unit already has', async () => {
    const api = getApi();
    const [inspector, manager] = [await api.login('inspector'), await api.login('manager')];
    const first = await api.gql<{ createSite: SiteRow }>(CREATE, { input: { orgCode: '218101', name: '城关法庭', kind: 'DISPATCHED_TRIBUNAL' } }, manager);
    expect(first.errors).toBeUndefined();
    // Two phones added 城关法庭 offline: the second gets the first's site, and uses its id from then on.
    const second = await api.gql<{ createSite: SiteRow }>(
      CREATE,
      { input: { id: randomUUID(), orgCode: '218101', name: '城关法庭', kind: 'OFFICE' } },
      inspector,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data!.createSite).toEqual(first.data!.createSite);
  });

  it.each([
    ['a blank name', { name: ' \u3000 ' }, 'input.name', '请填写地点名称'],
    ['a name over 100 characters', { name: '庭'.repeat(101) }, 'input.name', '地点名称最长 100 个字符，实际为 101'],
    ['an address over 200 characters', { address: '路'.repeat(201) }, 'input.address', '地址最长 200 个字符，实际为 201'],
    ['an id that is not a UUID', { id: 'site-1' }, 'input.id', '地点 id 应为 UUID'],
  ])('refuses %s, naming the field, and stores nothing', async (_label, change, field, message) => {
    const api = getApi();
    const before = Number((await api.db.em.fork().getConnection().execute('select count(*) as n from site'))[0].n);
    const result = await api.gql(
      CREATE,
      { input: { orgCode: '218101', name: '东马圈法庭', kind: 'DISPATCHED_TRIBUNAL', ...change } },
      await api.login('inspector'),
    );
    expect(result.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    expect(Number((await api.db.em.fork().getConnection().execute('select count(*) as n from site'))[0].n)).toBe(before);
  });

  it('lets only those who may collect evidence add a site, in their own units', async () => {
    const api = getApi();
    const input = { orgCode: '218101', name: '汊沽港法庭', kind: 'DISPATCHED_TRIBUNAL' };
    expect((await api.gql(CREATE, { input }, await api.login('viewer'))).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(CREATE, { input }, await api.login('other-manager'))).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('lets a manager rename, re-kind and re-address a site, unique within the unit, audited', async () => {
    const api = getApi();
    const [manager, inspector] = [await api.login('manager'), await api.login('inspector')];
    const site = (
      await api.gql<{ createSite: SiteRow }>(CREATE, { input: { orgCode: '218101', name: '王庆坨法庭', kind: 'OTHER', address: '旧址' } }, inspector)
    ).data!.createSite;
    await api.gql(CREATE, { input: { orgCode: '218101', name: '机关办公楼', kind: 'OFFICE' } }, manager);

    expect((await api.gql(UPDATE, { input: { id: site.id, name: '王庆坨人民法庭' } }, inspector)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(UPDATE, { input: { id: site.id, name: '别处' } }, await api.login('other-manager'))).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(UPDATE, { input: { id: randomUUID(), name: '别处' } }, manager)).errors![0].extensions!.code).toBe('FORBIDDEN');

    const updated = await api.gql<{ updateSite: SiteRow }>(UPDATE, { input: { id: site.id, name: ' 王庆坨人民法庭 ', kind: 'DISPATCHED_TRIBUNAL' } }, manager);
    expect(updated.data!.updateSite).toEqual({ ...site, name: '王庆坨人民法庭', kind: 'DISPATCHED_TRIBUNAL', address: '旧址' });
    const cleared = await api.gql<{ updateSite: SiteRow }>(UPDATE, { input: { id: site.id, address: '' } }, manager);
    expect(cleared.data!.updateSite.address).toBeNull();

    const taken = await api.gql(UPDATE, { input: { id: site.id, name: '机关办公楼' } }, manager);
    expect(taken.errors![0]).toMatchObject({ message: '本单位已有名为“机关办公楼”的地点', extensions: { code: 'CONFLICT', field: 'input.name' } });
    const blank = await api.gql(UPDATE, { input: { id: site.id, name: ' ' } }, manager);
    expect(blank.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } });
    const sites = await api.gql<{ sites: SiteRow[] }>('{ sites(orgCode: "218101") { id name kind address orgCode } }', {}, manager);
    expect(sites.data!.sites.find((s) => s.id === site.id)).toEqual({ ...site, name: '王庆坨人民法庭', kind: 'DISPATCHED_TRIBUNAL', address: null });
    expect(await audits(api, site.id)).toEqual([
      { actor: 'inspector', action: 'create' },
      { actor: 'manager', action: 'update' },
      { actor: 'manager', action: 'update' },
    ]);
  });
});

describeEachApi('equipment edited by managers', (getApi) => {
  const ITEM = 'id name model serialNumber assetTag';
  it('changes what is given, clears what is emptied, refuses a blank name and other units', async () => {
    const api = getApi();
    const manager = await api.login('manager');
    const projects = await api.gql<{ projects: { nodes: Array<{ id: string }> } }>('{ projects(orgCode: "218101") { nodes { id } } }', {}, manager);
    const created = await api.gql<{ createEquipmentItem: Record<string, string | null> }>(
      `mutation($input: CreateEquipmentItemInput!) { createEquipmentItem(input: $input) { ${ITEM} } }`,
      { input: { projectId: projects.data!.projects.nodes[0].id, name: '庭审主机', model: 'T-100', serialNumber: 'SN-1', assetTag: 'ZC-1' } },
      manager,
    );
    const item = created.data!.createEquipmentItem;
    const update = (input: Record<string, unknown>, token = manager) =>
      api.gql<{ updateEquipmentItem: Record<string, string | null> }>(
        `mutation($input: UpdateEquipmentItemInput!) { updateEquipmentItem(input: $input) { ${ITEM} } }`,
        { input: { id: item.id, ...input } },
        token,
      );
    expect((await update({ model: ' T-200 ', assetTag: '' })).data!.updateEquipmentItem).toEqual({ ...item, model: 'T-200', assetTag: null });
    expect((await update({ name: '  ' })).errors![0]).toMatchObject({ message: '请填写设备名称', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } });
    expect((await update({ name: 'x' }, await api.login('inspector'))).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await update({ name: 'x' }, await api.login('other-manager'))).errors![0].extensions!.code).toBe('FORBIDDEN');
    const [audit] = await api.db.em
      .fork()
      .getConnection()
      .execute(`select count(*) as n from audit_event where entity = 'EquipmentItem' and entity_id = ? and action = 'update'`, [item.id]);
    expect(Number(audit.n)).toBe(1);
  });
});
