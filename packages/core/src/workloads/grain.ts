import { ParalabError } from '../errors.js';
import { now } from '../platform.js';
import { defineWorkload, type Workload } from '../workload.js';

const params = {
  taskUs: {
    type: 'number',
    default: 100,
    min: 1,
    max: 1_000_000,
    description: 'Target size of each task, in microseconds of CPU work (1 µs to 1 s).',
  },
  totalMs: {
    type: 'number',
    default: 40,
    min: 1,
    max: 60_000,
    description: 'Total CPU work per sample, in milliseconds, split into tasks of taskUs each.',
  },
} as const;

/** Most tasks one sample may hold (totalMs / taskUs). */
export const GRAIN_MAX_TASKS = 1_000_000;

/** One task of `grain`: a number of steps of a 32-bit linear congruential generator from `seed`. */
export interface GrainInput {
  /** Task index, 0-based. */
  readonly index: number;
  /** The generator's start, an int32 (see `taskSeed`). */
  readonly seed: number;
  /** Generator steps: round(taskUs × itersPerUs), at least 1. */
  readonly iterations: number;
  /** Steps per microsecond, as calibrated in `prepare` on the measuring thread. */
  readonly itersPerUs: number;
  /** The task size asked for, µs. */
  readonly taskUs: number;
}

// Numerical Recipes' generator: x' = (A·x + C) mod 2^32 (full period).
const A = 1664525;
const C = 1013904223;

/** `steps` steps of the generator from `seed`, one at a time (the task's work), as a uint32. */
export function lcgSteps(seed: number, steps: number): number {
  let x = seed | 0;
  for (let i = 0; i < steps; i++) x = (Math.imul(x, A) + C) | 0;
  return x >>> 0;
}

// Every operation of the kernel gets type feedback before V8 optimizes it (the first task's long loop is
// otherwise optimized on the fly before its last line ever ran, and that code bails out there).
for (let i = 0; i < 8; i++) lcgSteps(i, 16);

/**
 * The same value as `lcgSteps(seed, steps)` in O(log steps) (F. Brown's skip-ahead: the composition of k
 * steps is again x -> a·x + c, squared by repeated doubling): the known answer `verify` checks against.
 * Exact for every integer steps >= 0 up to 2^53.
 */
export function lcgJump(seed: number, steps: number): number {
  let multiply = 1;
  let add = 0;
  let stepMultiply = A;
  let stepAdd = C;
  for (let k = steps; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) {
      multiply = Math.imul(multiply, stepMultiply);
      add = (Math.imul(add, stepMultiply) + stepAdd) | 0;
    }
    stepAdd = Math.imul(stepMultiply + 1, stepAdd);
    stepMultiply = Math.imul(stepMultiply, stepMultiply);
  }
  return (Math.imul(multiply, seed | 0) + add) >>> 0;
}

/** What `calibrateSteps` times: a way to run k steps, and a clock (ms). */
export interface StepClock {
  run(steps: number): void;
  now(): number;
}

/** How long `calibrateSteps` times its kernel at least, ms: the JIT's optimized code arrives meanwhile. */
export const CALIBRATION_MIN_MS = 250;
/** The most timed runs of `calibrateSteps`: a machine that never settles still gets an answer. */
const CALIBRATION_MAX_RUNS = 400;

/**
 * Generator steps per microsecond on this thread: doubles the steps until one run takes at least
 * `targetMs` (so a coarse clock still gives a fine rate), then times runs of that size for at least
 * `CALIBRATION_MIN_MS` and until `repeats` runs in a row no longer beat the fastest by 2%, keeping the
 * fastest (the low end: interference only slows a run down). The wait matters: V8 optimizes the loop on a
 * background thread, and until its code arrives the loop runs about 5x slower (seen on Node 20: 170 steps
 * per µs for the first ~100 ms, then 800), which would make every task 5x smaller than asked.
 */
