// How a peer or a measuring side imports a workload: the host hands every side a `file:` URL (a page gets a
// URL its server serves), so a plain dynamic import works in every runtime and page.
import { ParalabError } from '../errors.js';
import { findWorkload } from '../find-workload.js';
import type { WorkloadRef } from '../strategy.js';
import type { AnyWorkload } from '../workload.js';

/** Imports the workload a reference points at; a module that does not load is a one-line error naming it. */
export async function importWorkload(ref: WorkloadRef): Promise<AnyWorkload> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(ref.module)) as Record<string, unknown>;
  } catch (thrown) {
    const message = thrown instanceof Error ? (thrown.message.split('\n')[0] ?? '') : String(thrown);
    throw new ParalabError('ERR_MODULE', `cannot load workload module ${ref.module}: ${message}`);
  }
  return findWorkload(namespace, ref.id, ref.module);
}
