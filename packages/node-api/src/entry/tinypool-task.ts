// The module tinypool loads in each of its threads. Named exports only: the strategy passes `name`.
// tinypool starts its threads with its own `workerData`; `Tinypool.workerData` is the pool's.
import type { PeerSetup } from '@paralab/core/peer';
import { libraryTask } from '@paralab/core/peer';
import { Tinypool } from 'tinypool';
import { LIBRARY_RUNTIME } from './_runtime.js';

const task = await libraryTask(
  (Tinypool.workerData as Required<Pick<PeerSetup, 'ref'>>).ref,
  LIBRARY_RUNTIME,
);

export const { run, ready } = task;
