// predictCell: one measured cell's batch time predicted from its run's floors and its group's task sizes.
import type { Cell } from '../schema.js';
import { emptyTaskFloor, type ModelContext } from './context.js';
import {
  fewSamples,
  type PrimitiveFloors,
  pipelinedOverhead,
  primitiveOf,
  roundTripAround,
} from './floors.js';
import { fmt, payloadCost } from './payload.js';
import { type PolicyKind, type Scenario, timeScenario } from './scenario.js';
import { type BatchWork, batchWork } from './work.js';

/** A cell's predicted batch time. */
export interface Prediction {
  /** Predicted median batch time, ms. */
  readonly predictedMs: number;
  /** What each cost contributes, ms; they add up to `predictedMs` (see `timeScenario`). */
  readonly terms: Readonly<Record<string, number>>;
  /** The floors and sizes used (ms, bytes, counts), by name. */
  readonly inputs: Readonly<Record<string, number>>;
  /** Every assumption the prediction rests on, one sentence each. */
  readonly assumptions: readonly string[];
  /**
   * True when the cell is what the model reads its work or a floor from: the sequential cell (equal by
   * construction) or an empty-task cell (its own p10, against its median): not an independent prediction.
   */
  readonly reference?: boolean;
  /** True when a term is only a lower bound (the prediction is one too). */
  readonly lowerBound?: boolean;
}

/** Why a cell cannot be predicted. */
export interface Unknown {
  readonly unknown: string;
}

/** A cell's in-flight policy and lanes. */
export interface Policy {
  readonly kind: PolicyKind;
  readonly lanes: number;
  readonly ioLanes?: number;
}

const POLICY_NOTES: Readonly<Record<PolicyKind, string>> = {
  main: 'on the calling thread: one core, whatever the number in flight (no gain on CPU work)',
  pool: 'one task in flight per worker: a worker gets the next task in input order when it answers (list scheduling)',
  pipelined: 'every task posted up front, round-robin: a worker runs its share back to back',
  cold: 'a fresh process per task, at most N at once; its start-up runs as CPU work',
  hybrid: 'I/O phases on the main thread, each CPU phase sent to the pool when its I/O ends',
};

/**
 * Predicts `cell`'s median batch time from `context` (its run): the group's task sizes (see `batchWork`)
 * scheduled on the cell's lanes and the run's cores under its in-flight policy, each task paying its
 * primitive's floors (see `scenarioOf`). Returns `{ unknown }` with the reason when a term is unknown: no
 * task sizes, an unknown primitive or policy, a missing floor.
 */
export function predictCell(cell: Cell, context: ModelContext): Prediction | Unknown {
  if (cell.kind === 'calibration') return { unknown: 'a calibration cell is a floor, not a prediction' };
  const policy = policyOf(cell);
  if ('unknown' in policy) return policy;
  const work = batchWork(cell, context.cells, context.statistic, context.timerResolutionMs);
  if ('unknown' in work) return work;
  const built = scenarioOf(cell, policy, work, context);
  if ('unknown' in built) return built;
  const time = timeScenario(built.scenario);
  const reference = work.reference?.id === cell.id || context.floorCells.has(cell.id);
  return {
    predictedMs: time.predictedMs,
    terms: time.terms,
    inputs: { ...work.inputs, ...built.inputs, lanes: built.scenario.lanes, cores: built.scenario.cores },
    assumptions: [
      POLICY_NOTES[policy.kind],
      ...work.assumptions,
      ...built.assumptions,
      ...(reference
        ? ['this cell is what the work or a floor is read from: not an independent prediction']
        : []),
    ],
    ...(reference ? { reference: true } : {}),
    ...(work.lowerBound ? { lowerBound: true } : {}),
  };
}

/** The cell's in-flight policy, from `options.inFlight` and `options.thread` as strategies record them. */
export function policyOf(cell: Cell): Policy | Unknown {
  const { inFlight, thread, poolSize, ioInFlight } = cell.options;
  if (thread === 'main')
    return { kind: 'main', lanes: typeof inFlight === 'number' ? inFlight : cell.concurrency };
  switch (inFlight) {
    case 'http':
      return {
        unknown: 'a served cell (HTTP load from the load generator): the cost model does not model serving',
      };
    case 'one-per-worker':
    case 'one-per-process':
      return { kind: 'pool', lanes: cell.concurrency };
    case 'pipelined':
      return { kind: 'pipelined', lanes: cell.concurrency };
    case 'one-process-per-task':
      return { kind: 'cold', lanes: cell.concurrency };
    case 'io-on-main+cpu-in-pool':
      if (typeof poolSize !== 'number') return { unknown: 'a hybrid cell without options.poolSize' };
      return {
        kind: 'hybrid',
        lanes: poolSize,
        ioLanes: typeof ioInFlight === 'number' ? ioInFlight : cell.concurrency,
      };
    default:
      return { unknown: `unknown in-flight policy ${JSON.stringify(inFlight)}` };
  }
}

