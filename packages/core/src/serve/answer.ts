// What a server process does with one request of a served workload, in any runtime: the request body is
// the task's input as JSON, the answer the task's output (an ASCII string). Portable, so that Node's
// node:http, Bun.serve and Deno.serve answer alike.
import { describeThrown } from '../errors.js';
import type { WorkloadRef } from '../strategy.js';

/** The path prefix of a served task's requests: `POST /task/<index>`. */
export const TASK_PATH = '/task/';

/** An HTTP answer: status and body text. */
export interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * Answers `method path` with body `text`: `POST /task/<n>` runs `run(JSON.parse(text))` and answers 200
 * with its output, which must be a string; a task that throws is a 500 with its message in one line, a
 * body that is not JSON a 400, any other request a 404. Never rejects.
 */
export async function answerTask(
  run: (input: unknown) => unknown,
  method: string,
  path: string,
  text: string,
): Promise<Answer> {
  if (method !== 'POST' || !path.startsWith(TASK_PATH))
    return { status: 404, body: `not found: ${method} ${path}` };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { status: 400, body: 'the request body is not JSON' };
  }
  try {
    const output = await run(input);
    if (typeof output === 'string') return { status: 200, body: output };
    return { status: 500, body: `the task answered ${typeof output}, not a string` };
  } catch (thrown) {
    return { status: 500, body: describeThrown(thrown) };
  }
}

/** How a server process is set up (passed by its launcher, as JSON). */
export interface ServerSetup {
  /** The served workload. */
  readonly ref: WorkloadRef;
  /** Its workers: cluster workers, pool threads, or (for each process sharing a port) 1. */
  readonly concurrency: number;
  /** The port to listen on; 0 for any free one (a process joining others with reusePort gets theirs). */
  readonly port: number;
}

/** What a server process tells its launcher (over its IPC channel). */
export type FromServer =
  /** Listening on 127.0.0.1:`port`; `pids` are every process serving (a cluster's primary and workers). */
  | { readonly type: 'paralab:listening'; readonly port: number; readonly pids: readonly number[] }
  /** The server cannot go on (a cluster worker died, the workload did not load): it exits after this. */
  | { readonly type: 'paralab:server-fault'; readonly message: string };
