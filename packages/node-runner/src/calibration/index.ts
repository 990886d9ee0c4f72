export {
  CALIBRATION_WORKLOAD,
  type CalibrationSession,
  MIN_CALIBRATION_SAMPLES,
  type ProbeRunOptions,
  runCalibrationProbe,
  timerResolutionProbe,
} from '@paralab/core';
export { type CalibrationOptions, calibrate, nodeCalibrationProbes } from './calibrate.js';
export { ipcRoundtripProbe, spawnProbe } from './processes.js';
export type { CalibrationProbe, Channel, Peer, ProbeScope } from './scope.js';
export {
  messageRoundtripProbe,
  PAYLOAD_SIZES,
  payloadRoundtripProbe,
  payloadRoundtripProbes,
  workerStartupProbe,
} from './threads.js';