/** A scenario with the inputs and assumptions it was built from. */
export interface Built {
  readonly scenario: Scenario;
  readonly inputs: Record<string, number>;
  readonly assumptions: string[];
}

/**
 * The scenario of `cell` under `policy` with `work`: its lanes and the run's cores, and its primitive's
 * floors for the policy (round trip, payload by bytes per task, pipelined cost, start-up), or why one is
 * unknown. `breakEven` gives it constructed work.
 */
export function scenarioOf(
  cell: Cell,
  policy: Policy,
  work: BatchWork,
  context: ModelContext,
): Built | Unknown {
  const base = {
    policy: policy.kind,
    lanes: Math.max(1, policy.lanes),
    ...(policy.ioLanes !== undefined ? { ioLanes: policy.ioLanes } : {}),
    cores: context.cores,
    cpuMs: work.cpuMs,
    waitMs: work.waitMs,
    dispatchMs: 0,
    payloadMs: 0,
  };
  if (policy.kind === 'main') return { scenario: base, inputs: {}, assumptions: [] };
  const found = primitiveOf(cell, context.floors);
  if ('unknown' in found) return found;
  const costs = messageCosts(cell, policy.kind, found.primitive, context, work.cpuMs, base.lanes);
  if ('unknown' in costs) return costs;
  const wake = policy.kind === 'pipelined' ? undefined : wakeCosts(found.primitive, work.cpuMs);
  const notes = [
    ...(found.assumption ? [found.assumption] : []),
    ...costs.assumptions,
    ...(wake ? [wake.note] : []),
    ...(base.lanes > context.cores
      ? [`${base.lanes} lanes on ${context.cores} cores share them evenly`]
      : []),
    'message and copy costs occupy a lane, not a core; the main thread is never the bottleneck',
  ];
  return {
    scenario: { ...base, ...costs.scenario, ...(wake?.wakeMs ? { wakeMs: wake.wakeMs } : {}) },
    inputs: costs.inputs,
    assumptions: notes,
  };
}

/**
 * What each task's round trip costs beyond a back-to-back one, because the caller waited through the
 * task and the worker through the caller's turn (`roundTripAround` at the task's CPU time), and a note.
 */
function wakeCosts(floors: PrimitiveFloors, cpuMs: readonly number[]): { wakeMs?: number[]; note: string } {
  const trip = floors.roundTrip?.ms ?? 0;
  const longest = floors.busy[floors.busy.length - 1];
  if (!longest)
    return {
      note: `no busy-roundtrip floors for ${floors.primitive}: each round trip is taken as back to back (an older run)`,
    };
  // A pool cell has a round-trip floor here (`roundTripAndPayload` said unknown otherwise).
  const wakeMs = cpuMs.map((ms) => Math.max(0, (roundTripAround(floors, ms) as number) - trip));
  return {
    wakeMs,
    note: `a round trip around a task costs more than back to back (a waiting core sleeps and must be woken): ${fmt(longest.ms)} ms after ${fmt(longest.busyMs)} ms busy against ${fmt(trip)} ms (busy-roundtrip medians, linear between busy times)`,
  };
}

interface Costs {
  readonly scenario: Partial<Scenario>;
  readonly inputs: Record<string, number>;
  readonly assumptions: string[];
}

/** The per-task message, payload and start-up costs of `policy` on `floors`' primitive. */
function messageCosts(
  cell: Cell,
  policy: PolicyKind,
  floors: PrimitiveFloors,
  context: ModelContext,
  cpuMs: readonly number[],
  lanes: number,
): Costs | Unknown {
  const base = roundTripAndPayload(cell, floors);
  if ('unknown' in base) return base;
  const trip = base.scenario.dispatchMs ?? 0;
  const extra =
    policy === 'pipelined'
      ? pipelinedCosts(floors, context, trip, cpuMs, lanes)
      : policy === 'cold'
        ? coldCosts(floors, trip)
        : overheadCosts(cell, context, policy, trip);
  if ('unknown' in extra) return extra;
  return {
    scenario: { ...base.scenario, ...extra.scenario },
    inputs: { ...base.inputs, ...extra.inputs },
    assumptions: [...base.assumptions, ...extra.assumptions],
  };
}

