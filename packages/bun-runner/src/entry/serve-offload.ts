// The `serve-offload` server on Bun: one Bun.serve event loop that hands each request's task to one of N
// Web Workers (core's peer loop, `entry/peer-worker.js`), one task in flight per worker, the rest queued.
import type { FromPeer, ServerSetup, ToPeer } from '@paralab/core/peer';
import { exitWithParent, fatal, serverSetup, tell } from '@paralab/node-api/server-process';
import { serveTasks } from './_serve-bun.js';

const PEER = new URL('./peer-worker.js', import.meta.url).href;

interface Job {
  readonly input: unknown;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

/** N Web Workers fed one task at a time each, in arrival order. */
class WorkerPool {
  readonly #idle: Worker[] = [];
  readonly #queue: Job[] = [];
  readonly #running = new Map<number, { job: Job; worker: Worker }>();
  readonly workers: Worker[] = [];
  #next = 0;

  /** Starts `count` workers with `ref` loaded in each; resolves once every one is ready. */
  async start(setup: ServerSetup, count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, () => this.#startOne(setup)));
  }

  run(input: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#pump();
    });
  }

  #startOne(setup: ServerSetup): Promise<void> {
    const worker = new Worker(PEER, { type: 'module' });
    this.workers.push(worker);
    return new Promise((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromPeer>) => {
        const message = event.data;
        if (message.type === 'paralab:ready') {
          this.#idle.push(worker);
          resolve();
        } else this.#answer(worker, message, reject);
      };
      worker.onerror = (event) => fatal(new Error(`a worker failed: ${event.message}`));
      worker.postMessage({ type: 'paralab:setup', setup: { ref: setup.ref } } satisfies ToPeer);
    });
  }

  #answer(worker: Worker, message: FromPeer, failStart: (error: Error) => void): void {
    if (message.type === 'paralab:fatal') failStart(new Error(message.message));
    else if (message.type === 'paralab:fault') fatal(new Error(message.message));
    if (message.type !== 'paralab:result' && message.type !== 'paralab:error') return;
    const running = this.#running.get(message.id);
    if (!running) return;
    this.#running.delete(message.id);
    this.#idle.push(worker);
    if (message.type === 'paralab:result') running.job.resolve(message.output);
    else running.job.reject(new Error(message.message));
    this.#pump();
  }

  #pump(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop() as Worker;
      const job = this.#queue.shift() as Job;
      const id = this.#next++;
      this.#running.set(id, { job, worker });
      worker.postMessage({ type: 'paralab:task', id, input: job.input } satisfies ToPeer);
    }
  }
}

const pool = new WorkerPool();
exitWithParent(() => {
  for (const worker of pool.workers) worker.terminate();
});
try {
  const setup = serverSetup();
  await pool.start(setup, setup.concurrency);
  const port = serveTasks((input) => pool.run(input), setup.port);
  tell({ type: 'paralab:listening', port, pids: [process.pid] });
} catch (thrown) {
  fatal(thrown);
}
