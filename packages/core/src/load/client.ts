// The load generator's client: plain `fetch`, so that a measuring process on any runtime (Node, Bun, Deno, a
// page) can ask for a load. Portable: no runtime API but the web-standard globals declared below.
import { ParalabError } from '../errors.js';
import { type GeneratorInfo, type LoadRequest, type LoadResult, validateLoadRequest } from './protocol.js';

interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

interface FetchInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal?: unknown;
}

interface PortableGlobals {
  fetch(url: string, init?: FetchInit): Promise<FetchResponse>;
  AbortSignal: { timeout(ms: number): unknown };
}

// Read at call time, through globalThis, so `fetch` keeps its receiver (browsers reject a detached fetch).
const globals = globalThis as unknown as PortableGlobals;

/** Default of `LoadRequest.deadlineMs`, ms. */
export const DEFAULT_DEADLINE_MS = 120_000;

/** How much longer than the batch's own deadline the client waits for the generator's answer, ms. */
const ANSWER_GRACE_MS = 15_000;

/** Timeout of `loadGeneratorInfo`, ms. */
const INFO_TIMEOUT_MS = 10_000;

/**
 * Asks the load generator at `controlUrl` (`LoadGenerator.url`) to run one batch and resolves with what it
 * measured. A batch whose server failed still resolves: its errors, timeouts and mismatches are counted in
 * the result, which the caller turns into an errored or invalid cell. Rejects with a `TypeError` or
 * `RangeError` when the request is malformed, and with a `ParalabError` (`ERR_LOADGEN`) when the generator
 * cannot be reached, refuses the request (409 while another batch runs) or does not answer within the
 * batch's `deadlineMs` plus 15 s.
 */
export async function runLoad(controlUrl: string, request: LoadRequest): Promise<LoadResult> {
  validateLoadRequest(request);
  const waitMs = (request.deadlineMs ?? DEFAULT_DEADLINE_MS) + ANSWER_GRACE_MS;
  const text = await call(`${controlUrl}/run`, waitMs, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return JSON.parse(text) as LoadResult;
}

/** Resolves with the generator's name, version and runtime (`GET /health`); rejects like `runLoad`. */
export async function loadGeneratorInfo(controlUrl: string): Promise<GeneratorInfo> {
  return JSON.parse(await call(`${controlUrl}/health`, INFO_TIMEOUT_MS)) as GeneratorInfo;
}

/** One call to the control endpoint: the body of a 200 answer, or a one-line `ParalabError`. */
async function call(url: string, timeoutMs: number, init: FetchInit = {}): Promise<string> {
  if (typeof globals.fetch !== 'function') {
    throw new TypeError('this runtime has no global fetch, which the load generator client needs');
  }
  let response: FetchResponse;
  try {
    response = await globals.fetch(url, { ...init, signal: globals.AbortSignal.timeout(timeoutMs) });
  } catch (thrown) {
    const reason = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    throw new ParalabError('ERR_LOADGEN', `the load generator at ${url} did not answer (${reason})`, {
      cause: thrown,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    // 409: it is still running another batch (one a stopped cell left); the caller may wait and retry.
    throw new ParalabError(
      response.status === 409 ? 'ERR_LOADGEN_BUSY' : 'ERR_LOADGEN',
      `the load generator refused ${url}: HTTP ${response.status} ${text}`,
    );
  }
  return text;
}
