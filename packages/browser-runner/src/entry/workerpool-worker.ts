// The script workerpool starts in each of its module Web Workers (web mode). The workload's module URL and
// id come in this script's query string; the workload is loaded first, then `worker()` registers the
// methods and tells the pool this worker is ready. A load failure is reported by every method instead of
// crashing the worker (workerpool would start another in its place).
import type { AnyWorkload } from '@paralab/core/workload';
import { worker } from 'workerpool';
import { WORKERPOOL_QUERY } from '../protocol.js';
import { loadWorkloadFrom } from './_load.js';

const query = new URL(self.location.href).searchParams;
let workload: AnyWorkload | undefined;
let failure: unknown;
try {
  workload = await loadWorkloadFrom(
    query.get(WORKERPOOL_QUERY.url) ?? '',
    query.get(WORKERPOOL_QUERY.id) ?? '',
  );
} catch (thrown) {
  failure = thrown;
}

const loaded = (): AnyWorkload => {
  if (!workload) throw failure;
  return workload;
};

worker({
  run: (input: unknown): unknown => loaded().run(input),
  /** The CPU phase of a split task (the `hybrid` strategy). */
  cpu(intermediate: unknown): unknown {
    const split = loaded().split;
    if (!split) throw new Error(`${loaded().id} has no io/cpu split (workload.split)`);
    return split.cpu(intermediate);
  },
  ready(): true {
    loaded();
    return true;
  },
});
