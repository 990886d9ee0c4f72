import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Profile, Results } from '@paralab/core';
import { runBun } from '../src/index.js';

/** node-runner's TypeScript fixture workloads (double, square, throws, hangs, spins, exits). */
export const FIXTURES: string = fileURLToPath(
  new URL('../../node-runner/test/fixtures/workloads.ts', import.meta.url),
);

/** This package's fault fixtures (healthy, exits, throws-null, rejects-unhandled, loops, oom). */
export const FAULTS: string = fileURLToPath(new URL('./fixtures/faults.ts', import.meta.url));

/** The environment variable that marks the processes of one test's run (inherited by every child). */
export const MARK_ENV = 'PARALAB_TEST_MARK';

/** A tiny profile so tests finish fast (one warm-up, three samples); a 3 s watchdog so hang tests finish too. */
export const TEST_PROFILE: Profile = {
  name: 'test',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 3,
  minTimeMs: 0,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 5_000,
  sampleTimeoutMs: 3_000,
};

/**
 * TEST_PROFILE with a watchdog that only a hang meets, for tests where no task hangs: on a loaded 2-core
 * machine a batch of fresh Bun children can take seconds, and must not be taken for a hang.
 */
export const PATIENT_PROFILE: Profile = { ...TEST_PROFILE, name: 'test-patient', sampleTimeoutMs: 20_000 };

/** What else a fixture run may change. */
export interface FixtureRunOptions {
  concurrency?: number[];
  modules?: string[];
  profile?: Profile;
  heapLimitMb?: number;
  /** Marks every process the run starts (see `newMark`, `leftBehind`). */
  mark?: string;
}

/**
 * Runs fixture workloads under strategies (names: the measuring side is a Bun process that knows its own
 * strategies) at concurrency 2, without the machine-wide lock, with PATIENT_PROFILE unless told otherwise.
 */
export async function runFixtures(
  workloads: string[],
  strategies: string[],
  options: FixtureRunOptions = {},
): Promise<Results> {
  // The measuring side takes this process's environment when it starts, and its children the side's.
  if (options.mark) process.env[MARK_ENV] = options.mark;
  try {
    return await runBun({
      modules: options.modules ?? [FIXTURES],
      workloads,
      strategies,
      concurrency: options.concurrency ?? [2],
      profile: options.profile ?? PATIENT_PROFILE,
      lock: false,
      ...(options.heapLimitMb === undefined ? {} : { heapLimitMb: options.heapLimitMb }),
    });
  } finally {
    delete process.env[MARK_ENV];
  }
}

/** `[workload, strategy, status]` of every cell, for whole-value assertions. */
export const statuses = (results: Results): string[][] =>
  results.cells.map((cell) => [cell.workload, cell.strategy, cell.status]);

/** True where processes can be found by their environment (Linux's /proc). */
export const CAN_FIND_PROCESSES: boolean = existsSync('/proc/self/environ');

let marks = 0;

/** A mark no other run carries: put it in a run's environment as `MARK_ENV`, then find what is left. */
export const newMark = (): string => `bun-runner-test-${process.pid}-${++marks}`;

/** The processes (pid and command line) whose environment holds `MARK_ENV=mark`, this one excluded. */
export function processesMarked(mark: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!environ.includes(`${MARK_ENV}=${mark}`)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      found.push({ pid, command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/**
 * The processes marked `mark` still alive after a grace period (a process being stopped may take a moment
 * to go), then SIGKILLed by pid so that a failing test leaves nothing running. Returns their command lines.
 */
export async function leftBehind(mark: string, graceMs = 2_000): Promise<string[]> {
  const deadline = Date.now() + graceMs;
  let left = processesMarked(mark);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesMarked(mark);
  }
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return left.map(({ command }) => command);
}
