// The cost model's scheduler: how long a batch of tasks takes on a number of lanes (workers, processes,
// in-flight slots) that share a number of cores, dispatched the way core's dispatcher really does it.

/**
 * One task as the scheduler sees it: it occupies its lane first for `waitMs` (a latency that uses no core:
 * a message's round trip, a request's wait), then for `cpuMs` of work that needs a core. It cannot start
 * before `releaseMs` (the moment its input exists: the end of its I/O phase in a split batch).
 */
export interface Job {
  /** Lane time that uses no core, ms (>= 0). */
  readonly waitMs: number;
  /** Work that needs a core, ms (>= 0); runs slower when more lanes compute than there are cores. */
  readonly cpuMs: number;
  /** Earliest start, ms from the batch's start (default 0). */
  readonly releaseMs?: number;
}

/**
 * How jobs reach lanes: `next-free` hands the next job in input order to the first lane that is free (core's
 * `dispatchBatch` one-per-worker, the pools' `runLanes`: a worker gets its next task when it answers);
 * `round-robin` gives lane k jobs k, k + lanes, k + 2 lanes ... up front (`dispatchBatch` pipelined), each
 * lane running its own jobs in order.
 */
export type SchedulePolicy = 'next-free' | 'round-robin';

/** The machine a batch runs on. */
export interface ScheduleOptions {
  /** Lanes (workers, processes, tasks in flight), a positive integer. */
  readonly lanes: number;
  /** Cores the lanes' CPU phases share (processor sharing), > 0; `Infinity` for no limit. */
  readonly cores: number;
  readonly policy: SchedulePolicy;
}

/** Below this, a remaining amount of time is taken as done (floating-point residue), ms. */
const EPSILON = 1e-9;

interface Lane {
  /** Round-robin: the index of this lane's next job (its jobs are k, k + lanes, ...). */
  cursor: number;
  job?: number;
  phase: 'wait' | 'cpu';
  left: number;
}

/**
 * The makespan of `jobs` (ms from the batch's start to the end of the last job), simulated with processor
 * sharing: while k lanes compute, each progresses at min(1, cores / k) ms of work per ms, so N > C threads
 * share C cores; waits overlap freely. Exact list scheduling when lanes <= cores. A batch of zero jobs takes
 * 0 ms. Throws RangeError on a bad option or a negative or non-finite time.
 */
export function makespan(jobs: readonly Job[], options: ScheduleOptions): number {
  checkOptions(options);
  for (const job of jobs) checkJob(job);
  if (jobs.length === 0) return 0;
  const lanes = Math.min(options.lanes, jobs.length);
  if (jobs.every((job) => job.cpuMs === 0 && !job.releaseMs)) return waitsOnly(jobs, lanes, options.policy);
  if (jobs.every((job) => sameJob(job, jobs[0] as Job)))
    return equalJobs(jobs[0] as Job, jobs.length, lanes, options.cores);
  const state: Lane[] = Array.from({ length: lanes }, (_, k) => ({ cursor: k, phase: 'wait', left: 0 }));
  return simulate(jobs, state, { ...options, lanes });
}

function simulate(jobs: readonly Job[], lanes: Lane[], options: ScheduleOptions): number {
  let time = 0;
  let next = 0;
  for (;;) {
    next = assign(jobs, lanes, time, next, options.policy);
    const busy = lanes.filter((lane) => lane.job !== undefined);
    const release = nextRelease(jobs, lanes, time, next, options.policy);
    if (busy.length === 0) {
      if (release === undefined) return time;
      time = release;
      continue;
    }
    const computing = busy.filter((lane) => lane.phase === 'cpu').length;
    const rate = computing === 0 ? 1 : Math.min(1, options.cores / computing);
    const step = Math.min(
      ...busy.map((lane) => (lane.phase === 'cpu' ? lane.left / rate : lane.left)),
      (release ?? Number.POSITIVE_INFINITY) - time,
    );
    time += step;
    for (const lane of busy) advance(jobs, lane, lane.phase === 'cpu' ? step * rate : step);
  }
}

