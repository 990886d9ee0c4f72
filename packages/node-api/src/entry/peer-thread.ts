// A worker thread of any thread strategy or calibration probe: core's peer loop over `parentPort`.
import { parentPort, workerData } from 'node:worker_threads';
import { type PeerSetup, servePeer } from '@paralab/core/peer';
import { faultsOfThisProcess, loadWorkload } from './_runtime.js';

const port = parentPort;
if (!port) throw new Error('entry/peer-thread.js must run in a worker thread');

servePeer(
  {
    post: (message, transfer = []) => port.postMessage(message, transfer as ArrayBuffer[]),
    onMessage: (listener) => port.on('message', listener),
  },
  { load: loadWorkload, onFault: faultsOfThisProcess },
  workerData as PeerSetup,
);
