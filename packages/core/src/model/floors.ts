// The floors the cost model reads from a run's calibration cells (the low end of each primitive's cost),
// and which primitive a measured cell ran on, derived from what the cell itself recorded.
import type { Cell } from '../schema.js';
import { FLOOR_MIN_SAMPLES, lowEnd, medianOf } from '../stats/summary.js';
import { polyline } from './polyline.js';

/** A floor read from one run: the low end (p10) of a cell's samples. */
export interface Floor {
  /** p10 of the samples (core's `lowEnd`), ms per operation. */
  readonly ms: number;
  /** Samples it was read from; a floor wants at least `FLOOR_MIN_SAMPLES` (20). */
  readonly n: number;
  /** The id of the cell it was read from. */
  readonly source: string;
}

/** One payload round trip floor: `bytes` sent to a warm peer and back. */
export interface PayloadFloor extends Floor {
  /** Bytes each way. */
  readonly bytes: number;
}

/**
 * A round trip answered after the peer was busy `busyMs` while the caller waited (`busy-roundtrip`): its
 * time beyond the busy time. The median of its samples, each already the mean of many round trips: a batch
 * pays the mean of its tasks' round trips, and this cost is bimodal by nature (a core that went to sleep
 * must be woken, or not), so its low end would hide the very cost it measures.
 */
export interface BusyFloor extends Floor {
  /** How long the peer was busy before it answered, ms. */
  readonly busyMs: number;
}

/**
 * A pipelined batch of busy peers (`pipelined-busy`): its time beyond the work, per task and lane, with
 * tasks of `taskMs`. The median, as for the busy round trips: the cost is the calling thread taking a core
 * from a lane now and then, which the low end would leave out.
 */
export interface PipelinedBusyFloor extends Floor {
  /** Each task's work on the calling thread, ms. */
  readonly taskMs: number;
  /** Peers the tasks went to (the cores, when the probe ran). */
  readonly lanes: number;
}

/** What one primitive (`worker_threads`, `child_process`, `web-worker`, `bun-spawn`) costs in one run. */
export interface PrimitiveFloors {
  /** The primitive, as the calibration cells name it (their `strategy`). */
  readonly primitive: string;
  /** A thread (worker-startup, message-roundtrip probes) or a process (spawn, ipc-roundtrip probes). */
  readonly kind: 'thread' | 'process';
  /** The library the launcher recorded (`node:worker_threads`, `Web Worker`): cells that ran on it say the same. */
  readonly library?: string;
  /** Start to first message: `worker-startup` or `spawn`, ms. */
  readonly startup?: Floor;
  /** A small message to a warm peer and back: `message-roundtrip` or `ipc-roundtrip`, ms. */
  readonly roundTrip?: Floor;
  /** `busy-roundtrip` floors, sorted by `busyMs` (absent from runs before the probe existed). */
  readonly busy: readonly BusyFloor[];
  /** `pipelined-busy` floors, sorted by `taskMs` (threads; absent from runs before the probe existed). */
  readonly pipelinedBusy: readonly PipelinedBusyFloor[];
  /** The serialization of its cloned payload probes (`structured-clone`, `advanced`). */
  readonly cloneSerialization?: string;
  /** `payload-roundtrip` floors by mode, sorted by bytes. */
  readonly payload: { readonly clone: readonly PayloadFloor[]; readonly transfer: readonly PayloadFloor[] };
}

const PROBE_ROLES: Readonly<Record<string, { role: 'startup' | 'roundTrip'; kind: 'thread' | 'process' }>> = {
  'worker-startup': { role: 'startup', kind: 'thread' },
  'message-roundtrip': { role: 'roundTrip', kind: 'thread' },
  spawn: { role: 'startup', kind: 'process' },
  'ipc-roundtrip': { role: 'roundTrip', kind: 'process' },
};

/** The floor of a cell: p10 of its samples, undefined when it has none or is not ok. */
export function floorOf(cell: Cell, perOperation = 1): Floor | undefined {
  if (cell.status !== 'ok' || cell.samples.length === 0) return undefined;
  const low = lowEnd(cell.samples);
  return { ms: low.p10 / perOperation, n: low.n, source: cell.id };
}

