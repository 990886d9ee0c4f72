// One fresh peer per task (spawn, load, run one task, exit): what starting a process costs, over any
// runtime's process launcher (`process-cold` on Node, Bun and Deno).
import { CancelToken } from '../cancel.js';
import { describeThrown, ParalabError } from '../errors.js';
import type { Launcher } from '../launch/launcher.js';
import { PeerHandle } from '../launch/peer-handle.js';
import type { PeerUsage } from '../peer/protocol.js';
import type { ExternalUsage, Strategy, StrategyInstance, WorkloadRef } from '../strategy.js';
import { runLanes } from '../strategy.js';

/** What makes a one-peer-per-task strategy. */
export interface PerTaskStrategyOptions {
  readonly name: string;
  readonly description: string;
  readonly launcher: Launcher;
}

const NO_USAGE: ExternalUsage = Object.freeze({ cpuUserMs: 0, cpuSystemMs: 0, rssBytes: 0 });

/**
 * A fresh peer per task, at most N alive at once (a lane starts the next only after its peer has exited),
 * so each sample pays the whole cost of starting and ending a peer per task: "processes cost more to start
 * than threads". `create` has nothing to warm. CPU time counts finished peers by their own report (sent
 * right before they exit) and running ones by `launcher.usage`.
 */
export function perTaskStrategy(options: PerTaskStrategyOptions): Strategy {
  const { launcher } = options;
  return {
    name: options.name,
    description: options.description,
    family: launcher.kind === 'process' ? 'processes' : 'threads',
    async create({ ref, concurrency }): Promise<StrategyInstance> {
      const alive = new Set<PeerHandle>();
      let finished: ExternalUsage = NO_USAGE;
      const shutdown = new CancelToken();
      let closing: Promise<void> | undefined;
      const report = (usage: PeerUsage): void => {
        // Only its CPU time: the memory of a process that is gone is not memory in use now.
        finished = add(finished, { ...usage, rssBytes: 0 });
      };
      return {
        options: { ...launcher.options, inFlight: 'one-process-per-task', startup: 'per-task' },
        async runBatch(inputs, cancel) {
          if (shutdown.cancelled) throw new ParalabError('ERR_WORKER', 'the strategy is closed');
          const batch = new CancelToken();
          const unlink = [cancel, shutdown].map((token) => token.onCancel((reason) => batch.cancel(reason)));
          const outputs: unknown[] = new Array(inputs.length);
          try {
            await runLanes(inputs.length, concurrency, batch, async (i) => {
              const task = { launcher, ref, id: i, input: inputs[i], cancel: batch, alive, report };
              outputs[i] = await runOnce(task).catch((thrown) => {
                batch.cancel(thrown as Error);
                throw thrown;
              });
            });
            return outputs;
          } finally {
            for (const stop of unlink) stop();
          }
        },
        async usage() {
          const before = finished;
          const pids = [...alive].map((peer) => peer.pid).filter((pid): pid is number => pid !== undefined);
          return add(before, launcher.usage ? await launcher.usage(pids) : NO_USAGE);
        },
        close() {
          shutdown.cancel(new ParalabError('ERR_WORKER', 'the strategy was closed'));
          closing ??= Promise.all([...alive].map((peer) => peer.stop())).then(() => {});
          return closing;
        },
      };
    },
  };
}

interface OneTask {
  readonly launcher: Launcher;
  readonly ref: WorkloadRef;
  readonly id: number;
  readonly input: unknown;
  /** Cancelling it stops the peer and rejects at once. */
  readonly cancel: CancelToken;
  /** Holds the peer from start to end, so `close` can stop it. */
  readonly alive: Set<PeerHandle>;
  readonly report: (usage: PeerUsage) => void;
}

/** Starts a one-task peer, sends it the task once it is ready, and settles after it has ended. */
async function runOnce(task: OneTask): Promise<unknown> {
  const peer = new PeerHandle(task.launcher.start({ ref: task.ref, once: true }));
  task.alive.add(peer);
  try {
    return await answerOf(peer, task);
  } finally {
    await peer.stop();
    task.alive.delete(peer);
  }
}

function answerOf(peer: PeerHandle, { id, input, cancel, report }: OneTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let answer: { output: unknown } | undefined;
    let settled = false;
    const settle = (then: () => void): void => {
      if (settled) return;
      settled = true;
      stopListening();
      stopCancel();
      then();
    };
    const fail = (error: Error): void => settle(() => reject(error));
    const stopListening = peer.listen(
      (message) => {
        if (message.type === 'paralab:ready') {
          try {
            peer.send({ type: 'paralab:task', id, input });
          } catch (thrown) {
            fail(new ParalabError('ERR_TASK', `task ${id} could not be sent: ${describeThrown(thrown)}`));
          }
        } else if (message.type === 'paralab:result') answer = { output: message.output };
        else if (message.type === 'paralab:error')
          fail(new ParalabError('ERR_TASK', `task ${id} threw: ${message.message}`));
        else if (message.type === 'paralab:fatal') fail(new ParalabError('ERR_WORKER', message.message));
        else if (message.type === 'paralab:usage') report(message);
      },
      // A peer reports its end only after every message it sent: the answer is in by then. A fault (a
      // rejection no task handled) fails the task even when an answer came.
      (error) => (answer && peer.ended ? settle(() => resolve(answer?.output)) : fail(error)),
    );
    const stopCancel = cancel.onCancel(fail);
  });
}

function add(a: ExternalUsage, b: ExternalUsage): ExternalUsage {
  return {
    cpuUserMs: a.cpuUserMs + b.cpuUserMs,
    cpuSystemMs: a.cpuSystemMs + b.cpuSystemMs,
    rssBytes: a.rssBytes + b.rssBytes,
  };
}
