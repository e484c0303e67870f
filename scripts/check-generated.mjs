// Fails when a generated file is stale relative to the server code (run by `pnpm typecheck`, after
// the server's build): packages/server/schema.graphql must be what the server's schema prints, and
// every file graphql-codegen writes (packages/pwa/codegen.ts) what it would write from that schema
// and the documents. `pnpm codegen` regenerates them all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'packages', 'server');
const pwa = join(root, 'packages', 'pwa');
const stale = [];

// The schema as the server builds it, printed with the server's own graphql.
const { printSchema } = createRequire(join(server, 'package.json'))('graphql');
const { buildGraphqlSchema } = await import(pathToFileURL(join(server, 'dist', 'graphql', 'schema.js')).href);
const schemaFile = join(server, 'schema.graphql');
if (readFileSync(schemaFile, 'utf8') !== `${printSchema(await buildGraphqlSchema())}\n`) stale.push(relative(root, schemaFile));

// What graphql-codegen would write now, compared file by file (and no file left over).
const codegen = await import(pathToFileURL(createRequire(join(pwa, 'package.json')).resolve('@graphql-codegen/cli')).href);
process.chdir(pwa);
const { config } = await codegen.loadCodegenConfig({ configFilePath: join(pwa, 'codegen.ts') });
const outputs = await codegen.generate({ ...config, silent: true, errorsOnly: true }, false);
const expected = new Map(outputs.map((output) => [resolve(pwa, output.filename), output.content]));
for (const [file, content] of expected) {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(relative(root, file));
}
for (const folder of new Set([...expected.keys()].map((file) => dirname(file)))) {
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    if (!expected.has(file)) stale.push(`${relative(root, file)} (not generated any more)`);
  }
}

if (stale.length > 0) {
  console.error(`Generated files are stale: ${stale.join(', ')}.\nRun \`npx -y pnpm@12.4.2 codegen\` and commit the result.`);
  process.exit(1);
}
console.log(`generated files up to date: ${relative(root, schemaFile)} and ${expected.size} from graphql-codegen`);
