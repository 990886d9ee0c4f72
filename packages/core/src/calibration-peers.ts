// The floors every runner measures against a peer (a worker thread, a Web Worker, a child process): start-up
// to the first message, a small message round trip, a payload round trip. The timing loops are the same
// everywhere; each runner says how to start its peer and talk to it.
import type { CalibrationProbe, ProbeScopeBase } from './calibration.js';
import { ParalabError } from './errors.js';
import { now } from './platform.js';
import type { ParamValue } from './workload.js';

/** Messages from a probe to its peer (the calibration worker or child of each runner). */
export type ToCalibrationPeer =
  /** Answer with a pong carrying the same id. */
  | { readonly type: 'paralab:ping'; readonly id: number }
  /** Send `data` straight back, transferring its buffer when `transfer` is true (workers only). */
  | { readonly type: 'paralab:echo'; readonly data: Uint8Array; readonly transfer: boolean };

/** Messages from a calibration peer to its probe. */
export type FromCalibrationPeer =
  /** The first message, posted as soon as the peer's script runs. */
  | { readonly type: 'paralab:ready' }
  | { readonly type: 'paralab:pong'; readonly id: number }
  | { readonly type: 'paralab:echo'; readonly data: Uint8Array };

/** A started peer, as a probe talks to it. */
export interface CalibrationPeer {
  /** Sends a message, moving the buffers in `transfer` where the peer can take them (workers). */
  send(message: ToCalibrationPeer, transfer?: ArrayBuffer[]): void;
  /** The next message from the peer; rejects when it dies or the probe is cancelled. */
  next(): Promise<FromCalibrationPeer>;
  /** Ends the peer now (untimed). */
  stop(): void | Promise<void>;
}

/** Where a probe's peers come from: the primitive, how errors name a peer, and how to start one. */
export interface PeerSource<S extends ProbeScopeBase> {
  /** The primitive, recorded as the cell's strategy: `worker_threads`, `web-worker`, `child_process` ... */
  readonly primitive: CalibrationProbe['primitive'];
  /** How error messages name the peer: `calibration worker`, `calibration child`. */
  readonly peer: string;
  /** Starts a peer through the scope (so that the probe's end stops it whatever happens). */
  start(scope: S): CalibrationPeer;
}

/** What a probe's cell records besides its timings: its name, the API used, further parameters. */
export interface PeerProbeCell {
  readonly name: string;
  readonly options: Readonly<Record<string, ParamValue>>;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

/** A peer's start until its first message arrives, ms, one at a time; each peer is stopped after, untimed. */
export function startupProbe<S extends ProbeScopeBase>(
  source: PeerSource<S>,
  cell: PeerProbeCell,
): CalibrationProbe<S> {
  return {
    name: cell.name,
    primitive: source.primitive,
    opsPerSample: 1,
    ...(cell.params ? { params: cell.params } : {}),
    options: { ...cell.options, until: 'first message' },
    async open(scope) {
      return {
        async run(ops) {
          let total = 0;
          for (let i = 0; i < ops; i++) {
            const begin = now();
            const peer = source.start(scope);
            expectType(await peer.next(), 'paralab:ready', source.peer);
            total += now() - begin;
            await peer.stop();
          }
          return total;
        },
      };
    },
  };
}

/** A small message to a warm peer and its answer back, one at a time, ms (100 per sample). */
export function roundtripProbe<S extends ProbeScopeBase>(
  source: PeerSource<S>,
  cell: PeerProbeCell,
): CalibrationProbe<S> {
  return {
    name: cell.name,
    primitive: source.primitive,
    opsPerSample: 100,
    ...(cell.params ? { params: cell.params } : {}),
    options: cell.options,
    async open(scope) {
      const peer = await warmPeer(scope, source);
      return {
        async run(ops) {
          const begin = now();
          for (let id = 0; id < ops; id++) {
            peer.send({ type: 'paralab:ping', id });
            const reply = await peer.next();
            if (reply.type !== 'paralab:pong' || reply.id !== id) throw unexpected(reply, source.peer);
          }
          return now() - begin;
        },
      };
    },
  };
}

/**
 * A `bytes`-long Uint8Array to a warm peer and back, ms per round trip: `clone` copies it each way
 * (structured clone), `transfer` moves its buffer each way (nothing copied). `options` gains the
 * serialization.
 */
export function payloadProbe<S extends ProbeScopeBase>(
  source: PeerSource<S>,
  options: Readonly<Record<string, ParamValue>>,
  payload: { readonly bytes: number; readonly mode: 'clone' | 'transfer'; readonly opsPerSample: number },
): CalibrationProbe<S> {
  const { bytes, mode } = payload;
  if (!Number.isInteger(bytes) || bytes < 2)
    throw new RangeError(`bytes must be an integer >= 2, got ${bytes}`);
  return {
    name: 'payload-roundtrip',
    primitive: source.primitive,
    opsPerSample: payload.opsPerSample,
    params: { bytes, mode },
    options: { ...options, serialization: mode === 'clone' ? 'structured-clone' : 'transfer' },
    async open(scope) {
      const peer = await warmPeer(scope, source);
      let data: Uint8Array = new Uint8Array(bytes).fill(0x5a);
      const transfer = mode === 'transfer';
      return {
        async run(ops) {
          const begin = now();
          for (let i = 0; i < ops; i++) {
            peer.send({ type: 'paralab:echo', data, transfer }, transfer ? [data.buffer as ArrayBuffer] : []);
            const reply = await peer.next();
            if (
              reply.type !== 'paralab:echo' ||
              reply.data.byteLength !== bytes ||
              reply.data[bytes - 1] !== 0x5a
            )
              throw unexpected(reply, source.peer);
            if (transfer) data = reply.data;
          }
          return now() - begin;
        },
      };
    },
  };
}

/** Payload sizes of the `payload-roundtrip` probes, bytes, with the operations timed per sample. */
export const PAYLOAD_SIZES: readonly { readonly bytes: number; readonly opsPerSample: number }[] =
  Object.freeze([
    { bytes: 1024, opsPerSample: 100 },
    { bytes: 64 * 1024, opsPerSample: 50 },
    { bytes: 1024 * 1024, opsPerSample: 8 },
    { bytes: 16 * 1024 * 1024, opsPerSample: 2 },
  ]);

/** Every payload probe of a peer: each of `PAYLOAD_SIZES`, cloned then transferred. */
export function payloadProbes<S extends ProbeScopeBase>(
  source: PeerSource<S>,
  options: Readonly<Record<string, ParamValue>>,
): CalibrationProbe<S>[] {
  return PAYLOAD_SIZES.flatMap(({ bytes, opsPerSample }) => [
    payloadProbe(source, options, { bytes, mode: 'clone', opsPerSample }),
    payloadProbe(source, options, { bytes, mode: 'transfer', opsPerSample }),
  ]);
}

/** Starts one peer and waits for its first message. */
async function warmPeer<S extends ProbeScopeBase>(scope: S, source: PeerSource<S>): Promise<CalibrationPeer> {
  const peer = source.start(scope);
  expectType(await peer.next(), 'paralab:ready', source.peer);
  return peer;
}

function expectType(message: FromCalibrationPeer, type: FromCalibrationPeer['type'], peer: string): void {
  if (message.type !== type) throw unexpected(message, peer);
}

function unexpected(message: FromCalibrationPeer, peer: string): ParalabError {
  const shown =
    message.type === 'paralab:echo' ? `echo of ${message.data.byteLength} bytes` : JSON.stringify(message);
  return new ParalabError('ERR_WORKER', `unexpected answer from the ${peer}: ${shown}`);
}
