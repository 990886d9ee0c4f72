// A batch as the model sees it (tasks, lanes, cores, per-task costs), and its predicted time, split into
// terms: what each cost added to the schedule.
import { type Job, makespan } from './schedule.js';

/**
 * How a strategy runs a batch: `main` on the calling thread (sequential with 1 lane, async with k; one
 * core); `pool` warm workers or processes, one task in flight each; `pipelined` every task posted up front,
 * round-robin; `cold` a fresh process per task; `hybrid` I/O phases on the main thread, CPU phases in a pool.
 */
export type PolicyKind = 'main' | 'pool' | 'pipelined' | 'cold' | 'hybrid';

/** Everything the model needs to time one batch; times in ms. */
export interface Scenario {
  readonly policy: PolicyKind;
  /** Workers, processes or tasks in flight (the pool's size for `hybrid`). */
  readonly lanes: number;
  /** `hybrid`: I/O phases in flight on the main thread. */
  readonly ioLanes?: number;
  /** Cores the lanes share (machine.availableParallelism). */
  readonly cores: number;
  /** Each task's CPU time, in input order. */
  readonly cpuMs: readonly number[];
  /** Each task's waiting (I/O latency). */
  readonly waitMs: number;
  /** Per-task message cost on the task's lane: the round trip, or the pipelined per-task cost. */
  readonly dispatchMs: number;
  /**
   * Per task, in input order: what its round trip costs beyond the back-to-back one because both sides
   * waited through the task (a sleeping core woken; `busy-roundtrip` floors). Absent: nothing.
   */
  readonly wakeMs?: readonly number[];
  /** Per-task extra cost of the task's data over a small message. */
  readonly payloadMs: number;
  /** Per-task cost of the strategy itself beyond the round trip (measured on empty tasks), on the lane. */
  readonly overheadMs?: number;
  /** `cold`: per-task process start (spawn to first message), run as CPU work. */
  readonly startMs?: number;
  /** `pipelined`: the main thread's cost per task; n of them bound the batch from below. */
  readonly streamMs?: number;
  /** `pipelined`: one round trip (the first task out, the last result back). */
  readonly latencyMs?: number;
}

/** A predicted batch time and its terms (they add up to it). */
export interface ScenarioTime {
  readonly predictedMs: number;
  /**
   * `work`: the batch with no cost but the tasks' CPU time; then what adding each cost added: `wait` (I/O
   * latency), `startup` (per-task process start), `dispatch` (messages), `wake` (round trips around a
   * task beyond back-to-back ones), `overhead` (the strategy's own per-task cost), `payload` (data). Terms
   * that do not apply are absent.
   */
  readonly terms: Readonly<Record<string, number>>;
}

const STEPS = ['wait', 'startup', 'dispatch', 'wake', 'overhead', 'payload'] as const;

/** Which costs a batch time includes. */
type Included = Readonly<Record<(typeof STEPS)[number], boolean>>;

/** Every step included, or none. */
const allSteps = (on: boolean): Included => Object.fromEntries(STEPS.map((step) => [step, on])) as Included;

/**
 * The predicted time of `scenario`'s batch: the makespan of its tasks on its lanes and cores (see
 * `makespan`), computed with the costs added one at a time so that each term is what its cost added.
 */
export function timeScenario(scenario: Scenario): ScenarioTime {
  let included = allSteps(false);
  let previous = batchTime(scenario, included);
  const terms: Record<string, number> = { work: previous };
  for (const step of STEPS) {
    if (!applies(scenario, step)) continue;
    included = { ...included, [step]: true };
    const now = batchTime(scenario, included);
    terms[step] = now - previous;
    previous = now;
  }
  return { predictedMs: previous, terms };
}

/** The predicted time of `scenario`'s batch with every cost included (`timeScenario` without the terms). */
export function scenarioTime(scenario: Scenario): number {
  return batchTime(scenario, allSteps(true));
}

function applies(s: Scenario, step: (typeof STEPS)[number]): boolean {
  if (step === 'wait') return s.waitMs > 0;
  if (step === 'startup') return s.policy === 'cold';
  if (step === 'dispatch') return s.policy !== 'main';
  if (step === 'wake') return s.policy !== 'main' && (s.wakeMs ?? []).some((ms) => ms > 0);
  if (step === 'overhead') return s.policy !== 'main' && (s.overheadMs ?? 0) > 0;
  return s.policy !== 'main' && s.payloadMs > 0;
}

function batchTime(s: Scenario, on: Included): number {
  const wait = on.wait ? s.waitMs : 0;
  const message =
    (on.dispatch ? s.dispatchMs : 0) +
    (on.overhead ? (s.overheadMs ?? 0) : 0) +
    (on.payload ? s.payloadMs : 0);
  const wake = (i: number): number => (on.wake ? (s.wakeMs?.[i] ?? 0) : 0);
  const cores = s.policy === 'main' ? 1 : s.cores;
  switch (s.policy) {
    case 'main':
    case 'pool':
      return run(s, cores, 'next-free', (cpu, i) => ({ waitMs: wait + message + wake(i), cpuMs: cpu }));
    case 'cold': {
      const start = on.startup ? (s.startMs ?? 0) : 0;
      return run(s, cores, 'next-free', (cpu, i) => ({
        waitMs: wait + message + wake(i),
        cpuMs: start + cpu,
      }));
    }
    case 'pipelined': {
      // Every task is posted at once: a worker's tasks wait together, then run one after another.
      const lanes = run(s, cores, 'round-robin', (cpu) => ({
        waitMs: 0,
        cpuMs: cpu + message,
        releaseMs: wait,
      }));
      const stream = on.dispatch ? s.cpuMs.length * (s.streamMs ?? 0) : 0;
      return Math.max(lanes, stream) + (on.dispatch ? (s.latencyMs ?? 0) : 0);
    }
    case 'hybrid': {
      // I/O phases `ioLanes` at a time on the main thread; each CPU phase joins the pool when its I/O ends.
      const io = Math.max(1, s.ioLanes ?? s.lanes);
      return run(s, cores, 'next-free', (cpu, i) => ({
        waitMs: message + wake(i),
        cpuMs: cpu,
        releaseMs: Math.ceil((i + 1) / io) * wait,
      }));
    }
  }
}

function run(
  s: Scenario,
  cores: number,
  policy: 'next-free' | 'round-robin',
  job: (cpuMs: number, index: number) => Job,
): number {
  return makespan(s.cpuMs.map(job), { lanes: s.lanes, cores, policy });
}
