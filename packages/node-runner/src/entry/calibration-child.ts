// A calibration child process (started with child_process.fork): it imports nothing at run time and
// answers at once, so what the runner times is the primitive itself (spawn, one IPC message each way).
import type { FromCalibrationPeer, ToCalibrationPeer } from '../calibration/protocol.js';

const send = process.send?.bind(process);
if (!send)
  throw new Error('entry/calibration-child.js must be started by child_process.fork (no IPC channel)');

process.on('message', (message: ToCalibrationPeer) => {
  if (message.type === 'paralab:ping')
    send({ type: 'paralab:pong', id: message.id } satisfies FromCalibrationPeer);
});
send({ type: 'paralab:ready' } satisfies FromCalibrationPeer);
