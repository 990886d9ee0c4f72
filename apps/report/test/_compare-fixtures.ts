import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type MachineInfo, type Results, type Rng } from '@paralab/core';
import { type CellSpec, cells, MACHINE_A, MACHINE_B, resultsOf } from './_fixtures.js';

/** A cell of the comparison fixtures: what `cells` needs, with the median its samples scatter around (ms). */
export interface Planned extends Omit<CellSpec, 'samples'> {
  median: number;
}

/** The cells every comparison fixture starts from: cpu, io and mixed work, each with a sequential cell. */
export const PLAN: readonly Planned[] = [
  { workload: 'primes', params: { list: 'balanced' }, strategy: 'sequential', median: 200 },
  { workload: 'primes', params: { list: 'balanced' }, strategy: 'worker', concurrency: 2, median: 110 },
  { workload: 'primes', params: { list: 'balanced' }, strategy: 'piscina', concurrency: 2, median: 105 },
  {
    workload: 'sleep',
    kind: 'io',
    params: { tasks: 20 },
    strategy: 'sequential',
    median: 400,
    tasksPerSample: 20,
  },
  {
    workload: 'sleep',
    kind: 'io',
    params: { tasks: 20 },
    strategy: 'async',
    concurrency: 10,
    median: 42,
    tasksPerSample: 20,
  },
  { workload: 'pipeline', kind: 'mixed', strategy: 'sequential', median: 300 },
  { workload: 'pipeline', kind: 'mixed', strategy: 'hybrid', concurrency: 2, median: 160 },
];

/** Cell A of the "20% slower on A and B" fixture (cpu). */
export const A = 'primes(list=balanced)/piscina@2';
/** Cell B (io). */
export const B = 'sleep(tasks=20)/async@10';

/** The id `cells` gives a planned cell: `workload(k=v)/strategy@N`. */
export function idOf(planned: Pick<Planned, 'workload' | 'params' | 'strategy' | 'concurrency'>): string {
  const params = Object.entries(planned.params ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  return `${planned.workload}(${params})/${planned.strategy}@${planned.concurrency ?? 1}`;
}

/** `n` samples around `median`, uniform within ±1%, from a seeded generator. */
export function noisy(median: number, rng: Rng, n = 8): number[] {
  return Array.from({ length: n }, () => median * (1 + (rng() - 0.5) * 0.02));
}

/** How one fixture set differs from the plan. */
export interface SetOptions {
  runtime?: string;
  machine?: MachineInfo;
  /** Seed of the samples' noise: the same seed gives the same noise, cell by cell. Default 1. */
  seed?: number;
  /** Samples per cell; default 8. */
  samples?: number;
  /** Multiplies a cell's median (default 1). */
  factor?: (id: string) => number;
  /** Cell ids left out. */
  drop?: readonly string[];
  /** Cells added after the plan's. */
  add?: readonly Planned[];
  /** Cells given another status (with a reason). */
  status?: Readonly<Record<string, { status: CellSpec['status']; reason: string }>>;
}

/**
 * A results file of the plan's cells with seeded noise. Samples are drawn for every planned cell in order,
 * dropped or not, so two sets with the same seed have identical samples wherever their factors agree.
 */
export function resultsSet(options: SetOptions = {}): Results {
  const rng = createRng(options.seed ?? 1);
  const specs = [...PLAN, ...(options.add ?? [])].flatMap((planned): CellSpec[] => {
    const id = idOf(planned);
    const { median, ...spec } = planned;
    const samples = noisy(median * (options.factor?.(id) ?? 1), rng, options.samples);
    if (options.drop?.includes(id)) return [];
    return [{ ...spec, samples, ...(options.status?.[id] ?? {}) }];
  });
  return resultsOf(options.runtime ?? 'node', options.machine ?? MACHINE_A, cells(specs));
}

/** Writes files (name → JSON value, or text) into a fresh temporary folder; returns the folder. */
function writeSets(files: Readonly<Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'paralab-compare-'));
  for (const [name, value] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
  return dir;
}

/** Cells A and B 20% slower, every other cell identical. */
export const slowAB = (id: string): number => (id === A || id === B ? 1.2 : 1);
/** primes(list=balanced)/worker@2. */
export const WORKER = idOf({
  workload: 'primes',
  params: { list: 'balanced' },
  strategy: 'worker',
  concurrency: 2,
});
/** pipeline()/hybrid@2. */
export const HYBRID = idOf({ workload: 'pipeline', strategy: 'hybrid', concurrency: 2 });
/** A cell that only `sides.json` has. */
export const TINYPOOL = {
  workload: 'primes',
  params: { list: 'balanced' },
  strategy: 'tinypool',
  concurrency: 2,
};

/**
 * Writes every comparison fixture to a fresh temporary folder: base.json and sets that differ from it in
 * known ways (same, slow: A and B ×1.2, shift: every cell ×1.01 with fresh noise, bad, zero: a 0 ms sample,
 * sides: cells on one side only and a status change, other-machine, bun, few and few-slow: 5 samples a
 * cell), and two folders of several runs.
 */
export function writeCompareFixtures(): string {
  const bad = JSON.parse(JSON.stringify(resultsSet()));
  bad.cells[3].status = 'fast';
  const zero = JSON.parse(JSON.stringify(resultsSet()));
  zero.cells[1].samples[0] = 0;
  return writeSets({
    'base.json': resultsSet(),
    'same.json': resultsSet(),
    'slow.json': resultsSet({ factor: slowAB }),
    'shift.json': resultsSet({ seed: 2, factor: () => 1.01 }),
    'bad.json': bad,
    'zero.json': zero,
    'sides.json': resultsSet({
      factor: (id) => (id === A ? 1.2 : 1),
      drop: [HYBRID],
      add: [{ ...TINYPOOL, median: 106 }],
      status: { [WORKER]: { status: 'errored', reason: 'worker exited with code 1' } },
    }),
    'other-machine.json': resultsSet({
      machine: MACHINE_B,
      seed: 3,
      factor: (id) => (id === A ? 0.65 : 0.5),
    }),
    'bun.json': resultsSet({ runtime: 'bun', seed: 4, factor: (id) => (id === A ? 0.8 : 1) }),
    'few.json': resultsSet({ samples: 5 }),
    'few-slow.json': resultsSet({ samples: 5, factor: slowAB }),
    'base-dir/node.json': resultsSet(),
    'base-dir/bun.json': resultsSet({ runtime: 'bun', seed: 5 }),
    'cur-dir/node.json': resultsSet({ factor: slowAB }),
    'cur-dir/bun.json': resultsSet({ runtime: 'bun', seed: 5 }),
    'cur-dir/node-m2.json': resultsSet({ machine: MACHINE_B, seed: 6 }),
  });
}

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** What a CLI run gave. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`node dist/cli.js ...`) in `cwd`. */
export function runCli(cwd: string, ...args: string[]): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `compare ... --json` in `cwd`; returns the exit code, stderr and the parsed document. */
export function runCompareJson(cwd: string, ...args: string[]) {
  const { code, stdout, stderr } = runCli(cwd, 'compare', ...args, '--json');
  // biome-ignore lint/suspicious/noExplicitAny: the document is checked field by field by the tests
  return { code, stderr, doc: JSON.parse(stdout || 'null') as any };
}
