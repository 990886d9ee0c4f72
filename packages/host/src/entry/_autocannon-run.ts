// One batch of load with autocannon, every response checked against the answer its request must get.
import { createHash } from 'node:crypto';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { DEFAULT_DEADLINE_MS } from '@paralab/core';
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import type {
  ExpectedResponse,
  GeneratorInfo,
  LatencySummary,
  LoadRequest,
  LoadResult,
  ProcessUsage,
  RequestSpec,
} from '../services/load-protocol.js';
import { CAN_READ_PROC, type ProcSnapshot, readProc } from './_proc-usage.js';

const DEFAULT_TIMEOUT_MS = 10_000;
/** Mismatches described in the result, at most. */
const MISMATCH_SAMPLES = 5;
/**
 * autocannon reports its result on the first tick of its sampling interval after the last client is done;
 * a short interval ends the batch promptly (the wall time is measured from our own events anyway).
 */
const SAMPLE_INTERVAL_MS = 10;

/** Counts of checked answers. */
interface Verdicts {
  ok: number;
  mismatched: number;
  readonly samples: string[];
}

const cut = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** Why `status` and `body` are not what `expect` says, or undefined when they are. */
function difference(expect: ExpectedResponse, status: number, body: string): string | undefined {
  if (status !== expect.status) return `status ${status}, expected ${expect.status} (body ${cut(body)})`;
  if (expect.body !== undefined) {
    return body === expect.body ? undefined : `body ${cut(body)}, expected ${cut(expect.body)}`;
  }
  const digest = createHash('sha256').update(body, 'utf8').digest('hex');
  return digest === expect.sha256
    ? undefined
    : `body ${cut(body)} has sha256 ${digest}, expected ${expect.sha256}`;
}

/** The autocannon request for `spec`, with a response hook that checks the answer. */
function toAutocannon(spec: RequestSpec, verdicts: Verdicts): autocannon.Request {
  return {
    method: spec.method ?? 'GET',
    path: spec.path,
    ...(spec.body === undefined ? {} : { body: spec.body }),
    ...(spec.headers === undefined ? {} : { headers: { ...spec.headers } }),
    onResponse: (status: number, body: string) => {
      const why = difference(spec.expect, status, body);
      if (why === undefined) {
        verdicts.ok++;
        return;
      }
      verdicts.mismatched++;
      const sample = `${spec.method ?? 'GET'} ${spec.path}: ${why}`;
      if (verdicts.samples.length < MISMATCH_SAMPLES && !verdicts.samples.includes(sample)) {
        verdicts.samples.push(sample);
      }
    },
  };
}

/**
 * Client `c` of `connections` sends requests `c, c + connections, c + 2 * connections, ...` below `total`:
 * exactly the share autocannon gives it (`amount` split with the remainder on the first clients), so no
 * request is sent twice and, with no error, every one is sent once.
 */
function clientShare(request: LoadRequest, client: number, verdicts: Verdicts): autocannon.Request[] {
  const { requests, total, connections } = request;
  const cache = new Map<number, autocannon.Request>();
  const share: autocannon.Request[] = [];
  for (let i = client; i < total; i += connections) {
    const index = i % requests.length;
    let built = cache.get(index);
    if (built === undefined) {
      built = toAutocannon(requests[index] as RequestSpec, verdicts);
      cache.set(index, built);
    }
    share.push(built);
  }
  return share;
}

/** Gives each client its share of the batch. */
function setupClients(request: LoadRequest, verdicts: Verdicts): (client: autocannon.Client) => void {
  let next = 0;
  return (client) => client.setRequests(clientShare(request, next++, verdicts));
}

/** Snapshots of the watched processes, or null where /proc cannot be read. */
async function snapshot(pids: readonly number[] | undefined): Promise<ProcSnapshot[] | null> {
  if (pids === undefined || pids.length === 0) return [];
  return CAN_READ_PROC ? Promise.all(pids.map(readProc)) : null;
}

function usageBetween(
  pids: readonly number[],
  before: ProcSnapshot[],
  after: ProcSnapshot[],
): ProcessUsage[] {
  return pids.map((pid, i) => {
    const [start, end] = [before[i] as ProcSnapshot, after[i] as ProcSnapshot];
    return {
      pid,
      cpuUserMs: Math.max(0, end.cpuUserMs - start.cpuUserMs),
      cpuSystemMs: Math.max(0, end.cpuSystemMs - start.cpuSystemMs),
      rssBytes: end.rssBytes,
      alive: end.alive,
    };
  });
}

