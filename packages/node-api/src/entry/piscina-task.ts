// The module piscina loads in each of its threads. Named exports only: the strategy passes `name`.
import { workerData } from 'node:worker_threads';
import type { PeerSetup } from '@paralab/core/peer';
import { libraryTask } from '@paralab/core/peer';
import { LIBRARY_RUNTIME } from './_runtime.js';

const task = await libraryTask((workerData as Required<Pick<PeerSetup, 'ref'>>).ref, LIBRARY_RUNTIME);

export const { run, ready, cpu } = task;
