// The page harness: what the runner's page loads. It installs `globalThis.paralab` (see `PageApi`), through
// which the runner sets the page up, calibrates, and measures one group of cells at a time; progress and
// usage requests go back through the runner's binding.
import { type MeasureEvent, measureTimerResolution } from '@paralab/core';
import type { PageApi, PageIdentity } from '../protocol.js';
import { calibratePage } from './calibration/index.js';
import { callHost } from './host.js';
import { interruptMeasuring, measureInPage } from './measure.js';
import { setSetup } from './setup.js';

/** Sends a progress event to the runner without waiting for it (outside any timed region). */
function report(event: MeasureEvent): void {
  void callHost({ type: 'event', event });
}

function identify(): PageIdentity {
  return {
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: Math.max(1, navigator.hardwareConcurrency || 1),
    timerResolutionMs: measureTimerResolution(),
  };
}

const api: PageApi = {
  async setup(setup) {
    setSetup(setup);
    return identify();
  },
  burn(ms) {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // Busy on purpose: the runner watches which renderer process's CPU time moves.
    }
  },
  calibrate: (request) => calibratePage(request, report),
  measure: (request) => measureInPage(request, report),
  interrupt: interruptMeasuring,
};

(globalThis as unknown as { paralab: PageApi }).paralab = api;
document.title = 'paralab: ready';
