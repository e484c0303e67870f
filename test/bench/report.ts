/**
 * What every benchmark section reports, so that one run (test/bench/run.ts) prints every figure
 * beside its reference and target, and writes them to test/bench/results/ only when asked (--write).
 *
 * A section module exports `run(options): Promise<Section>`; it can also run alone through
 * runStandalone (`tsx test/bench/<name>.bench.ts [--quick] [--write]`).
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

/** One measured figure, and what it is held against. */
export interface Figure {
  /** What was measured, e.g. "sync 1,000 acceptances + 1,000 photos". */
  label: string;
  value: number;
  /** "s", "ms", "req/s", "records/s", "MB/s", "KB", "score". */
  unit: string;
  /** What it is compared with, in words and figures: "today 16.4 writes/s", "floor 240 req/s (same run)". */
  reference?: string;
  /** The limit; absent for a figure printed for information only. */
  target?: { op: '<=' | '>='; value: number };
}

export interface Section {
  /** Short name: also the results file's name (test/bench/results/<name>.json). */
  name: string;
  /** The conditions of the run (dataset sizes, connections, durations, database). */
  setup: Record<string, unknown>;
  figures: Figure[];
  /** Wrong answers, failed requests, lost records: a benchmark that measured something broken. */
  failures: string[];
  /** Anything else worth keeping in the results file. */
  details?: unknown;
}

export interface BenchOptions {
  /** A short run for checking the script itself (smaller data, shorter load); figures are not comparable. */
  quick: boolean;
}

export function met(figure: Figure): boolean | null {
  if (!figure.target) return null;
  return figure.target.op === '<=' ? figure.value <= figure.target.value : figure.value >= figure.target.value;
}

function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

/** Prints a section as a table: figure, value, target, MET/MISSED, reference. */
export function printSection(section: Section): void {
  console.log(`\n## ${section.name}  ${JSON.stringify(section.setup)}`);
  const rows = section.figures.map((figure) => {
    const ok = met(figure);
    return [
      ok === null ? '      ' : ok ? 'MET   ' : 'MISSED',
      figure.label,
      formatValue(figure.value, figure.unit),
      figure.target ? `${figure.target.op} ${formatValue(figure.target.value, figure.unit)}` : '',
      figure.reference ?? '',
    ];
  });
  const widths = [6, 0, 0, 0].map((min, i) => Math.max(min, ...rows.map((row) => row[i].length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell))
        .join('  ')
        .trimEnd(),
    );
  for (const failure of section.failures) console.log(`FAILED ${failure}`);
}

/** Writes a section to test/bench/results/<name>.json, with the machine it ran on. */
export function writeSection(section: Section, options: BenchOptions): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${section.name}.json`);
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, loadAverage: loadavg().map((x) => Number(x.toFixed(2))) };
  const figures = section.figures.map((figure) => ({ ...figure, met: met(figure) }));
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick: options.quick, machine, ...section, figures }, null, 2)}\n`);
  return file;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions & { write: boolean } {
  return { quick: argv.includes('--quick'), write: argv.includes('--write') };
}

/** Whether this module is the script node was started with (not imported by run.ts). */
export function isMain(importMetaUrl: string): boolean {
  return Boolean(process.argv[1]) && importMetaUrl === pathToFileURL(realpathSync(process.argv[1])).href;
}

/**
 * Runs one section as a script: prints it, writes it with --write, exits 1 on failures (a wrong
 * answer), never on a missed target (printed as MISSED).
 */
export function runStandalone(run: (options: BenchOptions) => Promise<Section>): void {
  const args = parseBenchArgs(process.argv.slice(2));
  run(args).then(
    (section) => {
      printSection(section);
      if (args.write) console.log(`\nWrote ${writeSection(section, args)}`);
      if (section.failures.length > 0) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