function latencySummary(histogram: hdr.Histogram): LatencySummary {
  const ms = (us: number): number => Math.round(us) / 1000;
  if (histogram.totalCount === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0, count: 0 };
  return {
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
    count: histogram.totalCount,
  };
}

/** Where the traffic started: the clock, the generator's CPU and its event loop's use at that moment. */
interface Start {
  readonly at: number;
  readonly cpu: NodeJS.CpuUsage;
  readonly elu: EventLoopUtilization;
}

/** Everything one batch observes as it runs. */
interface Observed {
  readonly verdicts: Verdicts;
  readonly histogram: hdr.Histogram;
  bytes: number;
  lastEventAt: number;
  deadlineHit: boolean;
  /** How long autocannon took to build the requests and create the clients, ms. */
  setupMs: number;
  start?: Start;
}

/** Runs autocannon until every client is done or the deadline fires; resolves with its own result. */
function fire(request: LoadRequest, observed: Observed): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const options: autocannon.Options = {
      url: request.url,
      connections: request.connections,
      amount: request.total,
      timeout: (request.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000,
      sampleInt: SAMPLE_INTERVAL_MS,
      setupClient: setupClients(request, observed.verdicts),
    };
    const deadline = setTimeout(() => {
      observed.deadlineHit = true;
      instance.stop();
    }, request.deadlineMs ?? DEFAULT_DEADLINE_MS);
    const called = performance.now();
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve(result);
    });
    // autocannon builds every request and creates every client synchronously. Nothing is on the wire yet:
    // a socket that is still connecting queues what is written to it. The batch starts now.
    const at = performance.now();
    observed.setupMs = at - called;
    observed.start = { at, cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
    instance.on('response', (_client, _status, bytes, responseMs) => {
      // autocannon's own histogram truncates latencies to whole milliseconds; this one keeps microseconds.
      observed.histogram.recordValue(Math.max(1, Math.round(responseMs * 1000)));
      observed.bytes += bytes;
      observed.lastEventAt = performance.now();
    });
    instance.on('reqError', () => {
      observed.lastEventAt = performance.now();
    });
  });
}

/** The result of a batch that autocannon ran to its end (or to the deadline). */
function toResult(
  request: LoadRequest,
  observed: Observed,
  counts: autocannon.Result,
): Omit<LoadResult, 'watched' | 'generator'> {
  const start = observed.start as Start;
  const ended = observed.lastEventAt > start.at ? observed.lastEventAt : performance.now();
  const cpu = process.cpuUsage(start.cpu);
  const answered = observed.histogram.totalCount;
  const wallMs = ended - start.at;
  return {
    wallMs,
    setupMs: observed.setupMs,
    total: request.total,
    answered,
    ok: observed.verdicts.ok,
    mismatched: observed.verdicts.mismatched,
    non2xx: counts.non2xx,
    errors: counts.errors,
    timeouts: counts.timeouts,
    unanswered: request.total - answered,
    deadlineHit: observed.deadlineHit,
    requestsPerSecond: wallMs > 0 ? (answered * 1000) / wallMs : 0,
    bytes: observed.bytes,
    latencyMs: latencySummary(observed.histogram),
    generatorCpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 },
    generatorEventLoopUtilization: performance.eventLoopUtilization(start.elu).utilization,
    mismatchSamples: observed.verdicts.samples,
  };
}

/**
 * Runs one batch: `request.total` requests over `request.connections` connections, each response checked,
 * the generator's CPU and the watched processes' usage measured over it. Rejects only when autocannon
 * refuses the options; a failing server shows in the counts.
 */
export async function runBatch(request: LoadRequest, generator: GeneratorInfo): Promise<LoadResult> {
  const pids = request.watchPids ?? [];
  const observed: Observed = {
    verdicts: { ok: 0, mismatched: 0, samples: [] },
    histogram: hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, autoResize: true }),
    bytes: 0,
    lastEventAt: 0,
    deadlineHit: false,
    setupMs: 0,
  };
  const before = await snapshot(pids);
  const counts = await fire(request, observed);
  const result = toResult(request, observed, counts);
  const after = await snapshot(pids);
  const watched = before === null || after === null ? null : usageBetween(pids, before, after);
  return { ...result, watched, generator };
}
