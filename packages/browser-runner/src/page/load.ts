import { type AnyWorkload, findWorkload, ParalabError, toError, type WorkloadRef } from '@paralab/core';
import { moduleUrl } from './setup.js';

/** Imports the bundled workload module a reference points at and finds the workload in it. */
export async function loadWorkload(ref: WorkloadRef): Promise<AnyWorkload> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(moduleUrl(ref.module))) as Record<string, unknown>;
  } catch (thrown) {
    const message = toError(thrown).message.split('\n')[0];
    throw new ParalabError('ERR_MODULE', `cannot load workload module ${ref.module} in the page: ${message}`);
  }
  return findWorkload(namespace, ref.id, ref.module);
}
