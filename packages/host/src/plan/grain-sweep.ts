/**
 * The grain sweep: the same total CPU work split into tasks of 4 µs to 2 ms, under sequential and each
 * family's first strategy at the core count, so the task size where offloading starts to pay is measured
 * (where the speedup crosses 1) and held against the cost model's break-even. Sizes double, so a crossing
 * read between two neighbours is within 2x; the quick profile keeps every other size around the
 * break-evens measured on 2 cores (a pipelined stream's ~0.03 ms to a pool's or a process's 0.25 ms and
 * more, where a round trip around a task costs 0.15-0.6 ms) and halves the total.
 */
import type { PlanEntry, PlanStrategies } from './plan-entry.js';

/** Task sizes of the sweep, µs. */
export const GRAIN_SIZES_US: readonly number[] = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

/** The sizes the quick profile keeps, µs (4x apart: a crossing read between two of them is within 4x). */
export const QUICK_GRAIN_SIZES_US: readonly number[] = [16, 64, 256, 1024];

/**
 * The size whose group also measures the runner's `grainFloors` (kept by the quick profile too): near the
 * break-evens of pools and processes, so the floors the model predicts them from are measured then.
 */
export const GRAIN_FLOORS_AT_US = 256;

/**
 * The `grainFloors` of a runner whose sweep strategies run on these primitives: each thread primitive's
 * message round trip and each process primitive's IPC round trip, plain and around a busy peer.
 */
export function roundTripFloors(primitives: {
  readonly threads?: readonly string[];
  readonly processes?: readonly string[];
}): string[] {
  const trips = (plain: string) => (primitive: string) => [
    `${primitive}/${plain}`,
    `${primitive}/busy-roundtrip`,
  ];
  return [
    ...(primitives.threads ?? []).flatMap(trips('message-roundtrip')),
    ...(primitives.processes ?? []).flatMap(trips('ipc-roundtrip')),
  ];
}

/** Total work of one sample, ms (the quick profile's is half). */
const TOTAL_MS = 40;

/** The sweep's entries in a runner's strategy names. */
export function grainEntries(cores: number, s: PlanStrategies): PlanEntry[] {
  const first = (names: readonly string[]): string[] => names.slice(0, 1);
  const strategies = [
    'sequential',
    ...first(s.threads),
    ...first(s.pipelined),
    ...first(s.pools),
    ...first(s.processes),
  ];
  return GRAIN_SIZES_US.map((taskUs) => ({
    workload: 'grain',
    params: { taskUs, totalMs: TOTAL_MS },
    quick: QUICK_GRAIN_SIZES_US.includes(taskUs) ? { params: { totalMs: TOTAL_MS / 2 } } : false,
    strategies,
    concurrency: [cores],
    ...(taskUs === GRAIN_FLOORS_AT_US && s.grainFloors?.length ? { floors: s.grainFloors } : {}),
    why: `task size ${taskUs} µs at fixed total work: where offloading starts to pay (the break-even)`,
  }));
}
