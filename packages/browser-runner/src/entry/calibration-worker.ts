// The calibration worker, bundled twice: as an ES module and as a classic script, to compare the two kinds
// of Web Worker start-up. It imports nothing at run time, so both start from the same few bytes. It says
// ready at once, answers pings and echoes payloads (transferring them back when they came transferred).
import type { FromCalibrationPeer, ToCalibrationPeer } from '@paralab/core/workload';

const post = (message: FromCalibrationPeer, transfer: Transferable[] = []): void =>
  self.postMessage(message, transfer);

self.addEventListener('message', (event: MessageEvent<ToCalibrationPeer>) => {
  const message = event.data;
  if (message.type === 'paralab:ping') post({ type: 'paralab:pong', id: message.id });
  else
    post(
      { type: 'paralab:echo', data: message.data },
      message.transfer ? [message.data.buffer as ArrayBuffer] : [],
    );
});

post({ type: 'paralab:ready' });