/**
 * A floor read from the median of a cell's samples (which has some): for the costs the low end would leave
 * out (`BusyFloor`, `PipelinedBusyFloor`).
 */
function medianFloor(cell: Cell): Floor {
  return { ms: medianOf(cell.samples), n: cell.samples.length, source: cell.id };
}

/**
 * Every peer primitive's floors from a run's calibration cells, by primitive. Probes the model does not
 * use (timer, fetch) are left out; a primitive's first cell of each probe counts (a page's module worker
 * start-up comes before its classic one). Cells that are not ok are skipped.
 */
export function primitiveFloors(cells: readonly Cell[]): ReadonlyMap<string, PrimitiveFloors> {
  const byPrimitive = new Map<string, Cell[]>();
  for (const cell of cells) {
    if (cell.kind !== 'calibration' || cell.status !== 'ok') continue;
    byPrimitive.set(cell.strategy, [...(byPrimitive.get(cell.strategy) ?? []), cell]);
  }
  const floors = new Map<string, PrimitiveFloors>();
  for (const [primitive, group] of byPrimitive) {
    const known = group.find((cell) => PROBE_ROLES[String(cell.params.probe)]);
    if (!known) continue;
    floors.set(
      primitive,
      floorsOf(primitive, group, PROBE_ROLES[String(known.params.probe)]?.kind ?? 'thread'),
    );
  }
  return floors;
}

/**
 * The cells a primitive's round trips are read from: those measured beside a group of the run's work when
 * its busy round trips were (the grain sweep's, see the host's `grainFloors`: a round trip's cost moves
 * by 3x from one minute to the next on a shared machine, and the plain and busy round trips are read
 * together), else those of the calibration at the start.
 */
function roundTripCells(group: readonly Cell[]): Cell[] {
  const beside = group.find(
    (c) => c.params.probe === 'busy-roundtrip' && c.params.interleavedWith !== undefined,
  )?.params.interleavedWith;
  return group.filter((c) => c.params.interleavedWith === beside);
}

function floorsOf(primitive: string, all: readonly Cell[], kind: 'thread' | 'process'): PrimitiveFloors {
  const trips = roundTripCells(all);
  const probe = (role: 'startup' | 'roundTrip'): Floor | undefined => {
    const cell = [...trips, ...all].find((c) => PROBE_ROLES[String(c.params.probe)]?.role === role);
    return cell ? floorOf(cell) : undefined;
  };
  const payload = (mode: 'clone' | 'transfer'): PayloadFloor[] =>
    all
      .filter((c) => c.params.probe === 'payload-roundtrip' && c.params.mode === mode)
      .map((c) => ({ cell: c, floor: floorOf(c) }))
      .filter((p): p is { cell: Cell; floor: Floor } => p.floor !== undefined)
      .map(({ cell, floor }) => ({ ...floor, bytes: Number(cell.params.bytes) }))
      .filter((p) => Number.isFinite(p.bytes) && p.bytes > 0)
      .sort((a, b) => a.bytes - b.bytes);
  const busy = trips
    .filter((c) => c.params.probe === 'busy-roundtrip' && c.samples.length > 0)
    .map((c) => ({ ...medianFloor(c), busyMs: Number(c.params.busyMs) }))
    .filter((f) => Number.isFinite(f.busyMs) && f.busyMs > 0)
    .sort((a, b) => a.busyMs - b.busyMs);
  const pipelinedBusy = all
    .filter((c) => c.params.probe === 'pipelined-busy' && c.samples.length > 0)
    .map((c) => ({ ...medianFloor(c), taskMs: Number(c.params.taskMs), lanes: Number(c.params.lanes) }))
    .filter((f) => Number.isFinite(f.taskMs) && f.taskMs > 0 && Number.isInteger(f.lanes) && f.lanes > 0)
    .sort((a, b) => a.taskMs - b.taskMs);
  const library = all.find((c) => typeof c.options.library === 'string')?.options.library;
  const cloned = all.find((c) => c.params.probe === 'payload-roundtrip' && c.params.mode === 'clone');
  const startup = probe('startup');
  const roundTrip = probe('roundTrip');
  return {
    primitive,
    kind,
    ...(typeof library === 'string' ? { library } : {}),
    ...(startup ? { startup } : {}),
    ...(roundTrip ? { roundTrip } : {}),
    ...(typeof cloned?.options.serialization === 'string'
      ? { cloneSerialization: cloned.options.serialization }
      : {}),
    busy,
    pipelinedBusy,
    payload: { clone: payload('clone'), transfer: payload('transfer') },
  };
}

