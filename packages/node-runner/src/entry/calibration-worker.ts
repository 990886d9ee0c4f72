// A calibration worker: it imports nothing at run time and answers at once, so what the runner times is
// the primitive itself (start-up, one message each way, a payload copied or transferred).
import { parentPort } from 'node:worker_threads';
import type { FromCalibrationPeer, ToCalibrationPeer } from '../calibration/protocol.js';

const port = parentPort;
if (!port) throw new Error('entry/calibration-worker.js must run in a worker thread');

port.on('message', (message: ToCalibrationPeer) => {
  if (message.type === 'paralab:ping') {
    port.postMessage({ type: 'paralab:pong', id: message.id } satisfies FromCalibrationPeer);
  } else if (message.type === 'paralab:echo') {
    const reply: FromCalibrationPeer = { type: 'paralab:echo', data: message.data };
    // A transferred buffer goes back the same way: nothing is copied in either direction.
    port.postMessage(reply, message.transfer ? [message.data.buffer as ArrayBuffer] : []);
  }
});
port.postMessage({ type: 'paralab:ready' } satisfies FromCalibrationPeer);
