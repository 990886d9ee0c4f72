// What the runner (Node), the page and the page's workers say to each other. Types only, and no globals:
// this module is compiled for Node, for the page (DOM) and for the workers (WebWorker) alike.
import type {
  Cell,
  ExternalUsage,
  MeasureEvent,
  MeasureResult,
  ParamValue,
  Profile,
  ToSharedWorker,
  ToWorker,
  WorkloadRef,
} from '@paralab/core';

/** The URLs (on the page server) of the scripts the page starts workers from. */
export interface PageAssets {
  /** The module worker of the `worker`, `worker-pipelined`, `transfer` and `shared` strategies. */
  readonly worker: string;
  /** The module worker workerpool starts (`workerpool` and `hybrid`). */
  readonly workerpoolWorker: string;
  /** The calibration worker, as an ES module. */
  readonly calibrationModule: string;
  /** The same calibration worker as a classic script (to compare the two kinds of start-up). */
  readonly calibrationClassic: string;
}

/** A workload module bundled for the page: the specifier results record, and the URL the page imports. */
export interface PageModule {
  readonly specifier: string;
  readonly url: string;
}

/** What the page is set up with once it has loaded. */
export interface PageSetup {
  readonly assets: PageAssets;
  readonly modules: readonly PageModule[];
  /** Versions of the libraries bundled into the page, recorded with the cells that use them. */
  readonly libraries: { readonly workerpool: string };
}

/** One cell as the runner sends it to the page: plain data, the strategy by name. */
export interface PageCellPlan {
  readonly ref: WorkloadRef;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly strategy: string;
  readonly concurrency: number;
}

/** A batch of cells (one workload and parameter set) for the page's measurement loop. */
export interface PageMeasureRequest {
  readonly cells: readonly PageCellPlan[];
  readonly profile: Profile;
  readonly seed: number;
  /** Cores the page sees (`navigator.hardwareConcurrency`); cells with more workers are flagged. */
  readonly availableParallelism: number;
  /** The timer resolution measured in the page, ms. */
  readonly timerResolutionMs: number;
  /** Base URL of the loopback latency server, when these cells do I/O. */
  readonly serverUrl?: string;
}

/** The calibration request: how carefully to measure the page's floors. */
export interface PageCalibrationRequest {
  readonly profile: Profile;
  readonly timerResolutionMs: number;
  /** Base URL of the loopback latency server, for the fetch round-trip floor (skipped without one). */
  readonly serverUrl?: string;
}

/** What the page says about itself and its browser. */
export interface PageIdentity {
  readonly userAgent: string;
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  /** Smallest step of `performance.now()` in the page, ms. */
  readonly timerResolutionMs: number;
}

/** The page's API, as `globalThis.paralab` once the harness has loaded. */
export interface PageApi {
  setup(setup: PageSetup): Promise<PageIdentity>;
  /** Keeps the main thread busy for `ms` (the runner finds the page's renderer process by its CPU time). */
  burn(ms: number): void;
  calibrate(request: PageCalibrationRequest): Promise<Cell[]>;
  measure(request: PageMeasureRequest): Promise<MeasureResult>;
  /** Stops after the current sample (Ctrl-C in the runner). */
  interrupt(): void;
}

/** The name of the one function the runner exposes to the page (`page.exposeBinding`). */
export const HOST_BINDING = '__paralabHost';

/** Calls from the page to the runner through `HOST_BINDING`. */
export type ToHost =
  /** Progress of the measurement loop. */
  | { readonly type: 'event'; readonly event: MeasureEvent }
  /** A sample starts: answers the renderer's cumulative CPU time, and starts watching its memory. */
  | { readonly type: 'usage-begin' }
  /** A sample ended: answers the CPU time, and the peak memory since `usage-begin`. */
  | { readonly type: 'usage-end' };

/** The runner's answer to `usage-begin` and `usage-end`, or null when it cannot read the renderer. */
export type HostUsage = ExternalUsage | null;

/** Messages from the page to a worker started from `PageAssets.worker`. */
export type ToPageWorker =
  /** The first message: which workload to load (a Web Worker has no `workerData`). */
  | { readonly type: 'paralab:setup'; readonly url: string; readonly id: string }
  | ToWorker
  /** A task whose typed-array buffers were transferred; the output's are transferred back. */
  | { readonly type: 'paralab:task-transfer'; readonly id: number; readonly input: unknown }
  /** The `shared` strategy's batch and tasks (core's `runSharedBatch`). */
  | ToSharedWorker;

/** Where a workerpool worker finds its workload: query parameters of its script URL. */
export const WORKERPOOL_QUERY = { url: 'workload', id: 'id' } as const;
