import {
  type AnyWorkload,
  findWorkload,
  ParalabError,
  toError,
  type WorkloadRef,
} from '@paralab/core/workload';

/**
 * Loads the workload a reference points at, inside a Web Worker or a workerpool worker. Bun imports
 * TypeScript itself, so this is a plain dynamic import; it does what node-runner's `loadWorkload` does under
 * Bun without importing node-runner, whose pool libraries would add ~100 ms to every worker's start-up.
 */
export async function loadWorkloadInBun(ref: WorkloadRef): Promise<AnyWorkload> {
  let module: Record<string, unknown>;
  try {
    module = (await import(ref.module)) as Record<string, unknown>;
  } catch (thrown) {
    const message = toError(thrown).message.split('\n')[0];
    throw new ParalabError('ERR_MODULE', `cannot load workload module ${ref.module}: ${message}`);
  }
  return findWorkload(module, ref.id, ref.module);
}
