// The serving strategies of every runtime: a server started per cell by the runtime's `ServerLauncher`
// (one event loop, a cluster, a thread pool behind one loop, processes sharing a port), and each batch
// sent to it as HTTP load by the run's load generator, which times it and checks every response.
import type { CancelToken } from '../cancel.js';
import { bug, ParalabError } from '../errors.js';
import type { Family } from '../family.js';
import { runLoad } from '../load/client.js';
import type { LoadRequest, LoadResult } from '../load/protocol.js';
import { delay, within } from '../platform.js';
import type { ServerSetup } from '../serve/answer.js';
import { servedRequests } from '../serve/requests.js';
import type {
  CheckedBatch,
  ExternalUsage,
  ServedSample,
  Strategy,
  StrategyContext,
  StrategyInstance,
  StrategyOptions,
} from '../strategy.js';
import type { ServedTask } from '../workload.js';

/** A server as its launcher started it: listening on 127.0.0.1, every process known. */
export interface RunningServer {
  /** Its origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every process that serves (a cluster's primary and workers, each process sharing the port). */
  readonly pids: readonly number[];
  /** Resolves, once a process of the server has ended, with why (`server process was killed by SIGKILL`). */
  readonly ended: Promise<string>;
  /** Stops every process of the server and resolves once they are gone. Safe to call twice. */
  stop(): Promise<void>;
}

/** How a runtime starts one kind of server: the only runtime-specific part of `serveStrategy`. */
export interface ServerLauncher {
  /** Recorded with every cell: `server` (`node:http`, `Bun.serve`), `workers` (`node:cluster` ...). */
  readonly options: StrategyOptions;
  /** Why this runtime cannot run this server (`reusePort` before Node 22.12), or true. */
  supported?(): true | string;
  /**
   * Starts the server's processes for `setup` and resolves once every one listens; rejects with a one-line
   * error when one exits first or the start takes too long (the processes are then stopped).
   */
  start(setup: Omit<ServerSetup, 'port'>): Promise<RunningServer>;
  /** Cumulative CPU time and current memory of processes, by pid (gone ones count as zero). */
  usage?(pids: readonly number[]): Promise<ExternalUsage>;
}

/** What makes a serving strategy. */
export interface ServeStrategyOptions {
  readonly name: string;
  readonly description: string;
  /** `async` (one event loop), `hybrid` (a loop feeding a thread pool), `processes`, `threads`. */
  readonly family: Family;
  readonly launcher: ServerLauncher;
  /** The only concurrency it runs at (one event loop: 1). */
  readonly fixedConcurrency?: number;
}

/** Connections of a served workload without a `connections` parameter. */
const DEFAULT_CONNECTIONS = 16;
/** Who checks the responses, for messages. */
const CHECKER = 'the load generator';
/** How long a batch waits for the generator to finish a batch it is still running (HTTP 409), ms. */
const BUSY_WAIT_MS = 10_000;
/** How long a failed batch waits to hear that a server process ended, to name the cause, ms. */
const END_GRACE_MS = 1_000;

/**
 * A serving strategy: `create` starts the server (its start-up is the cell's start-up time), each batch is
 * one request per input from the run's load generator over `params.connections` connections (16 when the
 * workload has no such parameter; never more than the batch's requests), timed and
 * checked there (`CheckedBatch`). A server that dies or stops answering fails the batch (`errored`); a
 * wrong response makes the cell `invalid`. Unsupported without a load generator (its reason is the run's).
 */
export function serveStrategy(options: ServeStrategyOptions): Strategy {
  const { launcher } = options;
  const supported = launcher.supported;
  return {
    name: options.name,
    description: options.description,
    family: options.family,
    serves: true,
    ...(options.fixedConcurrency !== undefined ? { fixedConcurrency: options.fixedConcurrency } : {}),
    ...(supported ? { supports: () => supported.call(launcher) } : {}),
    async create(context): Promise<StrategyInstance> {
      const generatorUrl = context.services?.loadGeneratorUrl;
      if (!generatorUrl) {
        const why = context.services?.missing?.loadGeneratorUrl ?? 'the run has no HTTP load generator';
        throw new ParalabError('ERR_UNSUPPORTED', `serving needs the load generator: ${why}`);
      }
      const fixed = options.fixedConcurrency;
      if (fixed !== undefined && context.concurrency !== fixed)
        throw new ParalabError(
          'ERR_UNSUPPORTED',
          `${options.name} runs at concurrency ${fixed} only (got ${context.concurrency})`,
        );
      const served = context.workload.served;
      if (!served) throw bug(`${context.workload.id} has no served task though ${options.name} was started`);
      const server = await launcher.start({ ref: context.ref, concurrency: context.concurrency });
      return servedInstance(options, context, served, server, generatorUrl);
    },
  };
}

