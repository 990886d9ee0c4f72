// The page harness: what the runner's page loads. It installs `globalThis.paralab` (see `PageApi`), through
// which the page session sets the page up and connects it to the runner's channel; the runner's requests
// (calibrate, measure a group) then arrive on that channel and are answered with core's loops, every event
// sent back as it happens.
import {
  bug,
  busyFor,
  CancelToken,
  describeThrown,
  executeCalibrate,
  executeMeasure,
  faultsOfThisScope,
  importWorkload,
  type MeasureEvent,
  measureTimerResolution,
  type SideRequest,
  type SideRuntime,
  type ToSide,
} from '@paralab/core';
import { ENGINES } from '../engines.js';
import type { BrowserEngine, PageApi, PageIdentity } from '../protocol.js';
import { pageCalibrationProbes } from './calibration/index.js';
import { callHost, connectHost, sendToHost } from './host.js';
import { browserProbe } from './probe.js';
import { moduleUrl, setSetup } from './setup.js';
import { browserStrategies } from './strategies/index.js';

function identify(): PageIdentity {
  return {
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: Math.max(1, navigator.hardwareConcurrency || 1),
    timerResolutionMs: measureTimerResolution(),
  };
}

/** The page as a measuring side: its strategies, loader (module names mapped to served URLs) and probes. */
function sideRuntime(engine: BrowserEngine): SideRuntime {
  return {
    strategies: browserStrategies,
    load: (ref) => importWorkload({ module: moduleUrl(ref.module), id: ref.id }),
    probe: browserProbe,
    calibrationProbes: pageCalibrationProbes,
    memory: {
      rss: async () => {
        const rss = await callHost({ type: 'memory' });
        return typeof rss === 'number' ? rss : 0;
      },
      source: `the page's ${ENGINES[engine].pageProcess} RSS (main thread and workers), read by the runner from the OS`,
    },
    faults: faultsOfThisScope,
  };
}

let runtime: SideRuntime | undefined;
let interrupt = new CancelToken();

/** One message of the runner's: a request is answered (reply or failure) on the channel; interrupt stops it. */
function serve(message: ToSide): void {
  if (message.type === 'interrupt') {
    interrupt.cancel(new Error('interrupted by the runner'));
    return;
  }
  if (interrupt.cancelled) interrupt = new CancelToken();
  void answer(message.id, message.request);
}

async function answer(id: number, request: SideRequest): Promise<void> {
  const call = { interrupt, onEvent: (event: MeasureEvent) => sendToHost({ type: 'event', event }) };
  try {
    if (!runtime) throw bug('the page was asked to measure before paralab.setup() was called');
    const reply =
      request.type === 'measure'
        ? await executeMeasure(request, runtime, call)
        : await executeCalibrate(request, runtime, call);
    sendToHost({ type: 'reply', id, reply });
  } catch (thrown) {
    sendToHost({ type: 'failed', id, message: describeThrown(thrown) });
  }
}

const api: PageApi = {
  async setup(setup, connection) {
    setSetup(setup, connection.engine);
    runtime = sideRuntime(connection.engine);
    await connectHost(connection.channel, serve);
    return identify();
  },
  burn(ms) {
    busyFor(ms); // the runner watches which process's CPU time moves
  },
};

(globalThis as unknown as { paralab: PageApi }).paralab = api;
document.title = 'paralab: ready';
