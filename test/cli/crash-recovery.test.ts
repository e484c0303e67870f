import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOGIN, PROJECT_INDICATORS, PROJECT_INSPECTIONS, SEED_PROJECTS, SUBMIT_INSPECTION } from '../graphql/documents.js';
import { gql, gqlData } from '../graphql/client.js';
import { uploadSignature } from './support.js';

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

describe('a server killed in the middle of a stream of submissions', () => {
  it('holds every record exactly once after a restart and a full retry', async () => {
    let base = await startServer();
    const token = (await gqlData(base, LOGIN, { username: 'admin', password: PASSWORD })).login.token;
    const projects = await gqlData(base, SEED_PROJECTS, {}, token);
    const projectId = projects.projects.nodes.find((p) => p.name.startsWith('科技法庭试点提升项目'))!.id;

    // The accepting person's signature, uploaded once like a photo: the project requires one.
    const signatureHash = await uploadSignature(base, token);

    // What the phone's outbox holds: each record with the clientId made when its form opened.
    const outbox = Array.from({ length: RECORDS }, (_, i) => ({
      clientId: randomUUID(),
      projectId,
      kind: 'EQUIPMENT' as const,
      itemName: `庭审录音录像设备 ${i + 1}`,
      serialNumber: `SN-${1000 + i}`,
      passed: true,
      photos: [],
      signature: signatureHash,
      capturedAt: new Date(Date.UTC(2023, 10, 1, 8, 0, i)).toISOString(),
    }));

    // Send with 4 connections at a time; kill the server with SIGKILL once some have landed.
    const confirmed = new Set<string>();
    let sent = 0;
    const send = async () => {
      while (sent < outbox.length) {
        const record = outbox[sent++];
        try {
          const result = await gql(base, SUBMIT_INSPECTION, { input: record }, token);
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
    const token2 = (await gqlData(base, LOGIN, { username: 'admin', password: PASSWORD })).login.token;
    for (const record of outbox) {
      const result = await gql(base, SUBMIT_INSPECTION, { input: record }, token2);
      expect(result.errors, record.clientId).toBeUndefined();
      expect(result.data?.submitInspection.clientId).toBe(record.clientId);
    }

    const stored = await gqlData(base, PROJECT_INSPECTIONS, { projectId }, token2);
    const clientIds = stored.inspections.map((i) => i.clientId);
    expect(clientIds).toHaveLength(RECORDS);
    expect(new Set(clientIds)).toEqual(new Set(outbox.map((r) => r.clientId)));

    // The equipment count indicator counts each record once.
    const indicators = await gqlData(base, PROJECT_INDICATORS, { id: projectId }, token2);
    const count = indicators.project.indicators.find((i) => i.name === '购置设备数量');
    expect(count?.actual?.value).toBe(`${RECORDS}台`);
  }, 120_000);
});
