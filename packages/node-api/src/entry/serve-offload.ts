// The `serve-offload` server: one node:http event loop that hands each request's task to a piscina pool
// of exactly N threads (min = max), the workload loaded in each, one task in flight per thread.
import { Piscina } from 'piscina';
import { listen, taskServer } from './_serve-http.js';
import { exitWithParent, fatal, serverSetup, tell } from './server-process.js';

const TASK_MODULE = new URL('./piscina-task.js', import.meta.url).href;

let pool: Piscina | undefined;
exitWithParent(() => void pool?.destroy());
try {
  const setup = serverSetup();
  const threads = setup.concurrency;
  pool = new Piscina({
    filename: TASK_MODULE,
    name: 'run',
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { ref: setup.ref },
  });
  pool.on('error', (error: unknown) => fatal(error));
  const running = pool;
  // Every thread started and its workload loaded before the server says it listens.
  await Promise.all(Array.from({ length: threads }, () => running.run(null, { name: 'ready' })));
  const port = await listen(
    taskServer((input) => running.run(input)),
    setup.port,
  );
  tell({ type: 'paralab:listening', port, pids: [process.pid] });
} catch (thrown) {
  fatal(thrown);
}
