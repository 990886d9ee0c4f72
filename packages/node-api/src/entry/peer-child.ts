// A child process of any process strategy or calibration probe (forked by Node, Bun or Deno, or started by
// `Bun.spawn` with IPC): core's peer loop over `process.send`. Never an orphan: when the parent goes away
// (even killed), the IPC channel closes and the child exits.
import { type PeerSetup, servePeer } from '@paralab/core/peer';
import { faultsOfThisProcess, loadWorkload, ownUsage } from './_runtime.js';

const send = process.send?.bind(process);
if (!send) throw new Error('entry/peer-child.js must be started with an IPC channel (child_process.fork)');
process.on('disconnect', () => process.exit());

const setup = JSON.parse(process.env.PARALAB_PEER_SETUP ?? 'null') as PeerSetup | null;
delete process.env.PARALAB_PEER_SETUP;

servePeer(
  {
    post: (message) =>
      new Promise<void>((resolve, reject) => {
        send(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
      }),
    onMessage: (listener) => process.on('message', listener),
  },
  {
    load: loadWorkload,
    onFault: faultsOfThisProcess,
    usage: ownUsage,
    exit: (code) => process.exit(code),
  },
  setup ?? {},
);
