// Bun's measuring side: the process the host starts (with a Bun binary) to measure in.
import { importWorkload } from '@paralab/core';
import { serveMeasuringSide } from '@paralab/host/measuring';
import { bunCalibrationProbes } from '../calibration.js';
import { bunProbe } from '../probe.js';
import { bunStrategies } from '../strategies/index.js';

serveMeasuringSide({
  strategies: bunStrategies,
  load: importWorkload,
  probe: bunProbe,
  calibrationProbes: () => bunCalibrationProbes,
  gc: { run: () => Bun.gc(true), how: 'Bun.gc(true)' },
  identity: () => ({
    runtime: 'bun',
    version: Bun.version,
    engine: `JavaScriptCore (WebKit ${process.versions.webkit ?? 'unknown'})`,
  }),
});
