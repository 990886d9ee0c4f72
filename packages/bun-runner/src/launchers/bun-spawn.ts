// `Bun.spawn` with an IPC channel as a launcher: Bun's own processes. Each child runs the peer entry every
// runtime with Node's APIs runs (node-api's `PEER_CHILD_ENTRY`, which speaks `process.send`: a Bun child
// started with `ipc` has exactly that API).
import { type FromPeer, type Launcher, ParalabError, type PeerSetup, type RawPeer } from '@paralab/core';
import { describeExit, KILL_GRACE_MS, processUsage, StderrTail } from '@paralab/host/process';
import { PEER_CHILD_ENTRY, PEER_SETUP_ENV } from '@paralab/node-api';

/**
 * How long after its exit a child's IPC channel may stay open, ms. Bun reports the channel's end
 * (`onDisconnect`) separately from the exit, in either order; this bounds the wait should it never come.
 */
const CHANNEL_DRAIN_MS = 1_000;

/** `Bun.spawn` children with IPC (structured clone: `serialization: 'advanced'`). */
export const bunSpawnLauncher: Launcher = {
  primitive: 'bun-spawn',
  peerName: 'child process',
  kind: 'process',
  options: { library: 'Bun.spawn', api: 'Bun.spawn', ipc: true, serialization: 'advanced' },
  start: (setup) => spawnPeer(setup),
  usage: (pids) => processUsage(pids),
};

function spawnPeer(setup: PeerSetup): RawPeer {
  let deliver: (message: FromPeer) => void = () => {};
  let disconnected = (): void => {};
  const channelClosed = new Promise<void>((resolve) => {
    disconnected = resolve;
  });
  const child = Bun.spawn([process.execPath, PEER_CHILD_ENTRY], {
    env: { ...process.env, [PEER_SETUP_ENV]: JSON.stringify(setup) },
    stdio: ['ignore', 'inherit', 'pipe'],
    serialization: 'advanced',
    ipc: (message: FromPeer) => deliver(message),
    onDisconnect: () => disconnected(),
  });
  const tail = new StderrTail();
  void passThrough(child.stderr, tail);
  // The end is reported once the child has exited and its channel has closed, so an answer sent right
  // before an exit is never lost.
  const drained = child.exited.then(
    () => new Promise<void>((resolve) => setTimeout(resolve, CHANNEL_DRAIN_MS)),
  );
  const ended = Promise.all([child.exited, Promise.race([channelClosed, drained])]).then(() => {
    const { exitCode, signalCode } = child;
    // Bun gives a signal's number where it has no name for it.
    const signal = typeof signalCode === 'number' ? `signal ${signalCode}` : signalCode;
    return describeExit(exitCode, signal ?? null, { tail });
  });
  return {
    pid: child.pid,
    post: (message) => child.send(message),
    connect(onMessage, onEnd) {
      deliver = onMessage;
      void ended.then((how) => onEnd(new ParalabError('ERR_WORKER', how)));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      try {
        await child.exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Copies a child's stderr to this process's, keeping its end (to say why it died). */
async function passThrough(stream: ReadableStream<Uint8Array>, tail: StderrTail): Promise<void> {
  for await (const chunk of stream) {
    tail.push(chunk);
    process.stderr.write(chunk);
  }
}
