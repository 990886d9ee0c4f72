// A calibration Web Worker: it imports nothing at run time and answers at once, so what the runner times
// is the primitive itself (start-up to first message, one message each way).
import type { FromCalibrationPeer, ToCalibrationPeer } from '@paralab/node-runner';

const post = (message: FromCalibrationPeer): void => postMessage(message);

addEventListener('message', (event: MessageEvent<ToCalibrationPeer>) => {
  const message = event.data;
  if (message.type === 'paralab:ping') post({ type: 'paralab:pong', id: message.id });
});
post({ type: 'paralab:ready' });
