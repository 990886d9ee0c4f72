import { dirname, join } from 'node:path';
import {
  type CalibrationPeer,
  type FromCalibrationPeer,
  Inbox,
  ParalabError,
  type PeerSource,
  roundtripProbe,
  startupProbe,
} from '@paralab/core';
import { type CalibrationProbe, CHILD_ENTRY, type ProbeScope } from '@paralab/node-runner';
import type { Subprocess } from 'bun';

/**
 * node-runner's calibration child, which imports nothing and answers over `process.send`: a `Bun.spawn`
 * child with `ipc` has that API, so the same peer serves `fork` and `Bun.spawn`.
 */
const ENTRY = join(dirname(CHILD_ENTRY), 'calibration-child.js');

/** A calibration `Bun.spawn` child with `ipc`, as core's peer probes talk to it; killed when the probe ends. */
const bunChildren: PeerSource<ProbeScope> = {
  primitive: 'bun-spawn',
  peer: 'calibration child',
  start(scope): CalibrationPeer {
    scope.cancel.throwIfCancelled();
    const inbox = new Inbox<FromCalibrationPeer>(scope.cancel);
    const child: Subprocess = Bun.spawn([process.execPath, ENTRY], {
      stdio: ['ignore', 'ignore', 'inherit'],
      serialization: 'advanced',
      ipc: (message: FromCalibrationPeer) => inbox.push(message),
    });
    void child.exited.then((code) =>
      inbox.fail(new ParalabError('ERR_WORKER', `calibration child exited (code ${code})`)),
    );
    scope.cancel.onCancel(() => child.kill('SIGKILL'));
    return {
      send: (message) => child.send(message),
      next: () => inbox.next(),
      async stop() {
        child.kill('SIGKILL');
        await child.exited;
      },
    };
  },
};

/** `Bun.spawn` with `ipc` until the child's first IPC message arrives, ms; killed after each, untimed. */
export const bunSpawnProbe: CalibrationProbe = startupProbe(bunChildren, {
  name: 'spawn',
  options: { api: 'Bun.spawn', ipc: true, serialization: 'advanced' },
});

/** A small IPC message to a warm `Bun.spawn` child and its answer back, one at a time, ms. */
export const bunIpcRoundtripProbe: CalibrationProbe = roundtripProbe(bunChildren, {
  name: 'ipc-roundtrip',
  options: { api: 'Bun.spawn', ipc: true, serialization: 'advanced' },
});
