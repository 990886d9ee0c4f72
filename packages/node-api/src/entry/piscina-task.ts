// The module piscina loads in each of its threads. Named exports only: the strategy passes `name`.
import { workerData } from 'node:worker_threads';
import type { PeerSetup } from '@paralab/core/peer';
import { libraryTask } from '@paralab/core/peer';
import { loadWorkload, rejectionsOfThisProcess, turnOfTheLoop } from './_runtime.js';

const task = await libraryTask((workerData as Required<Pick<PeerSetup, 'ref'>>).ref, {
  load: loadWorkload,
  onFault: rejectionsOfThisProcess,
  settle: turnOfTheLoop,
});

export const { run, ready, cpu } = task;
