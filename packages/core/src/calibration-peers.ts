// The floors every runner measures against a peer (a worker thread, a Web Worker, a child process): start-up
// to the first message, a small message round trip, a payload round trip. The timing loops are written
// once; each runtime brings only its launchers.
import type { CalibrationProbe, OwnedScope, ProbeScopeBase } from './calibration-types.js';
import { CancelToken } from './cancel.js';
import { ParalabError } from './errors.js';
import type { Launcher } from './launch/launcher.js';
import { PeerHandle } from './launch/peer-handle.js';
import type { FromPeer, PeerSetup } from './peer/protocol.js';
import { now } from './platform.js';
import type { ParamValue } from './workload.js';
import { stepsPerUsHere } from './workloads/grain.js';

/** What a peer probe starts peers through: every peer started here is stopped when the probe ends. */
export interface PeerScope extends ProbeScopeBase {
  /** Starts a peer (throws once the probe is cancelled); its messages are read through `inbox`. */
  start(launcher: Launcher, setup?: PeerSetup): PeerHandle;
}

/** The scope of one probe run: `close()` stops every peer still running. */
export class LaunchScope implements OwnedScope<PeerScope> {
  readonly cancel: CancelToken = new CancelToken();
  readonly #peers = new Set<PeerHandle>();

  start(launcher: Launcher, setup: PeerSetup = {}): PeerHandle {
    this.cancel.throwIfCancelled();
    const peer = new PeerHandle(launcher.start(setup));
    this.#peers.add(peer);
    void peer.gone.then(() => this.#peers.delete(peer));
    return peer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#peers].map((peer) => peer.stop()));
  }
}

/** What a probe's cell records besides its timings: its name, the API used, further parameters. */
export interface PeerProbeCell {
  readonly name: string;
  readonly options: Readonly<Record<string, ParamValue>>;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

/** A peer's start until its first message arrives, ms, one at a time; each peer is stopped after, untimed. */
export function startupProbe(launcher: Launcher, cell: PeerProbeCell): CalibrationProbe<PeerScope> {
  return {
    ...facts(launcher, cell, 1),
    options: { ...launcher.options, ...cell.options, until: 'first message' },
    async open(scope) {
      return {
        async run(ops) {
          let total = 0;
          for (let i = 0; i < ops; i++) {
            const begin = now();
            const peer = scope.start(launcher);
            expect(await peer.inbox(scope.cancel).next(), 'paralab:ready', launcher);
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
export function roundtripProbe(launcher: Launcher, cell: PeerProbeCell): CalibrationProbe<PeerScope> {
  return pingProbe(launcher, cell, 0, 100);
}

/**
 * How long each `busy-roundtrip` probe keeps the peer busy before it answers, ms: from below to well above
 * the idle time after which this kind of machine lets a waiting core sleep (a VM's vCPU halts; waking it
 * again costs tens to hundreds of µs), so the model can read a round trip's cost at any task size.
 */
export const BUSY_ROUNDTRIP_MS: readonly number[] = Object.freeze([0.1, 0.3, 1, 3]);

/**
 * The round trips a pool's dispatch pays: `roundtripProbe` (back to back, both sides awake), then one
 * `busy-roundtrip` probe per `BUSY_ROUNDTRIP_MS`: the same message, answered after the peer has been busy
 * that long while the caller waited, as around a real task. Each busy probe records the round trip's time
 * beyond the busy time (per round trip, ms), about 10 ms of it per sample.
 */
export function roundtripProbes(launcher: Launcher, cell: PeerProbeCell): CalibrationProbe<PeerScope>[] {
  return [
    roundtripProbe(launcher, cell),
    ...BUSY_ROUNDTRIP_MS.map((busyMs) =>
      pingProbe(
        launcher,
        { ...cell, name: 'busy-roundtrip', params: { ...cell.params, busyMs, of: cell.name } },
        busyMs,
        Math.max(3, Math.round(10 / busyMs)),
      ),
    ),
  ];
}

/**
 * Task sizes of the `pipelined-busy` probes, ms: the grain sweep's, from where a message costs about as much
 * as its task to where it is lost in it.
 */
export const PIPELINED_BUSY_MS: readonly number[] = Object.freeze([0.016, 0.064, 0.256, 1.024]);

/** The work one `pipelined-busy` sample holds, ms (split into tasks of the probe's size over its lanes). */
const PIPELINED_BUSY_WORK_MS = 20;

/**
 * What a pipelined batch of busy peers costs beyond its work, per task and lane, at each of
 * `PIPELINED_BUSY_MS`: `lanes` warm peers are sent every task of a sample at once, round-robin (as
 * `dispatchBatch` pipelined sends them), each task a fixed number of grain-kernel steps that take the
 * probe's task size on the calling thread (at the kernel's fastest, see `stepsPerUsHere`); a sample is
 * the time beyond the work (n tasks × size / lanes) over the tasks a lane ran (n / lanes). It holds what
 * the empty-task stream does not: the calling thread taking results while every core computes, and a lane
 * losing its core to it (fixed work takes longer then, where a busy spin on the clock would end on time).
 */
export function pipelinedBusyProbes(
  launcher: Launcher,
  cell: PeerProbeCell,
  lanes: number,
): CalibrationProbe<PeerScope>[] {
  if (!Number.isInteger(lanes) || lanes < 1)
    throw new RangeError(`lanes must be an integer >= 1, got ${lanes}`);
  return PIPELINED_BUSY_MS.map((taskMs) => {
    const tasks = Math.max(lanes, Math.round(PIPELINED_BUSY_WORK_MS / taskMs));
    return {
      ...facts(
        launcher,
        { ...cell, name: 'pipelined-busy', params: { ...cell.params, taskMs, lanes, of: cell.name } },
        tasks,
      ),
      options: { ...launcher.options, ...cell.options, inFlight: 'pipelined' },
      async open(scope) {
        const rate = stepsPerUsHere();
        const steps = Math.max(1, Math.round(taskMs * 1000 * rate));
        const peers = await Promise.all(Array.from({ length: lanes }, () => warmPeer(scope, launcher)));
        await warmKernel(peers, Math.round(PIPELINED_WARM_TASK_MS * 1000 * rate), launcher);
        return {
          async run(ops) {
            const begin = now();
            for (let id = 0; id < ops; id++)
              (peers[id % lanes] as WarmPeer).peer.post({ type: 'paralab:ping', id, steps });
            await Promise.all(
              peers.map(async ({ inbox }, lane) => {
                for (let id = lane; id < ops; id += lanes) expectPong(await inbox.next(), id, launcher);
              }),
            );
            const elapsed = now() - begin;
            return (elapsed - (ops * taskMs) / lanes) * lanes;
          },
        };
      },
    };
  });
}

/** Kernel work each peer of a `pipelined-busy` probe runs before it is timed: 15 tasks of 10 ms. */
const PIPELINED_WARM_TASKS = 15;
const PIPELINED_WARM_TASK_MS = 10;

/**
 * Runs the grain kernel in every peer, untimed, until V8 has optimized it there: a fresh peer's first
 * ~100 ms of it run about 5x slower (see `calibrateSteps`), which a probe's first samples took for cost.
 */
async function warmKernel(peers: readonly WarmPeer[], steps: number, launcher: Launcher): Promise<void> {
  await Promise.all(
    peers.map(async (warm) => {
      for (let id = 0; id < PIPELINED_WARM_TASKS; id++) await pingAndWait(warm, { id, steps }, launcher);
    }),
  );
}

/** Pings a warm peer `ops` times, one at a time; each answered after `busyMs` of work (ms beyond it). */
function pingProbe(
  launcher: Launcher,
  cell: PeerProbeCell,
  busyMs: number,
  opsPerSample: number,
): CalibrationProbe<PeerScope> {
  return {
    ...facts(launcher, cell, opsPerSample),
    options: { ...launcher.options, ...cell.options },
    async open(scope) {
      const { peer, inbox } = await warmPeer(scope, launcher);
      const ping = busyMs > 0 ? { busyMs } : {};
      return {
        async run(ops) {
          const begin = now();
          for (let id = 0; id < ops; id++) await pingAndWait({ peer, inbox }, { id, ...ping }, launcher);
          return now() - begin - ops * busyMs;
        },
      };
    },
  };
}

/**
 * A `bytes`-long Uint8Array to a warm peer and back, ms per round trip: `clone` copies it each way
 * (structured clone), `transfer` moves its buffer each way (nothing copied; threads only).
 */
export function payloadProbe(
  launcher: Launcher,
  options: Readonly<Record<string, ParamValue>>,
  payload: { readonly bytes: number; readonly mode: 'clone' | 'transfer'; readonly opsPerSample: number },
): CalibrationProbe<PeerScope> {
  const { bytes, mode } = payload;
  if (!Number.isInteger(bytes) || bytes < 2)
    throw new RangeError(`bytes must be an integer >= 2, got ${bytes}`);
  const serialization = mode === 'clone' ? launcher.options.serialization : 'transfer';
  return {
    ...facts(launcher, { name: 'payload-roundtrip', options, params: { bytes, mode } }, payload.opsPerSample),
    options: { ...launcher.options, ...options, serialization: serialization ?? 'structured-clone' },
    async open(scope) {
      const { peer, inbox } = await warmPeer(scope, launcher);
      let data: Uint8Array = new Uint8Array(bytes).fill(0x5a);
      const transfer = mode === 'transfer';
      return {
        async run(ops) {
          const begin = now();
          for (let i = 0; i < ops; i++) {
            peer.post({ type: 'paralab:echo', data, transfer }, transfer ? [data.buffer as ArrayBuffer] : []);
            const reply = await inbox.next();
            if (
              reply.type !== 'paralab:echo' ||
              reply.data.byteLength !== bytes ||
              reply.data[bytes - 1] !== 0x5a
            )
              throw unexpected(reply, launcher);
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
    { bytes: 16 * 1024 * 1024, opsPerSample: 1 },
  ]);

/** The largest payload a process probe sends: 16 MiB over IPC would take seconds per calibration cell. */
const PROCESS_PAYLOAD_MAX = 1024 * 1024;

/**
 * Every payload probe of a launcher: each of `sizes` (default `PAYLOAD_SIZES`; processes up to 1 MiB,
 * serialized over their IPC channel) cloned, and transferred where a thread can. A runtime whose channel
 * costs more per byte passes sizes of its own.
 */
export function payloadProbes(
  launcher: Launcher,
  options: Readonly<Record<string, ParamValue>> = {},
  sizes: readonly { readonly bytes: number; readonly opsPerSample: number }[] = PAYLOAD_SIZES.filter(
    ({ bytes }) => launcher.kind === 'thread' || bytes <= PROCESS_PAYLOAD_MAX,
  ),
): CalibrationProbe<PeerScope>[] {
  const modes: ('clone' | 'transfer')[] = launcher.kind === 'thread' ? ['clone', 'transfer'] : ['clone'];
  return sizes.flatMap(({ bytes, opsPerSample }) =>
    modes.map((mode) => payloadProbe(launcher, options, { bytes, mode, opsPerSample })),
  );
}

/** The name, primitive, parameters and operations per sample of a probe's cell. */
function facts(launcher: Launcher, cell: PeerProbeCell, opsPerSample: number) {
  return {
    name: cell.name,
    primitive: launcher.primitive,
    opsPerSample,
    ...(cell.params ? { params: cell.params } : {}),
  };
}

type WarmPeer = Awaited<ReturnType<typeof warmPeer>>;

/** Pings a warm peer (`steps` or `busyMs` of work first, when given) and waits for its pong. */
async function pingAndWait(
  { peer, inbox }: WarmPeer,
  ping: { readonly id: number; readonly busyMs?: number; readonly steps?: number },
  launcher: Launcher,
): Promise<void> {
  peer.post({ type: 'paralab:ping', ...ping });
  expectPong(await inbox.next(), ping.id, launcher);
}

function expectPong(reply: FromPeer, id: number, launcher: Launcher): void {
  if (reply.type !== 'paralab:pong' || reply.id !== id) throw unexpected(reply, launcher);
}

/** Starts one peer and waits for its first message. */
async function warmPeer(scope: PeerScope, launcher: Launcher) {
  const peer = scope.start(launcher);
  const inbox = peer.inbox(scope.cancel);
  expect(await inbox.next(), 'paralab:ready', launcher);
  return { peer, inbox };
}

function expect(message: FromPeer, type: FromPeer['type'], launcher: Launcher): void {
  if (message.type !== type) throw unexpected(message, launcher);
}

function unexpected(message: FromPeer, launcher: Launcher): ParalabError {
  const shown =
    message.type === 'paralab:echo' ? `echo of ${message.data.byteLength} bytes` : JSON.stringify(message);
  return new ParalabError(
    'ERR_WORKER',
    `unexpected answer from the calibration ${launcher.peerName}: ${shown}`,
  );
}
