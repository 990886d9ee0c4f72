// The calibration messages are core's (its peer probes speak them, in every runner); re-exported for the
// calibration worker and child entries.
export type { FromCalibrationPeer, ToCalibrationPeer } from '@paralab/core/workload';