/**
 * What a pipelined batch costs beyond its work per task and lane with tasks of `taskMs`, ms: read off the
 * `pipelined-busy` floors, linear between neighbouring task sizes, flat past the largest (never below 0: a
 * sample can come out under the work by noise); below the smallest, linear down to `emptyMs` at 0 ms (the
 * empty-task stream's cost per task and lane) when given, else flat. Undefined without such floors.
 */
export function pipelinedOverhead(
  floors: PrimitiveFloors,
  taskMs: number,
  emptyMs?: number,
): number | undefined {
  if (floors.pipelinedBusy.length === 0) return undefined;
  const points = [
    ...(emptyMs !== undefined ? [{ x: 0, y: emptyMs }] : []),
    ...floors.pipelinedBusy.map((f) => ({ x: f.taskMs, y: Math.max(0, f.ms) })),
  ];
  return polyline(points, taskMs, 'flat');
}

/**
 * What a round trip costs around a task of `taskMs` on this primitive, ms: read off the `busy-roundtrip`
 * floors, linear between neighbouring busy times, from the back-to-back round trip at 0 ms, flat past the
 * longest busy time. Undefined without a round-trip floor; the round trip itself without busy floors.
 */
export function roundTripAround(floors: PrimitiveFloors, taskMs: number): number | undefined {
  const base = floors.roundTrip?.ms;
  if (base === undefined) return undefined;
  const points = [{ x: 0, y: base }, ...floors.busy.map((f) => ({ x: f.busyMs, y: f.ms }))];
  return polyline(points, taskMs, 'flat');
}

/**
 * The primitive a measured cell ran on, from what the cell recorded: `options.primitive` when a strategy
 * names it; else the primitive whose calibration cells recorded the cell's `options.library` (launchers
 * record `node:worker_threads`, `node:child_process`, `Web Worker`, `Bun.spawn`), or its `options.api` (a
 * pool library that records the API it runs on: `api: 'node:worker_threads'`); else, for a pool library
 * (piscina, tinypool, workerpool), the run's only primitive of the cell's kind (family `processes` or
 * `workerType: 'process'` -> a process, otherwise a thread). Says "unknown primitive" otherwise.
 */
export function primitiveOf(
  cell: Cell,
  floors: ReadonlyMap<string, PrimitiveFloors>,
): { primitive: PrimitiveFloors; assumption?: string } | { unknown: string } {
  const named = cell.options.primitive;
  if (typeof named === 'string' && floors.has(named))
    return { primitive: floors.get(named) as PrimitiveFloors };
  const { library, api } = cell.options;
  const byLibrary = [...floors.values()].find(
    (f) => f.library !== undefined && (f.library === library || f.library === api),
  );
  if (byLibrary) return { primitive: byLibrary };
  const kind = cell.family === 'processes' || cell.options.workerType === 'process' ? 'process' : 'thread';
  const candidates = [...floors.values()].filter((f) => f.kind === kind);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) {
    const what = typeof library === 'string' ? library : cell.strategy;
    return {
      primitive: only,
      assumption: `${what} is taken to run on ${only.primitive}, the run's only ${kind} primitive`,
    };
  }
  const why =
    candidates.length === 0
      ? `no calibrated ${kind} primitive in this run`
      : `${candidates.map((f) => f.primitive).join(' or ')}: the cell does not say which`;
  return { unknown: `unknown primitive for ${cell.strategy} (library ${String(library)}): ${why}` };
}

/** A note for a floor read from fewer samples than a floor wants, or undefined. */
export function fewSamples(name: string, floor: Floor): string | undefined {
  return floor.n < FLOOR_MIN_SAMPLES
    ? `${name} floor is the p10 of only ${floor.n} samples (fewer than ${FLOOR_MIN_SAMPLES}): rough`
    : undefined;
}
