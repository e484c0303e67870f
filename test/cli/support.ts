import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { rgbPng } from '../../packages/server/src/test/png.js';

/** The repository root: the CLI runs from there as a user runs it. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The environment of a CLI process: this one's, without a database or secret that would override the data folder. */
function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  if (!('JIXIAO_SECRET' in extra)) delete env.JIXIAO_SECRET;
  return env;
}

/** Runs `jixiao …` as its own process, without a terminal and without blocking this one. */
export function jixiao(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['scripts/jixiao.mjs', ...args], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/** Servers started by startServer, for stopServers. */
const running: ChildProcess[] = [];

/** Starts `jixiao serve --port 0 …args` (node started with `nodeArgs`, e.g. --cpu-prof) and resolves with its base URL once it listens. */
export function startServer(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<string> {
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/jixiao.mjs', 'serve', '--port', '0', ...args], { cwd: ROOT, env: cliEnv(env) });
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Jixiao 已启动：(https?:\/\/[^/\s]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
  });
}

/** Stops every server startServer started (SIGTERM) and waits for them to exit. */
export async function stopServers(): Promise<void> {
  await Promise.all(
    running.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Uploads the accepting person's signature — a PNG of pen strokes, as the phone's signature pad
 * makes — and returns its hash: acceptances name it where the project requires a signature (the
 * default).
 */
export async function uploadSignature(base: string, token: string): Promise<string> {
  const signature = rgbPng(300, 100, (x) => (x % 40 < 3 ? [20, 20, 20] : [255, 255, 255]));
  const hash = sha256(signature);
  const put = await fetch(`${base}/uploads/${hash}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: new Uint8Array(signature),
  });
  if (put.status !== 201 && put.status !== 200) throw new Error(`signature upload ${put.status}: ${await put.text()}`);
  return hash;
}

/** A small PNG whose colour comes from `n`, so every photo is a different file. */
export function png(n: number): Buffer {
  return rgbPng(16, 16, (x) => [n & 0xff, (n >> 8) & 0xff, (x * 16) & 0xff]);
}
