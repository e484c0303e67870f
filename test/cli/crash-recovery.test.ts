import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-crash-'));
const DB = join(dir, 'crash.sqlite');
const PASSWORD = 'crash-test-password';
const RECORDS = 120;

let child: ChildProcess | null = null;

/** Starts `jixiao serve --demo` on a free port; resolves with its base URL. */
function startServer(): Promise<string> {
  const process_ = spawn(process.execPath, ['scripts/jixiao.mjs', 'serve', '--demo', '--port', '0', '--db', DB], {
    cwd: ROOT,
    env: { ...process.env, JIXIAO_ADMIN_PASSWORD: PASSWORD, JIXIAO_SECRET: 'crash-secret' },
  });
  child = process_;
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Jixiao 已启动：(http:\/\/[^/\s]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    process_.stdout!.on('data', onData);
    process_.stderr!.on('data', onData);
    process_.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`)));
  });
}

function kill(signal: NodeJS.Signals): Promise<void> {
  const running = child;
  if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.once('exit', () => resolve());
    running.kill(signal);
  });
}

afterAll(async () => {
  await kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function gql(base: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const SUBMIT = `mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id clientId } }`;

describe('a server killed in the middle of a stream of submissions', () => {
  it('holds every record exactly once after a restart and a full retry', async () => {
    let base = await startServer();
    const login = await gql(base, 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: PASSWORD });
    const token: string = login.data.login.token;
    const projects = await gql(base, '{ projects(year: 2023) { nodes { id name } } }', {}, token);
    const projectId = projects.data.projects.nodes.find((p: { name: string }) => p.name.startsWith('科技法庭试点提升项目')).id;

    // What the phone's outbox holds: each record with the clientId made when its form opened.
    const outbox = Array.from({ length: RECORDS }, (_, i) => ({
      clientId: randomUUID(),
      projectId,
      kind: 'EQUIPMENT',
      itemName: `庭审录音录像设备 ${i + 1}`,
      serialNumber: `SN-${1000 + i}`,
      passed: true,
      photos: [],
      capturedAt: new Date(Date.UTC(2023, 10, 1, 8, 0, i)).toISOString(),
    }));

    // Send with 4 connections at a time; kill the server with SIGKILL once some have landed.
    const confirmed = new Set<string>();
    let sent = 0;
    const send = async () => {
      while (sent < outbox.length) {
        const record = outbox[sent++];
        try {
          const result = await gql(base, SUBMIT, { input: record }, token);
          if (result.data?.submitInspection) confirmed.add(record.clientId);
        } catch {
          // Connection refused or reset: the server is gone; the record stays in the outbox.
        }
        if (confirmed.size === 30) await kill('SIGKILL');
      }
    };
    await Promise.all([send(), send(), send(), send()]);
    expect(child!.signalCode).toBe('SIGKILL');
    expect(confirmed.size).toBeGreaterThanOrEqual(30);
    expect(confirmed.size).toBeLessThan(RECORDS);

    // Restart on the same database and retry everything, confirmed or not, as a client that lost
    // its confirmations would.
    base = await startServer();
    const relogin = await gql(base, 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: PASSWORD });
    const token2: string = relogin.data.login.token;
    for (const record of outbox) {
      const result = await gql(base, SUBMIT, { input: record }, token2);
      expect(result.errors, record.clientId).toBeUndefined();
      expect(result.data.submitInspection.clientId).toBe(record.clientId);
    }

    const stored = await gql(base, 'query($p: ID!) { inspections(projectId: $p) { clientId } }', { p: projectId }, token2);
    const clientIds: string[] = stored.data.inspections.map((i: { clientId: string }) => i.clientId);
    expect(clientIds).toHaveLength(RECORDS);
    expect(new Set(clientIds)).toEqual(new Set(outbox.map((r) => r.clientId)));

    // The equipment count indicator counts each record once.
    const indicator = await gql(
      base,
      'query($p: ID!) { project(id: $p) { indicators { name actual { value } } } }',
      { p: projectId },
      token2,
    );
    const count = indicator.data.project.indicators.find((i: { name: string }) => i.name === '购置设备数量');
    expect(count.actual.value).toBe(`${RECORDS}台`);
  }, 120_000);
});
