import type { ForkOptions } from 'node:child_process';
import { ParalabError } from '@paralab/core';
import type { FromCalibrationPeer, ToCalibrationPeer } from './protocol.js';
import type { CalibrationProbe } from './scope.js';

const ENTRY = new URL('../entry/calibration-child.js', import.meta.url);

/**
 * How calibration children are started: advanced (structured-clone) serialization like the process
 * strategies, and a plain `node` (no inherited `execArgv` such as a test runner's loaders), so what is
 * timed is the floor of `fork` itself.
 */
const FORK: ForkOptions = {
  serialization: 'advanced',
  execArgv: [],
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
};

/** `child_process.fork` until the child's first IPC message arrives, ms; the child is killed after each, untimed. */
export const spawnProbe: CalibrationProbe = {
  name: 'spawn',
  primitive: 'child_process',
  opsPerSample: 1,
  options: { api: 'fork', serialization: 'advanced', until: 'first message' },
  async open(scope) {
    return {
      async run(ops) {
        let total = 0;
        for (let i = 0; i < ops; i++) {
          const begin = performance.now();
          const child = scope.fork(ENTRY, FORK);
          const first = await scope.channel<FromCalibrationPeer>(child).next();
          if (first.type !== 'paralab:ready') throw unexpected(first);
          total += performance.now() - begin;
          await scope.release(child);
        }
        return total;
      },
    };
  },
};

/** A small IPC message to a warm child process and its answer back, one at a time, ms. */
export const ipcRoundtripProbe: CalibrationProbe = {
  name: 'ipc-roundtrip',
  primitive: 'child_process',
  opsPerSample: 100,
  options: { api: 'fork', serialization: 'advanced' },
  async open(scope) {
    const child = scope.fork(ENTRY, FORK);
    const channel = scope.channel<FromCalibrationPeer>(child);
    const first = await channel.next();
    if (first.type !== 'paralab:ready') throw unexpected(first);
    return {
      async run(ops) {
        const begin = performance.now();
        for (let id = 0; id < ops; id++) {
          child.send({ type: 'paralab:ping', id } satisfies ToCalibrationPeer);
          const reply = await channel.next();
          if (reply.type !== 'paralab:pong' || reply.id !== id) throw unexpected(reply);
        }
        return performance.now() - begin;
      },
    };
  },
};

function unexpected(message: FromCalibrationPeer): ParalabError {
  return new ParalabError('ERR_WORKER', `unexpected answer from the calibration child: ${message.type}`);
}
