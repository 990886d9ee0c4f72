// The measuring side of a child process (Node, Bun, Deno, another Node version): what runs in the process
// that measures, on behalf of the host that keeps the results. It answers the host's requests with core's
// measurement loop and calibration, and reports every event as it happens, so that nothing measured is
// lost if this process dies. Node's APIs only (every server runtime has them).
import { availableParallelism } from 'node:os';
import {
  CancelToken,
  describeThrown,
  executeCalibrate,
  executeMeasure,
  type FromSide,
  type MeasureEvent,
  measureTimerResolution,
  type SideIdentity,
  type SideReply,
  type SideRuntime,
  type ToSide,
} from '@paralab/core';

/** A runtime's measuring side: its strategies, loader, probes, and what it says about itself. */
export interface MeasuringRuntime extends Omit<SideRuntime, 'faults' | 'memory'> {
  /**
   * The runtime, its version and engine. The cores and the timer's resolution are read here, alike for every
   * runtime, unless the runtime says them itself.
   */
  identity(): Omit<SideIdentity, 'availableParallelism' | 'timerResolutionMs'> &
    Partial<Pick<SideIdentity, 'availableParallelism' | 'timerResolutionMs'>>;
  /**
   * How this runtime forces a full garbage collection (`run`) and how that reads in the results (`how`):
   * each cell's own footprint is this process's RSS after it, children included. Without it, cells record
   * no footprint.
   */
  readonly gc?: { run(): void; readonly how: string };
}

/**
 * Serves the host over this process's IPC channel until the host disconnects (then this process exits:
 * it never outlives the host). Faults no task caught (unhandled rejections, uncaught exceptions) are
 * handed to the measurement loop, which errors the cell they belong to instead of letting them end the run.
 */
export function serveMeasuringSide(runtime: MeasuringRuntime): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('the measuring side must be started by the host with an IPC channel');
  const post = (message: FromSide): void => {
    send(message);
  };
  const faults = faultListeners();
  const { identity, gc, ...rest } = runtime;
  const side: SideRuntime = {
    ...rest,
    faults: faults.subscribe,
    ...(gc && {
      memory: {
        rss: () => process.memoryUsage.rss(),
        gc: gc.run,
        source: `process.memoryUsage.rss() of the measuring process after ${gc.how}, plus its child processes`,
      },
    }),
  };
  let interrupt = new CancelToken();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ToSide) => {
    if (message.type === 'interrupt') interrupt.cancel(new Error('interrupted by the host'));
    else {
      if (interrupt.cancelled) interrupt = new CancelToken();
      void answer(message.id, message.request, side, interrupt, post);
    }
  });
  post({
    type: 'hello',
    identity: {
      availableParallelism: availableParallelism(),
      timerResolutionMs: measureTimerResolution(),
      ...identity(),
    },
  });
}

async function answer(
  id: number,
  request: Extract<ToSide, { type: 'request' }>['request'],
  side: SideRuntime,
  interrupt: CancelToken,
  post: (message: FromSide) => void,
): Promise<void> {
  const call = { interrupt, onEvent: (event: MeasureEvent) => post({ type: 'event', event }) };
  try {
    const reply: SideReply =
      request.type === 'measure'
        ? await executeMeasure(request, side, call)
        : await executeCalibrate(request, side, call);
    post({ type: 'reply', id, reply });
  } catch (thrown) {
    post({ type: 'failed', id, message: describeThrown(thrown) });
  }
}

/** This process's unhandled rejections and uncaught exceptions, delivered to whoever listens now. */
function faultListeners() {
  const listeners = new Set<(thrown: unknown) => void>();
  const deliver = (thrown: unknown): void => {
    if (listeners.size === 0)
      process.stderr.write(`paralab: a fault outside any cell: ${describeThrown(thrown)}\n`);
    for (const listener of listeners) listener(thrown);
  };
  process.on('unhandledRejection', deliver);
  process.on('uncaughtException', deliver);
  return {
    subscribe(listener: (thrown: unknown) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
