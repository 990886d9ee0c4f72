export { type CalibrationOptions, calibrate, nodeCalibrationProbes } from './calibrate.js';
export { ipcRoundtripProbe, spawnProbe } from './processes.js';
export {
  CALIBRATION_WORKLOAD,
  type CalibrationProbe,
  type CalibrationSession,
  MIN_CALIBRATION_SAMPLES,
  type ProbeRunOptions,
  runCalibrationProbe,
} from './run-probe.js';
export type { Channel, Peer, ProbeScope } from './scope.js';
export {
  messageRoundtripProbe,
  PAYLOAD_SIZES,
  payloadRoundtripProbe,
  payloadRoundtripProbes,
  workerStartupProbe,
} from './threads.js';
export { timerResolutionProbe } from './timer.js';