/** Gives every free lane its next released job; returns the next job index of the shared queue. */
function assign(jobs: readonly Job[], lanes: Lane[], time: number, next: number, policy: SchedulePolicy) {
  let shared = next;
  for (const lane of lanes) {
    if (lane.job !== undefined) continue;
    const candidate = policy === 'next-free' ? shared : lane.cursor;
    if (candidate >= jobs.length) continue;
    if ((jobs[candidate]?.releaseMs ?? 0) > time + EPSILON) continue;
    if (policy === 'next-free') shared++;
    else lane.cursor += lanes.length;
    start(jobs, lane, candidate);
  }
  return shared;
}

function start(jobs: readonly Job[], lane: Lane, index: number): void {
  const job = jobs[index] as Job;
  lane.job = index;
  lane.phase = job.waitMs > EPSILON ? 'wait' : 'cpu';
  lane.left = lane.phase === 'wait' ? job.waitMs : job.cpuMs;
  if (lane.left <= EPSILON) lane.job = undefined;
}

function advance(jobs: readonly Job[], lane: Lane, amount: number): void {
  lane.left -= amount;
  if (lane.left > EPSILON) return;
  const job = jobs[lane.job as number] as Job;
  if (lane.phase === 'wait' && job.cpuMs > EPSILON) {
    lane.phase = 'cpu';
    lane.left = job.cpuMs;
  } else lane.job = undefined;
}

/** The earliest release after `time` of a job a free lane is waiting for, if any. */
function nextRelease(
  jobs: readonly Job[],
  lanes: readonly Lane[],
  time: number,
  next: number,
  policy: SchedulePolicy,
): number | undefined {
  const waiting = lanes
    .filter((lane) => lane.job === undefined)
    .map((lane) => (policy === 'next-free' ? next : lane.cursor))
    .filter((i) => i < jobs.length)
    .map((i) => jobs[i]?.releaseMs ?? 0)
    .filter((release) => release > time + EPSILON);
  return waiting.length > 0 ? Math.min(...waiting) : undefined;
}

function sameJob(a: Job, b: Job): boolean {
  return a.waitMs === b.waitMs && a.cpuMs === b.cpuMs && !a.releaseMs && !b.releaseMs;
}

/**
 * `count` equal jobs on `lanes`: whatever the policy, they run in rounds of `lanes` jobs (the last round
 * with the rest), each round waiting together and then computing together, k jobs on `cores` cores taking
 * cpuMs × max(1, k / cores). The simulation gives the same, slower.
 */
function equalJobs(job: Job, count: number, lanes: number, cores: number): number {
  const round = (k: number): number => job.waitMs + job.cpuMs * Math.max(1, k / cores);
  const full = Math.floor(count / lanes);
  const rest = count - full * lanes;
  return full * round(lanes) + (rest > 0 ? round(rest) : 0);
}

/** Jobs that only wait: lanes never contend, so each lane's time is the sum of its waits. */
function waitsOnly(jobs: readonly Job[], lanes: number, policy: SchedulePolicy): number {
  const first = jobs[0]?.waitMs ?? 0;
  if (jobs.every((job) => job.waitMs === first)) return Math.ceil(jobs.length / lanes) * first;
  const free = new Array<number>(lanes).fill(0);
  jobs.forEach((job, i) => {
    const lane = policy === 'round-robin' ? i % lanes : indexOfMin(free);
    free[lane] = (free[lane] as number) + job.waitMs;
  });
  return Math.max(...free);
}

function indexOfMin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[best] as number)) best = i;
  return best;
}

function checkOptions(options: ScheduleOptions): void {
  if (!Number.isInteger(options.lanes) || options.lanes < 1)
    throw new RangeError(`options.lanes must be a positive integer, got ${options.lanes}`);
  if (!(options.cores > 0))
    throw new RangeError(`options.cores must be a positive number, got ${options.cores}`);
  if (options.policy !== 'next-free' && options.policy !== 'round-robin')
    throw new RangeError(
      `options.policy must be "next-free" or "round-robin", got ${String(options.policy)}`,
    );
}

function checkJob(job: Job): void {
  for (const key of ['waitMs', 'cpuMs', 'releaseMs'] as const) {
    const value = job[key] ?? 0;
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`job.${key} must be a finite number >= 0, got ${value}`);
  }
}
