import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A unit's first day, as docs/first-run.md tells it, with the real `jixiao` command in real
 * processes: init an empty data folder, serve it (no demo), log in, import the target tables, add
 * an inspector, change a password (the old token stops working), back up while serving, restore
 * into a new folder and serve that: the same data.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED = join(ROOT, 'test', 'fixtures', 'wuqing-court-2023-targets.txt');
const work = mkdtempSync(join(tmpdir(), 'jixiao-first-run-'));
const dataDir = join(work, 'data');
const restoredDir = join(work, 'restored');
const archive = join(work, 'backup.tar.gz');
const ADMIN_PASSWORD = 'first-admin-pass-2023';
const servers: ChildProcess[] = [];

/** Runs `jixiao …` to completion without a terminal, as a script or CI would. */
function jixiao(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/jixiao.mjs', ...args], { cwd: ROOT, encoding: 'utf8', input: '', env: { ...process.env, JIXIAO_SECRET: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `jixiao serve` on a free port and resolves with its base URL once it listens. */
function serve(...args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['scripts/jixiao.mjs', 'serve', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, JIXIAO_SECRET: '' } });
  servers.push(child);
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Jixiao 已启动：(https?:\/\/[^/\s]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

async function stopAll(): Promise<void> {
  await Promise.all(
    servers.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

afterAll(async () => {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
});

async function gql<T = any>(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
}

async function login(base: string, username: string, password: string): Promise<string> {
  const result = await gql<{ login: { token: string } }>(base, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password });
  if (!result.data) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

const STATE_QUERY = `{
  me { username displayName role }
  users { username displayName role disabled }
  projects(year: 2023, first: 100) { totalCount nodes { name budget { total } indicators { name target { raw } } } }
}`;

describe('first run of a unit: init → serve → import → users → backup → restore', () => {
  let base = '';
  let adminToken = '';
  let before: unknown;

  it('serve on an empty data folder says to run init first', () => {
    const result = spawnSync(process.execPath, ['scripts/jixiao.mjs', 'serve', '--port', '0', '--data-dir', join(work, 'empty')], { cwd: ROOT, encoding: 'utf8', input: '' });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(`pnpm jixiao init --data-dir ${join(work, 'empty')}`);
    // …without creating the folder or a database it would then refuse.
    expect(existsSync(join(work, 'empty'))).toBe(false);
  });

  it('init creates the unit and its first administrator', () => {
    const result = jixiao(
      'init', '--data-dir', dataDir, '--org-code', '218101', '--org-name', '天津市武清区人民法院',
      '--admin', 'admin', '--admin-name', '王主任', '--password', ADMIN_PASSWORD,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(join(dataDir, 'jixiao.sqlite'))).toBe(true);
    // The data folder holds password hashes, photos and the secret: its owner's only.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    // A second init changes nothing.
    const again = jixiao('init', '--data-dir', dataDir, '--org-code', '218101', '--org-name', 'x', '--admin', 'b', '--password', 'another-pass-1');
    expect(again.status).not.toBe(0);
  });

  it('serves without --demo; the administrator logs in and imports the target tables', async () => {
    base = await serve('--data-dir', dataDir);
    adminToken = await login(base, 'admin', ADMIN_PASSWORD);
    const imported = await gql<{ importTargetTables: { created: number; errors: unknown[] } }>(
      base,
      'mutation($text: String!) { importTargetTables(text: $text) { created errors { message } } }',
      { text: readFileSync(SEED, 'utf8') },
      adminToken,
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importTargetTables).toEqual({ created: 5, errors: [] });
  });

  it('adds an inspector whose password change refuses the old token at once', async () => {
    const created = await gql<{ createUser: { user: { username: string } } }>(
      base,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { user { username } } }',
      { input: { username: 'li', displayName: '李检查', role: 'INSPECTOR', orgCode: '218101', password: 'inspector-pass-1' } },
      adminToken,
    );
    expect(created.errors).toBeUndefined();
    const oldToken = await login(base, 'li', 'inspector-pass-1');
    expect((await gql(base, '{ me { username } }', {}, oldToken)).data).toEqual({ me: { username: 'li' } });

    const changed = await gql(base, 'mutation { changePassword(oldPassword: "inspector-pass-1", newPassword: "inspector-pass-2") { token } }', {}, oldToken);
    expect(changed.errors).toBeUndefined();
    const refused = await gql(base, '{ me { username } }', {}, oldToken);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = await login(base, 'li', 'inspector-pass-2');
    expect((await gql(base, '{ me { username } }', {}, fresh)).data).toEqual({ me: { username: 'li' } });
    const state = await gql(base, STATE_QUERY, {}, adminToken);
    expect(state.errors).toBeUndefined();
    before = state.data;
  });

  it('backs up while serving and restores into a new folder that serves the same data', async () => {
    const backup = jixiao('backup', '--data-dir', dataDir, '--out', archive);
    expect(backup.status, backup.stderr).toBe(0);
    expect(existsSync(archive)).toBe(true);
    await stopAll();

    const restore = jixiao('restore', archive, '--data-dir', restoredDir);
    expect(restore.status, restore.stderr).toBe(0);
    // Restoring over a folder that holds data is refused.
    expect(jixiao('restore', archive, '--data-dir', restoredDir).status).not.toBe(0);

    const restoredBase = await serve('--data-dir', restoredDir);
    const token = await login(restoredBase, 'admin', ADMIN_PASSWORD);
    const after = await gql(restoredBase, STATE_QUERY, {}, token);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before);
    expect((after.data as { projects: { totalCount: number } }).projects.totalCount).toBe(5);
    // The inspector's new password came along; the old one did not.
    await expect(login(restoredBase, 'li', 'inspector-pass-2')).resolves.toBeTruthy();
    await expect(login(restoredBase, 'li', 'inspector-pass-1')).rejects.toThrow();
    expect(jixiao('audit', 'verify', '--data-dir', restoredDir).status).toBe(0);
  });
});
