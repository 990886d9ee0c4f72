// Node's measuring side: the process the host starts to measure in. Its strategies, probe and
// calibration are Node's; the loop and the protocol are core's and the host's.
import { serveMeasuringSide } from '@paralab/host/measuring';
import { loadWorkload, nodeCalibrationProbes, nodeProbe, nodeStrategies } from '@paralab/node-api';

serveMeasuringSide({
  strategies: nodeStrategies,
  load: loadWorkload,
  probe: nodeProbe,
  calibrationProbes: () => nodeCalibrationProbes,
  gc: { run: () => (globalThis as { gc?: () => void }).gc?.(), how: 'gc() (--expose-gc)' },
  identity: () => ({
    runtime: 'node',
    version: process.versions.node,
    engine: `V8 ${process.versions.v8}`,
  }),
});
