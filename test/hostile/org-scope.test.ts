import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { jixiao, ROOT } from '../e2e/support.js';
import { gql as post } from '../graphql/client.js';
import { graphql } from '../graphql/generated/index.js';
import type { TypedDocumentString } from '../graphql/generated/graphql.js';
import { ADMIN_PASSWORD, describeEachServer, type ProductServer } from './support.js';

const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'wuqing-court-2023-targets.txt'), 'utf8');
const B_PASSWORD = 'hostile-b-admin-password';
const IMPORT = graphql(`
  mutation TestImportTargetTables($text: String!) {
    importTargetTables(text: $text, year: 2023) {
      created
      updated
      warnings {
        message
      }
      errors {
        message
      }
      projects {
        orgCode
      }
    }
  }
`);

const UNIT_PROJECTS = graphql(`
  query TestUnitBudgets($orgCode: String!) {
    projects(orgCode: $orgCode) {
      totalCount
      nodes {
        name
        budget {
          total
        }
      }
    }
  }
`);

const gql = <TResult, TVariables>(server: ProductServer, document: TypedDocumentString<TResult, TVariables>, variables: TVariables, token: string) =>
  post(server.base, document, variables, token);

/**
 * `jixiao import` against the server's database, as an operator runs it. Not spawnSync: while this
 * process waited blocked, the server could close an idle keep-alive connection that fetch would
 * then reuse ("other side closed").
 */
function cliImport(server: ProductServer, file: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/jixiao.mjs', 'import', file, '--db', server.db, ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const projectsOf = async (server: ProductServer, token: string, orgCode: string) => (await gql(server, UNIT_PROJECTS, { orgCode }, token)).data?.projects;

// Organization B (218150, under the court 218101) has its own ADMIN: B sees B, the court sees both.
describeEachServer('claiming another unit through an import', (start) => {
  let server: ProductServer;
  let a: string;
  let b: string;
  beforeAll(async () => {
    server = await start();
    jixiao('org', 'add', '218150', '乙法庭', '--parent', '218101', '--db', server.db);
    jixiao('user', 'add', 'b-admin', '--role', 'ADMIN', '--org', '218150', '--password', B_PASSWORD, '--db', server.db);
    a = await server.login('admin', ADMIN_PASSWORD);
    b = await server.login('b-admin', B_PASSWORD);
  });

  it("B importing a table that names A's code 218101 is FORBIDDEN at the first step, and nothing changes", async () => {
    const before = await projectsOf(server, a, '218101');
    const changed = SEED.replaceAll('418.00', '999.00');
    const answer = await gql(server, IMPORT, { text: changed }, b);
    expect(answer.data).toBeNull();
    expect(answer.errors![0].extensions?.code).toBe('FORBIDDEN');
    expect(answer.errors![0].message).toBe('表1：单位“218101 天津市武清区人民法院”不在您的管辖范围内，未导入任何表');
    expect(await projectsOf(server, a, '218101')).toEqual(before);
  });

  it('B naming an unknown code 218102 creates it under B and says so; its real tables are then refused by the CLI, so B never reads them', async () => {
    const claimed = SEED.replaceAll('218101天津市武清区人民法院', '218102天津市某区人民法院');
    const answer = await gql(server, IMPORT, { text: claimed }, b);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.importTargetTables).toMatchObject({ created: 5, errors: [] });
    expect(answer.data!.importTargetTables.warnings).toContainEqual({
      message: '表1：单位“218102 天津市某区人民法院”原不存在，已作为您的单位“218150 乙法庭”的下级单位新建；如它另有上级单位，请联系系统管理员',
    });
    const bBefore = await projectsOf(server, b, '218102');
    expect(bBefore?.totalCount).toBe(5);

    // The real 218102's tables, from its operator: refused without and with a --parent that is not B.
    const real = join(server.dir, 'real-218102.txt');
    writeFileSync(real, claimed.replaceAll('418.00', '555.00'));
    const plain = await cliImport(server, real);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('错误：--parent：单位“218102 天津市某区人民法院”是用户 b-admin 导入目标表时在“218150 乙法庭”之下新建的');
    expect(plain.stdout).toContain('未写入数据库');
    // 218150 is under 218101, so the claimed unit sits inside this --parent: still refused, since
    // only its own parent's code confirms where it belongs.
    const elsewhere = await cliImport(server, real, '--parent', '218101');
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toContain('确属该上级单位时用 --parent 218150 导入');
    expect(await projectsOf(server, b, '218102')).toEqual(bBefore);
  });

  it('the CLI asks for --parent for a new code once there are organizations, naming the option, and writes nothing until given', async () => {
    const file = join(server.dir, 'new-218199.txt');
    writeFileSync(file, SEED.replaceAll('218101天津市武清区人民法院', '218199天津市新设人民法院'));
    const refused = await cliImport(server, file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('错误：--parent：表1的单位“218199 天津市新设人民法院”是新单位，数据库中已有单位，请用 --parent 给出它的上级单位编码');
    expect((await projectsOf(server, a, '218199'))?.totalCount ?? 0).toBe(0);

    const unknownParent = await cliImport(server, file, '--parent', '999000');
    expect(unknownParent.status).toBe(1);
    expect(unknownParent.stderr).toContain('--parent：上级单位编码“999000”不存在');

    const stored = await cliImport(server, file, '--parent', '218101');
    expect(stored.status, stored.stderr).toBe(0);
    expect((await projectsOf(server, a, '218199'))?.totalCount).toBe(5);
    // B is a sibling: it does not see the new unit.
    expect((await projectsOf(server, b, '218199'))?.totalCount).toBe(0);
  });

  it('only an ADMIN whose scope holds the parent may create an organization', async () => {
    const create = graphql(`
      mutation TestCreateOrganization($input: CreateOrganizationInput!) {
        createOrganization(input: $input) {
          code
          parentCode
        }
      }
    `);
    const outside = await gql(server, create, { input: { code: '218160', name: '丙法庭', parentCode: '218101' } }, b);
    expect(outside.errors![0].extensions?.code).toBe('FORBIDDEN');
    const inside = await gql(server, create, { input: { code: '218160', name: '丙法庭', parentCode: '218150' } }, b);
    expect(inside.data).toEqual({ createOrganization: { code: '218160', parentCode: '218150' } });
  });
});
