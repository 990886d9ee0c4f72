// Deno's measuring side: the process the host starts (with a deno binary) to measure in.
import { serveMeasuringSide } from '@paralab/host/measuring';
import { loadWorkload } from '@paralab/node-api/runtime';
import { deno } from '../_deno.js';
import { denoCalibrationProbes } from '../calibration.js';
import { denoProbe } from '../probe.js';
import { denoStrategies } from '../strategies/index.js';

serveMeasuringSide({
  strategies: denoStrategies,
  load: loadWorkload,
  probe: denoProbe,
  calibrationProbes: () => denoCalibrationProbes,
  gc: { run: () => (globalThis as { gc?: () => void }).gc?.(), how: 'gc() (--v8-flags=--expose-gc)' },
  identity: () => ({
    runtime: 'deno',
    version: deno().version.deno,
    engine: `V8 ${deno().version.v8}`,
  }),
});
