import { type AnyWorkload, findWorkload, ParalabError, toError } from '@paralab/core/workload';

/** Imports a bundled workload module inside a worker and finds the workload `id` in it. */
export async function loadWorkloadFrom(url: string, id: string): Promise<AnyWorkload> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(url)) as Record<string, unknown>;
  } catch (thrown) {
    const message = toError(thrown).message.split('\n')[0];
    throw new ParalabError('ERR_MODULE', `cannot load workload module ${url} in a worker: ${message}`);
  }
  return findWorkload(namespace, id, url);
}
