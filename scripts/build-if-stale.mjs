// Builds the TypeScript packages when their sources are newer than the last build, so that
// `pnpm jixiao …` works straight after `pnpm install` and after every edit. Build output goes to
// stderr: stdout stays clean for `--json`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['domain', 'server'].map((name) => join(root, 'packages', name));
const stamp = join(root, 'packages', 'server', 'dist', '.build-stamp');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, entry) => Math.max(max, newest(join(path, entry))), stat.mtimeMs);
}

/** Builds the PWA (vite) when its sources are newer than packages/pwa/dist. */
export function buildPwaIfStale() {
  const pwa = join(root, 'packages', 'pwa');
  const built = join(pwa, 'dist', 'index.html');
  const sources = ['src', 'build', 'index.html', 'survey.html', 'vite.config.ts', 'package.json', 'public'].map((f) => join(pwa, f)).filter(existsSync);
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (!sources.some((path) => newest(path) > builtAt)) return;
  process.stderr.write('jixiao: building packages/pwa …\n');
  const vite = join(root, 'packages', 'pwa', 'node_modules', 'vite', 'bin', 'vite.js');
  // Always a production build: under vitest NODE_ENV is "test", and vite would then build Vue's
  // development code without the service worker registration (import.meta.env.PROD false).
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: pwa, env, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('jixiao: the PWA build failed (see above)\n');
    process.exit(result.status ?? 1);
  }
}

export function buildIfStale() {
  const sources = packages.flatMap((dir) => ['src', 'tsconfig.json', 'package.json'].map((f) => join(dir, f)));
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = sources.filter(existsSync).some((path) => newest(path) > built);
  if (!changed) return;
  process.stderr.write('jixiao: building packages/domain and packages/server …\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', join(root, 'packages', 'server')], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('jixiao: the TypeScript build failed (see above)\n');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

// `node scripts/build-if-stale.mjs [--pwa]`: the tests build everything first, so that no test
// pays for (or races) a build of its own.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildIfStale();
  if (process.argv.includes('--pwa')) buildPwaIfStale();
}
