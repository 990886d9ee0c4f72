// Bun's measuring side: the process the host starts (with a Bun binary) to measure in.
import { availableParallelism } from 'node:os';
import { importWorkload, measureTimerResolution } from '@paralab/core';
import { serveMeasuringSide } from '@paralab/host/measuring';
import { bunCalibrationProbes } from '../calibration.js';
import { bunProbe } from '../probe.js';
import { bunStrategies } from '../strategies/index.js';

serveMeasuringSide({
  strategies: bunStrategies,
  load: importWorkload,
  probe: bunProbe,
  calibrationProbes: () => bunCalibrationProbes,
  memory: {
    rss: () => process.memoryUsage.rss(),
    gc: () => Bun.gc(true),
    source: 'process.memoryUsage.rss() of the measuring process after Bun.gc(true), plus its child processes',
  },
  identity: () => ({
    runtime: 'bun',
    version: Bun.version,
    engine: `JavaScriptCore (WebKit ${process.versions.webkit ?? 'unknown'})`,
    availableParallelism: availableParallelism(),
    timerResolutionMs: measureTimerResolution(),
  }),
});
