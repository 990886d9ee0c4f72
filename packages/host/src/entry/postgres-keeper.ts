// The keeper of a throwaway PostgreSQL (see ../services/postgres.ts): a small process of its own, in its own
// session so that a Ctrl-C meant for the runner does not reach it, that makes the cluster, runs the server
// as its child, and removes both when told to stop, when it is signalled, or when the process that started
// it goes away (its IPC channel closes: even a SIGKILL of that process ends here).
import type { ChildProcess } from 'node:child_process';
import {
  freePort,
  initCluster,
  makeClusterDir,
  portTaken,
  removeClusterDir,
  SUPERUSER,
  startServer,
  stopServer,
  sweepStaleClusters,
  waitAccepting,
} from '../services/_postgres-cluster.js';
import type { FromKeeper, KeeperSetup, ToKeeper } from '../services/_postgres-messages.js';

/** Ports tried when another process takes the free port between the probe and the server's bind. */
const PORT_ATTEMPTS = 3;

const setup = JSON.parse(process.argv[2] ?? '{}') as KeeperSetup;
let dir: string | undefined;
let server: ChildProcess | undefined;
let stopping = false;
let ending: Promise<void> | undefined;

function send(message: FromKeeper): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(message, () => resolve());
  });
}

/** Sets the cluster up and returns the `ready` message, or nothing when a stop came meanwhile. */
async function main(): Promise<FromKeeper | undefined> {
  const deadline = Date.now() + setup.timeoutMs;
  const left = (): number => Math.max(1, deadline - Date.now());
  sweepStaleClusters();
  dir = makeClusterDir(setup.account);
  const password = await initCluster(setup, dir, left());
  for (let attempt = 1; !stopping; attempt++) {
    const port = await freePort();
    server = startServer(setup, dir, port);
    try {
      await waitAccepting(server, dir, left(), () => stopping);
    } catch (error) {
      await stopServer(server);
      server = undefined;
      if (attempt < PORT_ATTEMPTS && portTaken(dir)) continue;
      throw error;
    }
    if (stopping || server.pid === undefined) return undefined;
    const url = `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${SUPERUSER}`;
    return { type: 'ready', url, dir, port, pid: server.pid };
  }
  return undefined;
}

/** Stops the server, removes the directory, answers `reply` if the channel is still open, and exits. */
function end(code: number, reply?: FromKeeper): Promise<void> {
  ending ??= (async () => {
    stopping = true;
    await started;
    await stopServer(server);
    if (dir) removeClusterDir(dir);
    if (reply) await send(reply);
    process.exit(code);
  })();
  return ending;
}

const started: Promise<void> = main().then(
  async (ready) => {
    if (ready && !stopping) await send(ready);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    void end(1, { type: 'failed', message: message.replace(/\s*\n\s*/g, ' ') });
  },
);

process.on('message', (message: ToKeeper) => {
  if (message?.type === 'stop') void end(0, { type: 'stopped' });
});
process.on('disconnect', () => void end(0));
// A bug here must not leave a server behind: clean up, then report it.
process.on(
  'uncaughtException',
  (error) => void end(1, { type: 'failed', message: `keeper: ${error.message}` }),
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void end(0));
