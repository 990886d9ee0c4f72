// What a measuring process (Node, Bun, Deno, a page) sends to the load generator and what it gets back.
// Portable: no runtime API here (core has no Node, Bun or DOM types).

/** The answer a request must get, or it counts as `mismatched`. */
export interface ExpectedResponse {
  /** HTTP status code, e.g. 200. */
  readonly status: number;
  /** The exact body, compared as text. Give this or `sha256`, not both. */
  readonly body?: string;
  /**
   * SHA-256 of the body's UTF-8 bytes, 64 lowercase hex digits: for bodies too large to send twice. The
   * generator decodes each received chunk as UTF-8 before hashing, so a multi-byte character split between
   * two TCP chunks would be counted as a mismatch: keep checked bodies ASCII.
   */
  readonly sha256?: string;
}

/** One HTTP request of a load, and the answer it must get. */
export interface RequestSpec {
  /** Default `GET`. */
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path and query, starting with `/`, e.g. `/work/17`. */
  readonly path: string;
  /** Request body (sent with a `Content-Length`), default none. */
  readonly body?: string;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The answer this request must get. */
  readonly expect: ExpectedResponse;
}

/** One batch of load: `total` requests over `connections` keep-alive connections, as fast as they answer. */
export interface LoadRequest {
  /** The server's origin, `http://127.0.0.1:PORT` (loopback only: `127.x.x.x`, `localhost` or `[::1]`). */
  readonly url: string;
  /** Requests in the batch (>= `connections`). Request `i` is `requests[i % requests.length]`. */
  readonly total: number;
  /**
   * Concurrent keep-alive connections, each with one request in flight at a time (no HTTP pipelining:
   * autocannon 9 closes a connection as soon as it has sent its share of `amount`, dropping the pipelined
   * answers still to come, uncounted).
   */
  readonly connections: number;
  /** The requests, cycled; 1 to 1,000,000 of them. */
  readonly requests: readonly RequestSpec[];
  /**
   * How long one request may go unanswered before it counts as a timeout and its connection is reopened,
   * ms, default 10000, at least 1000 (autocannon's unit is the second).
   */
  readonly timeoutMs?: number;
  /**
   * Watchdog of the whole batch, ms, default 120000: when it fires, the batch ends, what was not answered
   * counts as `unanswered`, and `deadlineHit` is true.
   */
  readonly deadlineMs?: number;
  /**
   * Processes (e.g. the server's) whose CPU time is measured over the batch, and whose RSS is read at its end.
   * Linux only (`/proc`); elsewhere their usage is `null`.
   */
  readonly watchPids?: readonly number[];
}

/** Latency percentiles of the answered requests, ms, from an HDR histogram at 1 µs resolution. */
export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** Answered requests in the histogram (all statuses, matching or not). */
  readonly count: number;
}

/** CPU time of one process over the batch and its RSS at the end; `null` fields where unknown. */
export interface ProcessUsage {
  readonly pid: number;
  /** User CPU time spent during the batch, ms (all of the process's threads). */
  readonly cpuUserMs: number;
  /** System CPU time spent during the batch, ms. */
  readonly cpuSystemMs: number;
  /** Resident set size when the batch ended, bytes; 0 when the process was gone. */
  readonly rssBytes: number;
  /** False when the process had exited by the end of the batch. */
  readonly alive: boolean;
}

/** What one batch measured. Counts follow autocannon's definitions where it has one. */
export interface LoadResult {
  /**
   * The batch's time, ms: from the moment autocannon has created its clients (their connections are being
   * opened, nothing is on the wire yet) to the last answer or error.
   */
  readonly wallMs: number;
  /**
   * What came before `wallMs` and is not part of it, ms: autocannon building every request and creating
   * every client, synchronously (about 20 µs a request and 0.3 ms a connection, warm, on this machine).
   */
  readonly setupMs: number;
  /** Requests in the batch (`LoadRequest.total`). */
  readonly total: number;
  /** Responses received, whatever their status or body. */
  readonly answered: number;
  /** Responses with the expected status and body. */
  readonly ok: number;
  /** Responses whose status or body was not the expected one. */
  readonly mismatched: number;
  /** Responses whose status was not 2xx (they may still be expected ones). */
  readonly non2xx: number;
  /** Connection errors and timeouts (autocannon's `errors`, which includes `timeouts`). */
  readonly errors: number;
  /** Requests that went unanswered for `timeoutMs`. */
  readonly timeouts: number;
  /** Requests without a response: `total - answered`. */
  readonly unanswered: number;
  /** True when the batch was ended by `deadlineMs`. */
  readonly deadlineHit: boolean;
  /** Answered requests per second of `wallMs`. */
  readonly requestsPerSecond: number;
  /** Bytes received (headers and bodies). */
  readonly bytes: number;
  /** Per-request latency: request written to response complete. */
  readonly latencyMs: LatencySummary;
  /** The generator's own CPU over `wallMs`, ms (`process.cpuUsage()` delta; it shares the machine's cores). */
  readonly generatorCpu: { readonly userMs: number; readonly systemMs: number };
  /**
   * Share of the batch's wall time during which the generator's event loop was busy, 0 to 1: near 1, the
   * generator itself was the bottleneck.
   */
  readonly generatorEventLoopUtilization: number;
  /** Usage of each `watchPids` process, in that order; `null` where it cannot be measured. */
  readonly watched: readonly ProcessUsage[] | null;
  /** The first few distinct mismatches, for the error message of an invalid cell. */
  readonly mismatchSamples: readonly string[];
  /** Which generator measured this. */
  readonly generator: GeneratorInfo;
}

