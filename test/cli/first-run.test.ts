import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOGIN, SEED_PROJECTS, SUBMIT_INSPECTION } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import { gqlData as gql, gql as request } from '../graphql/client.js';
import { jixiao, png, ROOT, sha256, startServer, stopServers, uploadSignature } from './support.js';

/**
 * A unit's first day, as docs/deployment.md tells it, with the real `jixiao` command in real
 * processes: init an empty data folder, serve it (no demo), log in, import the target tables with
 * `jixiao import` while serving, add an inspector who records an acceptance with a photo, change a
 * password (the old token stops working), back up while serving, restore into a new folder and
 * serve that: the same data, photo included.
 */
const SEED = join(ROOT, 'test', 'fixtures', 'wuqing-court-2023-targets.txt');
const work = mkdtempSync(join(tmpdir(), 'jixiao-first-run-'));
const dataDir = join(work, 'data');
const restoredDir = join(work, 'restored');
const archive = join(work, 'backup.tar.gz');
const ADMIN_PASSWORD = 'first-admin-pass-2023';

afterAll(async () => {
  await stopServers();
  rmSync(work, { recursive: true, force: true });
});

async function login(base: string, username: string, password: string): Promise<string> {
  return (await gql(base, LOGIN, { username, password })).login.token;
}

/** Everything the unit holds that a restore must bring back. */
const STATE_QUERY = graphql(`
  query FirstRunState {
    me {
      username
      displayName
      role
    }
    users {
      username
      displayName
      role
      disabled
    }
    projects(year: 2023, first: 100) {
      totalCount
      nodes {
        name
        budget {
          total
        }
        indicators {
          name
          target {
            raw
          }
          actual {
            value
          }
          evidence {
            inspections {
              itemName
              photos {
                sha256
              }
            }
          }
        }
      }
    }
  }
`);

const ME = graphql(`
  query FirstRunMe {
    me {
      username
    }
  }
`);

describe('first run of a unit: init → serve → import → users → backup → restore', () => {
  let base = '';
  let adminToken = '';
  let before: unknown;
  let photo: { hash: string; served: Buffer };

  it('serve on an empty data folder says to run init first', () => {
    const result = spawnSync(process.execPath, ['scripts/jixiao.mjs', 'serve', '--port', '0', '--data-dir', join(work, 'empty')], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(`pnpm jixiao init --data-dir ${join(work, 'empty')}`);
    // …without creating the folder or a database it would then refuse.
    expect(existsSync(join(work, 'empty'))).toBe(false);
  });

  it('init creates the unit and its first administrator', async () => {
    const result = await jixiao(
      'init',
      '--data-dir',
      dataDir,
      '--org-code',
      '218101',
      '--org-name',
      '天津市武清区人民法院',
      '--admin',
      'admin',
      '--admin-name',
      '王主任',
      '--password',
      ADMIN_PASSWORD,
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dataDir, 'jixiao.sqlite'))).toBe(true);
    // The data folder holds password hashes, photos and the secret: its owner's only.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    // A second init changes nothing.
    const again = await jixiao('init', '--data-dir', dataDir, '--org-code', '218101', '--org-name', 'x', '--admin', 'b', '--password', 'another-pass-1');
    expect(again.code).not.toBe(0);
  });

  it('serves without --demo; `jixiao import` stores the target tables meanwhile', async () => {
    base = await startServer(['--data-dir', dataDir]);
    adminToken = await login(base, 'admin', ADMIN_PASSWORD);
    const imported = await jixiao('import', SEED, '--data-dir', dataDir);
    expect(imported.code, imported.err).toBe(0);
    const data = await gql(base, SEED_PROJECTS, {}, adminToken);
    expect(data.projects.nodes).toHaveLength(5);
  });

  it('adds an inspector who records an acceptance with a photo; a password change refuses the old token at once', async () => {
    await gql(
      base,
      graphql(`
        mutation FirstRunCreateUser($input: CreateUserInput!) {
          createUser(input: $input) {
            user {
              username
            }
          }
        }
      `),
      { input: { username: 'li', displayName: '李检查', role: 'INSPECTOR', orgCode: '218101', password: 'inspector-pass-1' } },
      adminToken,
    );
    const oldToken = await login(base, 'li', 'inspector-pass-1');
    const projects = await gql(base, SEED_PROJECTS, {}, oldToken);
    const repair = projects.projects.nodes.find((project) => project.name === '派出法庭安全隐患维修项目')!;
    const bytes = png(7);
    const hash = sha256(bytes);
    const put = await fetch(`${base}/uploads/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${oldToken}`, 'content-type': 'image/png' },
      body: new Uint8Array(bytes),
    });
    expect(put.status).toBe(201);
    const signature = await uploadSignature(base, oldToken);
    await gql(
      base,
      SUBMIT_INSPECTION,
      {
        input: {
          clientId: randomUUID(),
          projectId: repair.id,
          kind: 'REPAIR',
          itemName: '大孟庄法庭屋面防水',
          passed: true,
          photos: [hash],
          signature,
          capturedAt: '2023-09-20T10:00:00+08:00',
        },
      },
      oldToken,
    );
    const served = await fetch(`${base}/uploads/${hash}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(served.status).toBe(200);
    photo = { hash, served: Buffer.from(await served.arrayBuffer()) };

    await gql(
      base,
      graphql(`
        mutation FirstRunChangePassword($oldPassword: String!, $newPassword: String!) {
          changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {
            token
          }
        }
      `),
      { oldPassword: 'inspector-pass-1', newPassword: 'inspector-pass-2' },
      oldToken,
    );
    const refused = await request(base, ME, {}, oldToken);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = await login(base, 'li', 'inspector-pass-2');
    expect(await gql(base, ME, {}, fresh)).toEqual({ me: { username: 'li' } });
    before = await gql(base, STATE_QUERY, {}, adminToken);
    expect(JSON.stringify(before)).toContain(hash);
  });

  it('backs up while serving and restores into a new folder that serves the same data', async () => {
    const backup = await jixiao('backup', '--data-dir', dataDir, '--out', archive);
    expect(backup.code, backup.err).toBe(0);
    await stopServers();

    const restore = await jixiao('restore', archive, '--data-dir', restoredDir);
    expect(restore.code, restore.err).toBe(0);
    // Restoring over a folder that holds data is refused.
    expect((await jixiao('restore', archive, '--data-dir', restoredDir)).code).not.toBe(0);

    const restoredBase = await startServer(['--data-dir', restoredDir]);
    const token = await login(restoredBase, 'admin', ADMIN_PASSWORD);
    expect(await gql(restoredBase, STATE_QUERY, {}, token)).toEqual(before);
    const served = await fetch(`${restoredBase}/uploads/${photo.hash}`, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await served.arrayBuffer()).equals(photo.served)).toBe(true);
    // The inspector's new password came along; the old one did not.
    await expect(login(restoredBase, 'li', 'inspector-pass-2')).resolves.toBeTruthy();
    await expect(login(restoredBase, 'li', 'inspector-pass-1')).rejects.toThrow();
    expect((await jixiao('audit', 'verify', '--data-dir', restoredDir)).code).toBe(0);
  });
});
