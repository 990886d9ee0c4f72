import type { ForkOptions } from 'node:child_process';
import {
  type CalibrationPeer,
  type FromCalibrationPeer,
  type PeerSource,
  roundtripProbe,
  startupProbe,
} from '@paralab/core';
import type { CalibrationProbe, ProbeScope } from './scope.js';

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

/** A calibration child process, as core's peer probes talk to it; killed when the probe ends. */
const children: PeerSource<ProbeScope> = {
  primitive: 'child_process',
  peer: 'calibration child',
  start(scope): CalibrationPeer {
    const child = scope.fork(ENTRY, FORK);
    const channel = scope.channel<FromCalibrationPeer>(child);
    return {
      send: (message) => child.send(message),
      next: () => channel.next(),
      stop: () => scope.release(child),
    };
  },
};

/** `child_process.fork` until the child's first IPC message arrives, ms; the child is killed after each, untimed. */
export const spawnProbe: CalibrationProbe = startupProbe(children, {
  name: 'spawn',
  options: { api: 'fork', serialization: 'advanced' },
});

/** A small IPC message to a warm child process and its answer back, one at a time, ms. */
export const ipcRoundtripProbe: CalibrationProbe = roundtripProbe(children, {
  name: 'ipc-roundtrip',
  options: { api: 'fork', serialization: 'advanced' },
});
