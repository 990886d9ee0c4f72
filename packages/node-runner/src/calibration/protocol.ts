/** Messages from the runner to a calibration worker (`entry/calibration-worker.js`) or child process. */
export type ToCalibrationPeer =
  /** Answer with a pong carrying the same id. */
  | { readonly type: 'paralab:ping'; readonly id: number }
  /** Send `data` straight back, transferring its buffer when `transfer` is true (workers only). */
  | { readonly type: 'paralab:echo'; readonly data: Uint8Array; readonly transfer: boolean };

/** Messages from a calibration worker or child process to the runner. */
export type FromCalibrationPeer =
  /** The first message, posted as soon as the entry module runs. */
  | { readonly type: 'paralab:ready' }
  | { readonly type: 'paralab:pong'; readonly id: number }
  | { readonly type: 'paralab:echo'; readonly data: Uint8Array };
