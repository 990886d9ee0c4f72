// Deno's measuring side: the process the host starts (with a deno binary) to measure in.
import { availableParallelism } from 'node:os';
import { measureTimerResolution } from '@paralab/core';
import { serveMeasuringSide } from '@paralab/host/measuring';
import { deno } from '../_deno.js';
import { denoCalibrationProbes } from '../calibration.js';
import { denoProbe } from '../probe.js';
import { denoStrategies } from '../strategies/index.js';
import { loadWorkload } from './_load.js';

serveMeasuringSide({
  strategies: denoStrategies,
  load: loadWorkload,
  probe: denoProbe,
  calibrationProbes: () => denoCalibrationProbes,
  memory: {
    rss: () => process.memoryUsage.rss(),
    gc: () => (globalThis as { gc?: () => void }).gc?.(),
    source:
      'process.memoryUsage.rss() of the measuring process after gc() (--v8-flags=--expose-gc), plus its child processes',
  },
  identity: () => ({
    runtime: 'deno',
    version: deno().version.deno,
    engine: `V8 ${deno().version.v8}`,
    availableParallelism: availableParallelism(),
    timerResolutionMs: measureTimerResolution(),
  }),
});
