// What a measuring side does with a request, the same in a child process of any runtime and in a page:
// turn the wire cells into plans with its own strategies and loader, then run core's measurement loop or
// its calibration. The transport (IPC, a page binding) is the side's own.
import { calibrateProbes } from '../calibration.js';
import { LaunchScope, type PeerScope } from '../calibration-peers.js';
import type { CalibrationProbe } from '../calibration-types.js';
import type { CancelToken } from '../cancel.js';
import { bug } from '../errors.js';
import { measure } from '../measure.js';
import type { MeasureEvent, MeasureOptions, MeasureResult } from '../measure-types.js';
import type { CellPlan } from '../plan.js';
import type { ProbeFactory } from '../probe.js';
import type { Cell } from '../schema.js';
import type { Strategy, WorkloadRef } from '../strategy.js';
import type { AnyWorkload } from '../workload.js';
import type { CalibrateRequest, MeasureRequest } from './protocol.js';

/** What a runtime brings to its measuring side. */
export interface SideRuntime {
  /** Every strategy the side runs, by the names the host plans with. */
  readonly strategies: readonly Strategy[];
  /** Imports a workload on this side. */
  load(ref: WorkloadRef): Promise<AnyWorkload>;
  /** The resource probe of each cell. */
  readonly probe?: ProbeFactory;
  /** The calibration probes of this runtime, in order; `services` lets a probe use the run's servers. */
  calibrationProbes(services: CalibrateRequest['services']): readonly CalibrationProbe<PeerScope>[];
  /** Faults of this thread no task caught (see `MeasureOptions.faults`). */
  readonly faults?: MeasureOptions['faults'];
  /** How this side reads its memory, for each cell's own footprint. */
  readonly memory?: MeasureOptions['memory'];
}

/** How a request runs: cancelled by the host's interrupt; progress goes back to the host. */
export interface SideCall {
  readonly interrupt?: CancelToken;
  readonly onEvent: (event: MeasureEvent) => void;
}

/** Runs a group of cells with core's measurement loop. */
export async function executeMeasure(
  request: MeasureRequest,
  runtime: SideRuntime,
  call: SideCall,
): Promise<MeasureResult> {
  const workloads = new Map<string, Promise<AnyWorkload>>();
  const plans: CellPlan[] = [];
  for (const cell of request.cells) {
    const key = `${cell.ref.module}#${cell.ref.id}`;
    const loading = workloads.get(key) ?? runtime.load(cell.ref);
    workloads.set(key, loading);
    const strategy = runtime.strategies.find((candidate) => candidate.name === cell.strategy);
    if (!strategy)
      throw bug(`the measuring side has no strategy "${cell.strategy}" though the host planned it`);
    plans.push({
      workload: await loading,
      ref: cell.ref,
      params: cell.params,
      strategy,
      concurrency: cell.concurrency,
    });
  }
  const probes = runtime.calibrationProbes(request.services);
  // A key names every probe of that name: `worker_threads/busy-roundtrip` is one probe per busy time.
  const floors = (request.floors ?? []).flatMap((key) => {
    const named = probes.filter((candidate) => `${candidate.primitive}/${candidate.name}` === key);
    if (named.length === 0)
      throw bug(`the measuring side has no calibration probe "${key}" though the host planned it`);
    return named;
  });
  return measure(plans, {
    floors,
    profile: request.profile,
    seed: request.seed,
    services: request.services,
    availableParallelism: request.availableParallelism,
    timerResolutionMs: request.timerResolutionMs,
    interrupt: call.interrupt,
    probe: runtime.probe,
    faults: runtime.faults,
    memory: runtime.memory,
    onEvent: call.onEvent,
  });
}

/** Measures the runtime's calibration floors. */
export async function executeCalibrate(
  request: CalibrateRequest,
  runtime: SideRuntime,
  call: SideCall,
): Promise<{ cells: Cell[] }> {
  const cells = await calibrateProbes({
    profile: request.profile,
    probes: runtime.calibrationProbes(request.services),
    makeScope: () => new LaunchScope(),
    interrupt: call.interrupt,
    onEvent: call.onEvent,
    timerResolutionMs: request.timerResolutionMs,
  });
  return { cells };
}
