import { type AnyWorkload, findWorkload, ParalabError, toError } from '@paralab/core/workload';

/**
 * Imports a bundled workload module from `url` (in the page or in a worker) and finds the workload `id`
 * in it. Errors name the module as `name` (default: the URL), and say `where` it was loaded.
 */
export async function loadWorkloadFrom(
  url: string,
  id: string,
  where = 'in a worker',
  name = url,
): Promise<AnyWorkload> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(url)) as Record<string, unknown>;
  } catch (thrown) {
    const message = toError(thrown).message.split('\n')[0];
    throw new ParalabError('ERR_MODULE', `cannot load workload module ${name} ${where}: ${message}`);
  }
  return findWorkload(namespace, id, name);
}
