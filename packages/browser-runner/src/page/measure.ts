import {
  type AnyWorkload,
  bug,
  CancelToken,
  type CellPlan,
  type MeasureEvent,
  type MeasureResult,
  measure,
  type Strategy,
} from '@paralab/core';
import type { PageMeasureRequest } from '../protocol.js';
import { loadWorkload } from './load.js';
import { browserProbe } from './probe.js';
import { browserStrategies } from './strategies/index.js';

/** Cancelled by the runner's Ctrl-C: the loop stops after the current sample. */
let interrupt = new CancelToken();

/** Stops the measurement in progress after its current sample. */
export function interruptMeasuring(): void {
  interrupt.cancel(new Error('interrupted by the runner'));
}

/** Runs core's measurement loop in the page over the requested cells, with the page's strategies and probe. */
export async function measureInPage(
  request: PageMeasureRequest,
  onEvent: (event: MeasureEvent) => void,
): Promise<MeasureResult> {
  if (interrupt.cancelled) interrupt = new CancelToken();
  const workloads = new Map<string, AnyWorkload>();
  const plans: CellPlan[] = [];
  for (const cell of request.cells) {
    const key = `${cell.ref.module}#${cell.ref.id}`;
    let workload = workloads.get(key);
    if (!workload) {
      workload = await loadWorkload(cell.ref);
      workloads.set(key, workload);
    }
    plans.push({
      workload,
      ref: cell.ref,
      params: cell.params,
      strategy: strategyNamed(cell.strategy),
      concurrency: cell.concurrency,
    });
  }
  return measure(plans, {
    profile: request.profile,
    seed: request.seed,
    serverUrl: request.serverUrl,
    availableParallelism: request.availableParallelism,
    timerResolutionMs: request.timerResolutionMs,
    interrupt,
    probe: browserProbe,
    onEvent,
  });
}

function strategyNamed(name: string): Strategy {
  const strategy = browserStrategies.find((candidate) => candidate.name === name);
  if (!strategy) throw bug(`the page has no strategy "${name}" though the runner planned it`);
  return strategy;
}