/** Every off-thread task: one round trip, and its data beyond a small message. */
function roundTripAndPayload(cell: Cell, floors: PrimitiveFloors): Costs | Unknown {
  const trip = floors.roundTrip;
  if (!trip) return { unknown: `no round-trip floor for ${floors.primitive} in this run` };
  const bytes = cell.metrics?.bytesMovedPerSample;
  if (bytes === undefined)
    return { unknown: 'the cell recorded no bytes moved: its payload cost is unknown' };
  const perTask = cell.tasksPerSample > 0 ? bytes / cell.tasksPerSample : 0;
  const serialization = cell.options.serialization;
  const payload = payloadCost(floors, perTask, typeof serialization === 'string' ? serialization : undefined);
  if ('unknown' in payload) return payload;
  return {
    scenario: { dispatchMs: trip.ms, payloadMs: payload.ms },
    inputs: { roundTripMs: trip.ms, bytesPerTask: perTask, payloadMs: payload.ms },
    assumptions: [payload.note, fewSamples(`${floors.primitive} round-trip`, trip)].filter(
      (note): note is string => note !== undefined,
    ),
  };
}

/**
 * Pipelined: on each lane, every task's cost beyond its work as the `pipelined-busy` floors read it at the
 * batch's mean task size (the calling thread taking results while the lanes compute); the empty-task
 * stream's per-task cost bounds the batch from below on the main thread; plus one round trip. A run
 * without busy floors (older) takes the stream's cost on the lanes too.
 */
function pipelinedCosts(
  floors: PrimitiveFloors,
  context: ModelContext,
  tripMs: number,
  cpuMs: readonly number[],
  lanes: number,
): Costs | Unknown {
  const stream = context.pipelined.get(floors.primitive);
  if (!stream)
    return {
      unknown: `no pipelined floor for ${floors.primitive} (no ok empty-task pipelined cell in this run)`,
    };
  const meanMs = cpuMs.length > 0 ? cpuMs.reduce((sum, ms) => sum + ms, 0) / cpuMs.length : 0;
  const probeLanes = floors.pipelinedBusy[0]?.lanes ?? 1;
  // Empty tasks: the stream's per-task cost, n of them over the lanes: stream × lanes per task and lane.
  const busy = pipelinedOverhead(floors, meanMs, stream.ms * lanes);
  const streamNote = `at least ${fmt(stream.ms)} ms per task on the main thread (empty tasks, ${stream.source})`;
  return {
    scenario: { dispatchMs: busy ?? stream.ms, streamMs: stream.ms, latencyMs: tripMs },
    inputs: { pipelinedPerTaskMs: stream.ms, ...(busy !== undefined ? { pipelinedBusyMs: busy } : {}) },
    assumptions:
      busy === undefined
        ? [`pipelined: ${fmt(stream.ms)} ms per task (empty tasks, ${stream.source}) plus one round trip`]
        : [
            `pipelined: ${fmt(busy)} ms per task and lane beyond its work at ${fmt(meanMs)} ms tasks (pipelined-busy floors on ${probeLanes} lanes, medians, linear between task sizes, from the empty-task stream at 0 ms); ${streamNote}; plus one round trip`,
          ],
  };
}

/** A cold process per task: its start-up, then one round trip. */
function coldCosts(floors: PrimitiveFloors, tripMs: number): Costs | Unknown {
  if (!floors.startup) return { unknown: `no start-up floor for ${floors.primitive} in this run` };
  const few = fewSamples(`${floors.primitive} start-up`, floors.startup);
  return {
    scenario: { startMs: floors.startup.ms },
    inputs: { startupMs: floors.startup.ms },
    assumptions: [
      `each task starts a process: ${fmt(floors.startup.ms)} ms (p10, a bare peer: loading the workload is not in it)`,
      `each task pays one ${floors.primitive} round trip, ${fmt(tripMs)} ms (p10)`,
      ...(few ? [few] : []),
    ],
  };
}

/** A warm pool: one round trip per task, and the strategy's own cost read from its empty-task cells. */
function overheadCosts(cell: Cell, context: ModelContext, policy: PolicyKind, tripMs: number): Costs {
  const trip = `each task pays one round trip, ${fmt(tripMs)} ms (p10)`;
  const empty = policy === 'pool' ? emptyTaskFloor(context, cell.strategy, cell.concurrency) : undefined;
  if (!empty) return { scenario: {}, inputs: {}, assumptions: [trip] };
  const overheadMs = Math.max(0, empty.ms - tripMs);
  return {
    scenario: { overheadMs },
    inputs: { emptyTaskMs: empty.ms, overheadMs },
    assumptions: [
      trip,
      `${cell.strategy}'s own cost: ${fmt(overheadMs)} ms per task over the round trip (empty tasks at concurrency ${empty.concurrency}: ${fmt(empty.ms)} ms per task and lane)`,
    ],
  };
}
