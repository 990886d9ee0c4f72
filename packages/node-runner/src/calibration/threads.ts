import type { Worker } from 'node:worker_threads';
import { type CalibrationSession, ParalabError } from '@paralab/core';
import type { FromCalibrationPeer, ToCalibrationPeer } from './protocol.js';
import type { CalibrationProbe, Channel, ProbeScope } from './scope.js';

const ENTRY = new URL('../entry/calibration-worker.js', import.meta.url);

/** Payload sizes the `payload-roundtrip` probes send, bytes, with the operations timed per sample. */
export const PAYLOAD_SIZES: readonly { readonly bytes: number; readonly opsPerSample: number }[] = [
  { bytes: 1024, opsPerSample: 100 },
  { bytes: 64 * 1024, opsPerSample: 50 },
  { bytes: 1024 * 1024, opsPerSample: 8 },
  { bytes: 16 * 1024 * 1024, opsPerSample: 2 },
];

/** `new Worker` until its first message arrives, ms; the worker is terminated after each, untimed. */
export const workerStartupProbe: CalibrationProbe = {
  name: 'worker-startup',
  primitive: 'worker_threads',
  opsPerSample: 1,
  options: { api: 'new Worker', until: 'first message' },
  async open(scope) {
    return {
      async run(ops) {
        let total = 0;
        for (let i = 0; i < ops; i++) {
          const begin = performance.now();
          const worker = scope.worker(ENTRY);
          expectType(await scope.channel<FromCalibrationPeer>(worker).next(), 'paralab:ready');
          total += performance.now() - begin;
          await scope.release(worker);
        }
        return total;
      },
    };
  },
};

/** A small message to a warm worker and its answer back, one at a time, ms. */
export const messageRoundtripProbe: CalibrationProbe = {
  name: 'message-roundtrip',
  primitive: 'worker_threads',
  opsPerSample: 100,
  options: { api: 'postMessage', serialization: 'structured-clone' },
  async open(scope) {
    const { worker, channel } = await warmWorker(scope);
    return {
      async run(ops) {
        const begin = performance.now();
        for (let id = 0; id < ops; id++) {
          worker.postMessage({ type: 'paralab:ping', id } satisfies ToCalibrationPeer);
          const reply = await channel.next();
          if (reply.type !== 'paralab:pong' || reply.id !== id) throw unexpected(reply);
        }
        return performance.now() - begin;
      },
    };
  },
};

/**
 * A `bytes`-long Uint8Array to a warm worker and back, ms per round trip: `clone` copies it each way
 * (structured clone), `transfer` moves its buffer each way (nothing copied).
 */
export function payloadRoundtripProbe(
  bytes: number,
  mode: 'clone' | 'transfer',
  opsPerSample: number,
): CalibrationProbe {
  if (!Number.isInteger(bytes) || bytes < 2)
    throw new RangeError(`bytes must be an integer >= 2, got ${bytes}`);
  return {
    name: 'payload-roundtrip',
    primitive: 'worker_threads',
    opsPerSample,
    params: { bytes, mode },
    options: { api: 'postMessage', serialization: mode === 'clone' ? 'structured-clone' : 'transfer' },
    async open(scope) {
      const { worker, channel } = await warmWorker(scope);
      let data: Uint8Array = new Uint8Array(bytes).fill(0x5a);
      const transfer = mode === 'transfer';
      return {
        async run(ops) {
          const begin = performance.now();
          for (let i = 0; i < ops; i++) {
            const message: ToCalibrationPeer = { type: 'paralab:echo', data, transfer };
            worker.postMessage(message, transfer ? [data.buffer as ArrayBuffer] : []);
            const reply = await channel.next();
            if (
              reply.type !== 'paralab:echo' ||
              reply.data.byteLength !== bytes ||
              reply.data[bytes - 1] !== 0x5a
            )
              throw unexpected(reply);
            if (transfer) data = reply.data;
          }
          return performance.now() - begin;
        },
      } satisfies CalibrationSession;
    },
  };
}

/** Every payload probe: each size, cloned then transferred. */
export const payloadRoundtripProbes: readonly CalibrationProbe[] = PAYLOAD_SIZES.flatMap(
  ({ bytes, opsPerSample }) => [
    payloadRoundtripProbe(bytes, 'clone', opsPerSample),
    payloadRoundtripProbe(bytes, 'transfer', opsPerSample),
  ],
);

/** Starts one calibration worker and waits for its first message. */
async function warmWorker(
  scope: ProbeScope,
): Promise<{ worker: Worker; channel: Channel<FromCalibrationPeer> }> {
  const worker = scope.worker(ENTRY);
  const channel = scope.channel<FromCalibrationPeer>(worker);
  expectType(await channel.next(), 'paralab:ready');
  return { worker, channel };
}

function expectType(message: FromCalibrationPeer, type: FromCalibrationPeer['type']): void {
  if (message.type !== type) throw unexpected(message);
}

function unexpected(message: FromCalibrationPeer): ParalabError {
  const shown =
    message.type === 'paralab:echo' ? `echo of ${message.data.byteLength} bytes` : JSON.stringify(message);
  return new ParalabError('ERR_WORKER', `unexpected answer from the calibration worker: ${shown}`);
}
