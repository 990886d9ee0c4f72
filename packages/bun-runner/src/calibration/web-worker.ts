import { Inbox, ParalabError } from '@paralab/core';
import type {
  CalibrationProbe,
  FromCalibrationPeer,
  ProbeScope,
  ToCalibrationPeer,
} from '@paralab/node-runner';
import { errorEventMessage } from '../_web-workers.js';

const ENTRY = new URL('../entry/calibration-worker.js', import.meta.url);

/** A Web Worker started for a probe, and its messages; terminated when the probe ends. */
interface Peer {
  readonly worker: Worker;
  readonly inbox: Inbox<FromCalibrationPeer>;
}

/** Starts a calibration Web Worker whose every message goes to its inbox; the probe's end terminates it. */
function startPeer(scope: ProbeScope): Peer {
  scope.cancel.throwIfCancelled();
  const worker = new Worker(ENTRY, { type: 'module' });
  const inbox = new Inbox<FromCalibrationPeer>(scope.cancel);
  worker.addEventListener('message', (event: MessageEvent<FromCalibrationPeer>) => inbox.push(event.data));
  worker.addEventListener('error', (event) =>
    inbox.fail(new ParalabError('ERR_WORKER', `Web Worker failed: ${errorEventMessage(event.message)}`)),
  );
  worker.addEventListener('close', () => inbox.fail(new ParalabError('ERR_WORKER', 'Web Worker closed')));
  scope.cancel.onCancel(() => worker.terminate());
  return { worker, inbox };
}

/** `new Worker(url, { type: 'module' })` until its first message arrives, ms; terminated after each, untimed. */
export const webWorkerStartupProbe: CalibrationProbe = {
  name: 'worker-startup',
  primitive: 'web-worker',
  opsPerSample: 1,
  options: { api: 'new Worker', type: 'module', until: 'first message' },
  async open(scope) {
    return {
      async run(ops) {
        let total = 0;
        for (let i = 0; i < ops; i++) {
          const begin = performance.now();
          const { worker, inbox } = startPeer(scope);
          expect(await inbox.next(), 'paralab:ready');
          total += performance.now() - begin;
          worker.terminate();
        }
        return total;
      },
    };
  },
};

/** A small message to a warm Web Worker and its answer back, one at a time, ms. */
export const webWorkerRoundtripProbe: CalibrationProbe = {
  name: 'message-roundtrip',
  primitive: 'web-worker',
  opsPerSample: 100,
  options: { api: 'postMessage', serialization: 'structured-clone' },
  async open(scope) {
    const { worker, inbox } = startPeer(scope);
    expect(await inbox.next(), 'paralab:ready');
    return {
      async run(ops) {
        const begin = performance.now();
        for (let id = 0; id < ops; id++) {
          worker.postMessage({ type: 'paralab:ping', id } satisfies ToCalibrationPeer);
          const reply = await inbox.next();
          if (reply.type !== 'paralab:pong' || reply.id !== id) throw unexpected(reply);
        }
        return performance.now() - begin;
      },
    };
  },
};

function expect(message: FromCalibrationPeer, type: FromCalibrationPeer['type']): void {
  if (message.type !== type) throw unexpected(message);
}

function unexpected(message: FromCalibrationPeer): ParalabError {
  return new ParalabError('ERR_WORKER', `unexpected answer from the calibration Web Worker: ${message.type}`);
}