export function calibrateSteps(clock: StepClock, targetMs = 10, repeats = 5): number {
  const timed = (steps: number): number => {
    const begin = clock.now();
    clock.run(steps);
    return clock.now() - begin;
  };
  let steps = 1024;
  while (timed(steps) < targetMs && steps < 2 ** 40) steps *= 2;
  const start = clock.now();
  let best = Number.POSITIVE_INFINITY;
  let stale = 0;
  for (let run = 0; run < CALIBRATION_MAX_RUNS; run++) {
    const ms = timed(steps);
    stale = ms < best * 0.98 ? 0 : stale + 1;
    best = Math.min(best, ms);
    if (stale >= repeats && clock.now() - start >= CALIBRATION_MIN_MS) break;
  }
  if (!(best > 0))
    throw new ParalabError('ERR_TASK', 'grain could not time its kernel: the clock did not move');
  return steps / (best * 1000);
}

/** Where `runSteps` puts each result, so that the loop's work is used (a small integer to V8). */
let stepSink = 0;

/**
 * Runs `steps` steps of the kernel on this thread for their time alone (the calibration here, a peer's
 * fixed-work ping): the result goes to a sink.
 */
export function runSteps(steps: number): void {
  stepSink = (stepSink ^ lcgSteps(stepSink, steps)) & SMI_BITS;
}

const thisThread: StepClock = { run: runSteps, now };

/** The rate `stepsPerUsHere` measured, once per thread. */
let stepsPerUs: number | undefined;

/**
 * `calibrateSteps` on the calling thread's clock, once per thread (a thread's rate does not change between
 * groups, and a calibration takes at least `CALIBRATION_MIN_MS`): the kernel's steps per µs here.
 */
export const stepsPerUsHere = (): number => {
  stepsPerUs ??= calibrateSteps(thisThread);
  return stepsPerUs;
};

/**
 * Keeps a seed within 30 bits, non-negative: a small integer (Smi) on every V8 build. Where V8 compresses
 * pointers (Chromium) a Smi has 31 bits, so half of all int32 seeds reached the kernel as heap numbers and
 * its optimized code, specialized on small integers, bailed out on them ("not a Smi"): each worker's
 * kernel fell back to slower code at a moment set by the order its tasks arrived in, and a pool ran 1-4x
 * slower from one run to the next. Node (32-bit Smis) never saw it.
 */
const SMI_BITS = 0x3fffffff;

/** Task `index`'s generator seed from the run's `seed`: 30 bits, a small integer to V8 (see SMI_BITS). */
export const taskSeed = (seed: number, index: number): number =>
  (seed ^ Math.imul(index + 1, 0x9e3779b1)) & SMI_BITS;

/**
 * CPU-bound, for the cost model's break-even: `totalMs` of work split into round(totalMs × 1000 / taskUs)
 * tasks of `taskUs` each (the same total as more or fewer tasks). Each task runs a 32-bit LCG for a number
 * of steps set from the rate `prepare` calibrates on the measuring thread (recorded in every input); its
 * output, the generator's final state, is checked against the closed-form skip-ahead.
 */
export const grain: Workload<typeof params, GrainInput, number> = defineWorkload({
  id: 'grain',
  kind: 'cpu',
  description: 'A fixed total of CPU work (totalMs) split into tasks of taskUs each: the break-even sweep.',
  params,
  prepare: ({ taskUs, totalMs }, { seed }) => {
    const tasks = Math.max(1, Math.round((totalMs * 1000) / taskUs));
    if (tasks > GRAIN_MAX_TASKS)
      throw new ParalabError(
        'ERR_PARAM',
        `grain: totalMs ${totalMs} / taskUs ${taskUs} makes ${tasks} tasks, more than ${GRAIN_MAX_TASKS}; raise taskUs or lower totalMs`,
      );
    const itersPerUs = stepsPerUsHere();
    const iterations = Math.max(1, Math.round(taskUs * itersPerUs));
    return Array.from({ length: tasks }, (_, index) => ({
      index,
      seed: taskSeed(seed, index),
      iterations,
      itersPerUs,
      taskUs,
    }));
  },
  run: ({ seed, iterations }) => lcgSteps(seed, iterations),
  verify: (output, { seed, iterations }) => {
    const expected = lcgJump(seed, iterations);
    return output === expected ? true : `expected ${expected}, got ${String(output)}`;
  },
});
