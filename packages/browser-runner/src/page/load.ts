import type { AnyWorkload, WorkloadRef } from '@paralab/core';
import { loadWorkloadFrom } from '../entry/_load.js';
import { moduleUrl } from './setup.js';

/** Imports the bundled workload module a reference points at, in the page, and finds the workload in it. */
export function loadWorkload(ref: WorkloadRef): Promise<AnyWorkload> {
  return loadWorkloadFrom(moduleUrl(ref.module), ref.id, 'in the page', ref.module);
}
