// Node's measuring side: the process the host starts to measure in. Its strategies, probe and
// calibration are Node's; the loop and the protocol are core's and the host's.
import { availableParallelism } from 'node:os';
import { measureTimerResolution } from '@paralab/core';
import { serveMeasuringSide } from '@paralab/host/measuring';
import { loadWorkload, nodeCalibrationProbes, nodeProbe, nodeStrategies } from '@paralab/node-api';

serveMeasuringSide({
  strategies: nodeStrategies,
  load: loadWorkload,
  probe: nodeProbe,
  calibrationProbes: () => nodeCalibrationProbes,
  memory: {
    rss: () => process.memoryUsage.rss(),
    gc: () => (globalThis as { gc?: () => void }).gc?.(),
    source:
      'process.memoryUsage.rss() of the measuring process after gc() (--expose-gc), plus its child processes',
  },
  identity: () => ({
    runtime: 'node',
    version: process.versions.node,
    engine: `V8 ${process.versions.v8}`,
    availableParallelism: availableParallelism(),
    timerResolutionMs: measureTimerResolution(),
  }),
});
