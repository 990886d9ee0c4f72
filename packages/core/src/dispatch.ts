// The one dispatcher every runner's worker strategies go through, and the messages it speaks: a port is
// anything that runs tasks (a worker thread, a child process, a Web Worker in a page).
import type { CancelToken } from './cancel.js';
import { describeThrown, ParalabError } from './errors.js';
import type { FromPeer, ToTask } from './peer/protocol.js';
import { transferList } from './views.js';

/**
 * One thing that runs tasks (a child process, a worker thread), seen by the dispatcher: it can be sent a
 * task (and may throw when the task cannot be cloned), and it reports answers and failures (a crash or an
 * exit, already phrased for the user, also when it died before `listen` was called).
 */
export interface TaskPort {
  /** Sends a task, moving the buffers in `transfer` (a `paralab:task-transfer`). */
  send(message: ToTask, transfer?: readonly ArrayBuffer[]): void;
  /** Starts reporting to the two callbacks; returns a function that stops it. */
  listen(onMessage: (message: FromPeer) => void, onFail: (error: Error) => void): () => void;
}

/**
 * How a batch keeps N ports busy: `one-per-worker` sends a port its next task when it answers the previous
 * one (what the pools do); `pipelined` sends every task at once, round-robin, so a worker never waits for
 * the main thread between tasks.
 */
export type InFlight = 'one-per-worker' | 'pipelined';

/**
 * Runs one batch over the ports under the in-flight policy and resolves with the outputs in input order;
 * with `transfer`, each input's typed-array buffers are moved to its peer instead of copied.
 * Rejects on the first task error, crash or exit, and at once when `cancel` is cancelled; the caller then
 * closes the ports (tasks still running are not waited for).
 */
export function dispatchBatch(
  ports: readonly TaskPort[],
  inputs: readonly unknown[],
  cancel: CancelToken,
  inFlight: InFlight = 'one-per-worker',
  transfer = false,
): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const outputs: unknown[] = new Array(inputs.length);
    const cleanups: Array<() => void> = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      return true;
    };
    const fail = (error: Error): void => {
      if (settle()) reject(error);
    };
    const feed = (port: TaskPort): void => {
      if (next >= inputs.length) return;
      const id = next++;
      const input = inputs[id];
      try {
        if (transfer) port.send({ type: 'paralab:task-transfer', id, input }, transferList(input));
        else port.send({ type: 'paralab:task', id, input });
      } catch (thrown) {
        // An input that cannot be cloned throws here, synchronously.
        fail(new ParalabError('ERR_TASK', `task ${id} could not be sent: ${describeThrown(thrown)}`));
      }
    };
    const onMessage = (port: TaskPort, message: FromPeer): void => {
      if (settled) return;
      if (message.type === 'paralab:result') {
        outputs[message.id] = message.output;
        if (++finished === inputs.length) {
          if (settle()) resolve(outputs);
        } else if (inFlight === 'one-per-worker') feed(port);
      } else if (message.type === 'paralab:error') {
        fail(new ParalabError('ERR_TASK', `task ${message.id} threw: ${message.message}`));
      }
    };

    if (inputs.length === 0) {
      resolve(outputs);
      return;
    }
    cleanups.push(cancel.onCancel(fail));
    for (const port of ports) {
      if (settled) break;
      cleanups.push(port.listen((message) => onMessage(port, message), fail));
      if (inFlight === 'one-per-worker') feed(port);
    }
    if (inFlight === 'pipelined') {
      while (next < inputs.length && !settled) feed(ports[next % ports.length] as TaskPort);
    }
  });
}
