import { dirname, join } from 'node:path';
import { Inbox, ParalabError } from '@paralab/core';
import {
  type CalibrationProbe,
  CHILD_ENTRY,
  type FromCalibrationPeer,
  type ProbeScope,
  type ToCalibrationPeer,
} from '@paralab/node-runner';
import type { Subprocess } from 'bun';

/**
 * node-runner's calibration child, which imports nothing and answers over `process.send`: a `Bun.spawn`
 * child with `ipc` has that API, so the same peer serves `fork` and `Bun.spawn`.
 */
const ENTRY = join(dirname(CHILD_ENTRY), 'calibration-child.js');

/** A calibration child started for a probe, and its messages; killed when the probe ends. */
interface Peer {
  readonly child: Subprocess;
  readonly inbox: Inbox<FromCalibrationPeer>;
}

function startPeer(scope: ProbeScope): Peer {
  scope.cancel.throwIfCancelled();
  const inbox = new Inbox<FromCalibrationPeer>(scope.cancel);
  const child = Bun.spawn([process.execPath, ENTRY], {
    stdio: ['ignore', 'ignore', 'inherit'],
    serialization: 'advanced',
    ipc: (message: FromCalibrationPeer) => inbox.push(message),
  });
  void child.exited.then((code) =>
    inbox.fail(new ParalabError('ERR_WORKER', `calibration child exited (code ${code})`)),
  );
  scope.cancel.onCancel(() => child.kill('SIGKILL'));
  return { child, inbox };
}

/** `Bun.spawn` with `ipc` until the child's first IPC message arrives, ms; killed after each, untimed. */
export const bunSpawnProbe: CalibrationProbe = {
  name: 'spawn',
  primitive: 'bun-spawn',
  opsPerSample: 1,
  options: { api: 'Bun.spawn', ipc: true, serialization: 'advanced', until: 'first message' },
  async open(scope) {
    return {
      async run(ops) {
        let total = 0;
        for (let i = 0; i < ops; i++) {
          const begin = performance.now();
          const { child, inbox } = startPeer(scope);
          expect(await inbox.next(), 'paralab:ready');
          total += performance.now() - begin;
          child.kill('SIGKILL');
          await child.exited;
        }
        return total;
      },
    };
  },
};

/** A small IPC message to a warm `Bun.spawn` child and its answer back, one at a time, ms. */
export const bunIpcRoundtripProbe: CalibrationProbe = {
  name: 'ipc-roundtrip',
  primitive: 'bun-spawn',
  opsPerSample: 100,
  options: { api: 'Bun.spawn', ipc: true, serialization: 'advanced' },
  async open(scope) {
    const { child, inbox } = startPeer(scope);
    expect(await inbox.next(), 'paralab:ready');
    return {
      async run(ops) {
        const begin = performance.now();
        for (let id = 0; id < ops; id++) {
          child.send({ type: 'paralab:ping', id } satisfies ToCalibrationPeer);
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
  return new ParalabError('ERR_WORKER', `unexpected answer from the calibration child: ${message.type}`);
}
