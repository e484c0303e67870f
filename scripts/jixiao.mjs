// `pnpm jixiao …`: builds what is stale, then runs the CLI of @jixiao/server in this process.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale, buildPwaIfStale } from './build-if-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
buildIfStale();
// Serving needs the web app too.
if (process.argv[2] === 'serve') buildPwaIfStale();
// As bin/jixiao.js: graphql-js's production mode, set before it loads.
process.env.NODE_ENV ??= 'production';
const { main } = await import(pathToFileURL(join(root, 'packages', 'server', 'dist', 'cli', 'main.js')).href);
process.exitCode = await main(process.argv.slice(2));