function servedInstance(
  options: ServeStrategyOptions,
  context: StrategyContext,
  served: ServedTask<unknown>,
  server: RunningServer,
  generatorUrl: string,
): StrategyInstance {
  let gone: string | undefined;
  void server.ended.then((why) => {
    gone = why;
  });
  const wanted = context.params.connections;
  const connections =
    typeof wanted === 'number' && Number.isInteger(wanted) && wanted > 0 ? wanted : DEFAULT_CONNECTIONS;
  const deadlineMs = Math.max(2_000, (context.sampleTimeoutMs ?? 60_000) - 2_000);
  const { usage } = options.launcher;
  return {
    options: {
      ...options.launcher.options,
      inFlight: 'http',
      serialization: 'json-over-http',
      connections,
      serverProcesses: server.pids.length,
    },
    runBatch: () =>
      Promise.reject(bug('a served batch has no outputs to return: the loop runs it with runChecked')),
    runChecked: async (inputs, cancel) => {
      if (gone !== undefined) throw new ParalabError('ERR_SERVER', `the server is gone: ${gone}`);
      const request: LoadRequest = {
        url: server.url,
        total: inputs.length,
        connections: Math.min(connections, inputs.length),
        requests: servedRequests(inputs, served),
        timeoutMs: Math.min(10_000, Math.max(1_000, Math.floor(deadlineMs / 2))),
        deadlineMs,
        watchPids: server.pids,
      };
      const result = await loadWhenFree(generatorUrl, request, cancel);
      return checkedBatch(result, server, () => gone);
    },
    ...(usage ? { usage: () => usage.call(options.launcher, server.pids) } : {}),
    close: () => server.stop(),
  };
}

/** `runLoad`, waiting (up to `BUSY_WAIT_MS`) while the generator still runs a batch a stopped cell left. */
async function loadWhenFree(url: string, request: LoadRequest, cancel: CancelToken): Promise<LoadResult> {
  const until = Date.now() + BUSY_WAIT_MS;
  for (;;) {
    cancel.throwIfCancelled();
    try {
      return await runLoad(url, request);
    } catch (thrown) {
      const busy = thrown instanceof ParalabError && thrown.code === 'ERR_LOADGEN_BUSY';
      if (!busy || Date.now() > until) throw thrown;
      await delay(100);
    }
  }
}

/** The batch as the loop records it, or the one-line error of a server that failed it. */
async function checkedBatch(
  result: LoadResult,
  server: RunningServer,
  gone: () => string | undefined,
): Promise<CheckedBatch> {
  const failed = result.errors + result.non2xx + result.unanswered > 0 || result.deadlineHit;
  if (failed || result.mismatched > 0) {
    // A server killed mid-batch ends the batch at once, its exit heard a moment later; the answers on a
    // connection it closed with a request in flight are matched to the wrong requests (mismatched): a
    // dead server, not a wrong one.
    const heard = gone() ?? (await within(server.ended, END_GRACE_MS));
    const ended = heard === 'late' ? undefined : heard;
    if (ended || failed) {
      const cause = ended ? `the server died (${ended}): ` : 'the server failed the batch: ';
      throw new ParalabError('ERR_SERVER', `${cause}${failureCounts(result)}${example(result)}`);
    }
  }
  const wrong =
    result.mismatched > 0
      ? `${result.mismatched} of ${result.total} responses were wrong (checked by ${CHECKER})${example(result)}`
      : undefined;
  return {
    type: 'checked',
    elapsedMs: result.wallMs,
    checkedBy: CHECKER,
    right: result.ok,
    ...(wrong ? { wrong } : {}),
    served: servedSample(result, server.pids.length),
  };
}

function failureCounts(r: LoadResult): string {
  const parts = [
    `${r.answered} of ${r.total} requests answered`,
    `${r.errors} errors (${r.timeouts} timeouts)`,
    `${r.non2xx} non-2xx`,
    `${r.mismatched} mismatched`,
    ...(r.deadlineHit ? ['the batch deadline was hit'] : []),
  ];
  return parts.join(', ');
}

const example = (r: LoadResult): string =>
  r.mismatchSamples.length > 0 ? `; e.g. ${r.mismatchSamples[0]}` : '';

function servedSample(r: LoadResult, processes: number): ServedSample {
  const watched = r.watched;
  const { p50, p90, p99, max, mean } = r.latencyMs;
  return {
    requestsPerSecond: r.requestsPerSecond,
    latencyMs: { p50, p90, p99, max, mean },
    ...(watched
      ? {
          serverCpuMs: watched.reduce((sum, u) => sum + u.cpuUserMs + u.cpuSystemMs, 0),
          serverRssBytes: watched.reduce((sum, u) => sum + u.rssBytes, 0),
        }
      : {}),
    generatorCpuMs: r.generatorCpu.userMs + r.generatorCpu.systemMs,
    generatorEventLoopUtilization: r.generatorEventLoopUtilization,
    bytes: r.bytes,
    setupMs: r.setupMs,
    serverProcesses: processes,
    generator: `${r.generator.name} ${r.generator.version} on ${r.generator.runtime}`,
  };
}