/** The load generator's identity. */
export interface GeneratorInfo {
  /** `autocannon`. */
  readonly name: string;
  /** Its version, e.g. `9.0.0`. */
  readonly version: string;
  /** The runtime it runs on, e.g. `node 20.20.2`. */
  readonly runtime: string;
}

// An origin, no path: `URL` is not part of the ES library, so a pattern does the parsing.
const ORIGIN = /^http:\/\/(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])(?::\d{1,5})?$/;
const SHA256 = /^[0-9a-f]{64}$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
const MAX_REQUESTS = 1_000_000;

/** A value for an error message, cut to 80 characters. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function integer(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${name} must be an integer, got ${show(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function checkUrl(url: unknown): void {
  if (typeof url !== 'string') throw new TypeError(`request.url must be a string, got ${show(url)}`);
  if (!ORIGIN.test(url)) {
    throw new RangeError(`request.url must be an http origin on the loopback interface, got ${show(url)}`);
  }
}

function checkExpect(name: string, expect: unknown): void {
  if (typeof expect !== 'object' || expect === null) {
    throw new TypeError(`${name} must be an object, got ${show(expect)}`);
  }
  const { status, body, sha256 } = expect as ExpectedResponse;
  integer(`${name}.status`, status, 100, 599);
  if ((body === undefined) === (sha256 === undefined)) {
    throw new TypeError(`${name} must have exactly one of body and sha256: every response is checked`);
  }
  if (body !== undefined && typeof body !== 'string') {
    throw new TypeError(`${name}.body must be a string, got ${show(body)}`);
  }
  if (sha256 !== undefined && !(typeof sha256 === 'string' && SHA256.test(sha256))) {
    throw new TypeError(`${name}.sha256 must be 64 lowercase hex digits, got ${show(sha256)}`);
  }
}

function checkSpec(name: string, spec: unknown): void {
  if (typeof spec !== 'object' || spec === null)
    throw new TypeError(`${name} must be an object, got ${show(spec)}`);
  const { method, path, body, headers, expect } = spec as RequestSpec;
  if (method !== undefined && !METHODS.has(method)) {
    throw new RangeError(`${name}.method must be one of ${[...METHODS].join(', ')}, got ${show(method)}`);
  }
  if (typeof path !== 'string' || !/^\/[^\s]*$/.test(path)) {
    throw new TypeError(`${name}.path must be a path starting with / and without spaces, got ${show(path)}`);
  }
  if (body !== undefined && typeof body !== 'string') {
    throw new TypeError(`${name}.body must be a string, got ${show(body)}`);
  }
  const values = headers === undefined ? [] : typeof headers === 'object' ? Object.values(headers ?? 0) : [0];
  if (headers === null || values.some((value) => typeof value !== 'string')) {
    throw new TypeError(`${name}.headers must map names to strings, got ${show(headers)}`);
  }
  checkExpect(`${name}.expect`, expect);
}

/**
 * Checks a load request at the boundary (the client before sending it, the generator when it arrives).
 * Throws a `TypeError` or `RangeError` shaped `request.connections must be an integer from 1 to 10000, got 0`.
 */
export function validateLoadRequest(request: LoadRequest): void {
  if (typeof request !== 'object' || request === null) {
    throw new TypeError(`request must be an object, got ${show(request)}`);
  }
  checkUrl(request.url);
  integer('request.connections', request.connections, 1, 10_000);
  integer('request.total', request.total, request.connections, 100_000_000);
  if (request.timeoutMs !== undefined) integer('request.timeoutMs', request.timeoutMs, 1_000, 3_600_000);
  if (request.deadlineMs !== undefined) integer('request.deadlineMs', request.deadlineMs, 1, 86_400_000);
  const { requests, watchPids } = request;
  if (!Array.isArray(requests) || requests.length === 0 || requests.length > MAX_REQUESTS) {
    throw new TypeError(
      `request.requests must be an array of 1 to ${MAX_REQUESTS} requests, got ${show(requests)}`,
    );
  }
  for (const [i, spec] of requests.entries()) checkSpec(`request.requests[${i}]`, spec);
  if (watchPids !== undefined) {
    if (!Array.isArray(watchPids))
      throw new TypeError(`request.watchPids must be an array, got ${show(watchPids)}`);
    for (const [i, pid] of watchPids.entries()) integer(`request.watchPids[${i}]`, pid, 1, 2 ** 31 - 1);
  }
}
