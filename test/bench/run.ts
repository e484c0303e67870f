/**
 * One benchmark run: every section of issue 14's figures, each beside its reference and target.
 *
 *   npx -y pnpm@12.4.2 bench                 (builds first; every section)
 *   npx -y pnpm@12.4.2 bench -- --only api,writes --quick
 *   npx -y pnpm@12.4.2 bench -- --write      (also writes test/bench/results/<section>.json)
 *
 * Sections (test/bench/<name>.bench.ts): sync (the PWA's sync engine against a real server),
 * writes (50 concurrent writers on SQLite and PostgreSQL, a CLI import during the load), api (the
 * dashboard and roll-ups against hand-written floors), lighthouse (first load on a phone).
 * A plain run changes no tracked file. Exits 1 when a section measured something broken (a wrong
 * answer, a lost record, a failed request); a missed target is printed as MISSED, not an error.
 */
// First: sections run the server in this process as in production (see production-env.ts).
import './production-env.js';
import { performance } from 'node:perf_hooks';
import { met, parseBenchArgs, printSection, writeSection, type BenchOptions, type Section } from './report.js';

const SECTIONS = ['sync', 'writes', 'api', 'lighthouse'] as const;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseBenchArgs(argv);
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : [...SECTIONS];
  const unknown = only.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);

  const sections: Section[] = [];
  for (const name of SECTIONS.filter((section) => only.includes(section))) {
    console.log(`\n# ${name}${options.quick ? ' (quick)' : ''}`);
    const started = performance.now();
    const module = (await import(`./${name}.bench.js`)) as { run: (options: BenchOptions) => Promise<Section> };
    try {
      sections.push(await module.run(options));
    } catch (error) {
      console.error(error);
      sections.push({ name, setup: {}, figures: [], failures: [`the section did not finish: ${error instanceof Error ? error.message : String(error)}`] });
    }
    console.log(`(${name}: ${Math.round((performance.now() - started) / 1000)} s)`);
  }

  console.log('\n# Every figure beside its reference');
  for (const section of sections) printSection(section);
  const figures = sections.flatMap((section) => section.figures);
  const targeted = figures.filter((figure) => figure.target);
  const missed = targeted.filter((figure) => met(figure) === false);
  console.log(
    `\n${targeted.length - missed.length} of ${targeted.length} targets met${missed.length ? `; MISSED: ${missed.map((f) => f.label).join('; ')}` : ''}`,
  );
  if (options.write) for (const section of sections) console.log(`Wrote ${writeSection(section, options)}`);
  const failures = sections.flatMap((section) => section.failures.map((failure) => `${section.name}: ${failure}`));
  if (failures.length > 0) {
    console.error(`\n${failures.length} failure(s):\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
