// What the host (the process that owns the terminal and the results file) and the measuring side (a child
// process running the measured runtime, or a browser page) say to each other. Plain data only: it crosses
// processes as JSON and pages as structured clone. The transport is the host's and the page's business.
import type { MeasureEvent, MeasureResult } from '../measure.js';
import type { Profile } from '../profiles.js';
import type { Cell } from '../schema.js';
import type { WorkloadRef } from '../strategy.js';
import type { ParamValue, Services } from '../workload.js';

/** One cell as the host sends it: plain data, the strategy by name. */
export interface WireCellPlan {
  readonly ref: WorkloadRef;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly strategy: string;
  readonly concurrency: number;
}

/** A group of cells (one workload and parameter set) for the side's measurement loop. */
export interface MeasureRequest {
  readonly type: 'measure';
  readonly cells: readonly WireCellPlan[];
  readonly profile: Profile;
  readonly seed: number;
  /** Cores the side may use; cells with more threads are flagged oversubscribed. */
  readonly availableParallelism: number;
  /** The timer resolution the side measured, ms. */
  readonly timerResolutionMs: number;
  /** The loopback services of the run (latency server, database, load generator). */
  readonly services: Services;
  /** Calibration probes (`primitive/name`) to sample in the same rounds as the cells. */
  readonly floors?: readonly string[];
}

/** Measure the side's calibration floors. */
export interface CalibrateRequest {
  readonly type: 'calibrate';
  readonly profile: Profile;
  readonly timerResolutionMs: number;
  readonly services: Services;
}

/** What a side can be asked to do. */
export type SideRequest = MeasureRequest | CalibrateRequest;

/** What a side says about itself and its runtime when it starts. */
export interface SideIdentity {
  /** `node`, `bun`, `deno`, `chromium` ... */
  readonly runtime: string;
  /** The runtime's exact version (`20.20.2`, `1.4.5`). */
  readonly version: string;
  /** The JavaScript engine and its version (`V8 12.4.254.21`, `JavaScriptCore`), when known. */
  readonly engine?: string;
  /** Cores the side can use (`availableParallelism`, `navigator.hardwareConcurrency`). */
  readonly availableParallelism: number;
  /** Smallest step of the side's `performance.now()`, ms. */
  readonly timerResolutionMs: number;
  /** The clock samples are read from (`performance.now`, `performance.now() in the page (cross-origin isolated)`). */
  readonly timerSource?: string;
  /** Further facts recorded with the results (a page's user agent, isolation ...). */
  readonly details?: Readonly<Record<string, ParamValue>>;
}

/** Messages from the host to a side. */
export type ToSide =
  | { readonly type: 'request'; readonly id: number; readonly request: SideRequest }
  /** Stop after the current sample (Ctrl-C): the request in progress then resolves early. */
  | { readonly type: 'interrupt' };

/** The result of a request. */
export type SideReply = MeasureResult | { readonly cells: Cell[] };

/** Messages from a side to the host. */
export type FromSide =
  | { readonly type: 'hello'; readonly identity: SideIdentity }
  | { readonly type: 'event'; readonly event: MeasureEvent }
  | { readonly type: 'reply'; readonly id: number; readonly reply: SideReply }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
