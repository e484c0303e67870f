import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PROJECTS } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import { gqlData } from '../graphql/client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-demo-'));
let child: ChildProcess;
let base = '';
let output = '';

/** Starts `jixiao serve --demo` as `pnpm start` does, on a free port and a fresh database. */
beforeAll(async () => {
  child = spawn(process.execPath, ['scripts/jixiao.mjs', 'serve', '--demo', '--port', '0', '--db', join(dir, 'demo.sqlite')], {
    cwd: ROOT,
    env: { ...process.env, JIXIAO_ADMIN_PASSWORD: 'demo-password-123', JIXIAO_SECRET: 'demo-secret' },
  });
  base = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Jixiao 已启动：(http:\/\/[^/\s]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('jixiao serve --demo (what pnpm start runs)', () => {
  it('says how it was set up, without printing a password that was given', () => {
    expect(output).toContain('演示数据：已导入 5 个项目');
    expect(output).toContain('演示账号：admin（密码取自 JIXIAO_ADMIN_PASSWORD）');
    expect(output).not.toContain('demo-password-123');
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'sqlite' });
  });

  it('serves the web app at / and for client routes', async () => {
    for (const path of ['/', '/projects/123']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      // The app's page: its mount point, holding the launch screen painted before any script runs.
      const html = await response.text();
      expect(html).toContain('<div id="app">');
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    }
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('serves the five seed projects to the admin through GraphQL', async () => {
    const { login } = await gqlData(
      base,
      graphql(`
        mutation DemoLogin($username: String!, $password: String!) {
          login(username: $username, password: $password) {
            token
            user {
              role
            }
          }
        }
      `),
      { username: 'admin', password: 'demo-password-123' },
    );
    expect(login.user.role).toBe('ADMIN');
    const result = await gqlData(base, SEED_PROJECTS, {}, login.token);
    expect(result.projects.nodes).toHaveLength(5);
    expect(result.projects.nodes.flatMap((p) => p.indicators)).toHaveLength(41);
  });
});
