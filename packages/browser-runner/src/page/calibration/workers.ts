import { type CalibrationProbe, ParalabError } from '@paralab/core';
import type { FromCalibrationWorker, ToCalibrationWorker } from '../../protocol.js';
import { pageSetup } from '../setup.js';
import type { PageProbeScope } from './scope.js';

/** Payload sizes of the `payload-roundtrip` probes, bytes, with the operations timed per sample. */
export const PAYLOAD_SIZES: readonly { readonly bytes: number; readonly opsPerSample: number }[] = [
  { bytes: 1024, opsPerSample: 100 },
  { bytes: 64 * 1024, opsPerSample: 50 },
  { bytes: 1024 * 1024, opsPerSample: 8 },
  { bytes: 16 * 1024 * 1024, opsPerSample: 2 },
];

type Kind = 'module' | 'classic';

const scriptOf = (kind: Kind): string =>
  kind === 'module' ? pageSetup().assets.calibrationModule : pageSetup().assets.calibrationClassic;
const optionsOf = (kind: Kind): WorkerOptions => (kind === 'module' ? { type: 'module' } : {});

/**
 * `new Worker(url)` until its first message arrives, ms, for a module or a classic worker script (the same
 * code, bundled both ways); the worker is terminated after each, untimed.
 */
export function workerStartupProbe(kind: Kind): CalibrationProbe<PageProbeScope> {
  return {
    name: 'worker-startup',
    primitive: 'web-worker',
    opsPerSample: 1,
    params: { type: kind },
    options: { api: 'new Worker', type: kind, until: 'first message' },
    async open(scope) {
      return {
        async run(ops) {
          let total = 0;
          for (let i = 0; i < ops; i++) {
            const begin = performance.now();
            const { worker, inbox } = scope.worker(scriptOf(kind), optionsOf(kind));
            expectType(await inbox.next(), 'paralab:ready');
            total += performance.now() - begin;
            scope.release(worker);
          }
          return total;
        },
      };
    },
  };
}

/** A small message to a warm module worker and its answer back, one at a time, ms. */
export const messageRoundtripProbe: CalibrationProbe<PageProbeScope> = {
  name: 'message-roundtrip',
  primitive: 'web-worker',
  opsPerSample: 100,
  options: { api: 'postMessage', serialization: 'structured-clone' },
  async open(scope) {
    const { worker, inbox } = await warmWorker(scope);
    return {
      async run(ops) {
        const begin = performance.now();
        for (let id = 0; id < ops; id++) {
          worker.postMessage({ type: 'paralab:ping', id } satisfies ToCalibrationWorker);
          const reply = await inbox.next();
          if (reply.type !== 'paralab:pong' || reply.id !== id) throw unexpected(reply);
        }
        return performance.now() - begin;
      },
    };
  },
};

/**
 * A `bytes`-long Uint8Array to a warm module worker and back, ms per round trip: `clone` copies it each way
 * (structured clone), `transfer` moves its buffer each way (nothing copied).
 */
export function payloadRoundtripProbe(
  bytes: number,
  mode: 'clone' | 'transfer',
  opsPerSample: number,
): CalibrationProbe<PageProbeScope> {
  return {
    name: 'payload-roundtrip',
    primitive: 'web-worker',
    opsPerSample,
    params: { bytes, mode },
    options: { api: 'postMessage', serialization: mode === 'clone' ? 'structured-clone' : 'transfer' },
    async open(scope) {
      const { worker, inbox } = await warmWorker(scope);
      let data = new Uint8Array(bytes).fill(0x5a);
      const transfer = mode === 'transfer';
      return {
        async run(ops) {
          const begin = performance.now();
          for (let i = 0; i < ops; i++) {
            const message: ToCalibrationWorker = { type: 'paralab:echo', data, transfer };
            worker.postMessage(message, transfer ? [data.buffer] : []);
            const reply = await inbox.next();
            if (
              reply.type !== 'paralab:echo' ||
              reply.data.byteLength !== bytes ||
              reply.data[bytes - 1] !== 0x5a
            )
              throw unexpected(reply);
            if (transfer) data = reply.data as Uint8Array<ArrayBuffer>;
          }
          return performance.now() - begin;
        },
      };
    },
  };
}

/** Every payload probe: each size, cloned then transferred. */
export const payloadRoundtripProbes: readonly CalibrationProbe<PageProbeScope>[] = PAYLOAD_SIZES.flatMap(
  ({ bytes, opsPerSample }) => [
    payloadRoundtripProbe(bytes, 'clone', opsPerSample),
    payloadRoundtripProbe(bytes, 'transfer', opsPerSample),
  ],
);

async function warmWorker(scope: PageProbeScope): Promise<ReturnType<PageProbeScope['worker']>> {
  const started = scope.worker(scriptOf('module'), optionsOf('module'));
  expectType(await started.inbox.next(), 'paralab:ready');
  return started;
}

function expectType(message: FromCalibrationWorker, type: FromCalibrationWorker['type']): void {
  if (message.type !== type) throw unexpected(message);
}

function unexpected(message: FromCalibrationWorker): ParalabError {
  const shown =
    message.type === 'paralab:echo' ? `echo of ${message.data.byteLength} bytes` : JSON.stringify(message);
  return new ParalabError('ERR_WORKER', `unexpected answer from the calibration worker: ${shown}`);
}
