// What the runner (Node), the page and the page's workers say to each other. Types only, and no globals:
// this module is compiled for Node, for the page (DOM) and for the workers (WebWorker) alike.
import type { ExternalUsage, FromSide, ToSide } from '@paralab/core';

/** The browser engines the runner drives (`runtime.name` of their results). */
export type BrowserEngine = 'chromium' | 'firefox';

/** The URLs (on the page server) of the scripts the page starts workers from. */
export interface PageAssets {
  /** The module worker of every Web Worker strategy and probe (core's Web Worker peer loop). */
  readonly worker: string;
  /** The same worker as a classic script (to compare the two kinds of start-up). */
  readonly workerClassic: string;
  /** The module worker workerpool starts (`workerpool` and `hybrid`). */
  readonly workerpoolWorker: string;
}

/** A workload module bundled for the page: the module name the host plans with, and the URL the page imports. */
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

/** What the page says about itself and its browser. */
export interface PageIdentity {
  readonly userAgent: string;
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  /** Smallest step of `performance.now()` in the page, ms. */
  readonly timerResolutionMs: number;
}

/** How the page reaches the runner, given with its set-up by the page session. */
export interface PageConnection {
  /**
   * The WebSocket URL of this page's channel to the runner, on the page server (`ws://127.0.0.1:PORT/...`,
   * with a token only this page session knows).
   */
  readonly channel: string;
  /** The engine the page runs in (its probe's and memory's sources name it). */
  readonly engine: BrowserEngine;
}

/** The page's API, as `globalThis.paralab` once the harness has loaded. */
export interface PageApi {
  /**
   * Sets the page up and connects it to the runner's channel (resolves once connected): from then on the
   * runner's requests and the page's events, replies and calls travel over that WebSocket (`ToPage`,
   * `FromPage`), whatever drives the browser.
   */
  setup(setup: PageSetup, connection: PageConnection): Promise<PageIdentity>;
  /** Keeps the main thread busy for `ms` (the runner finds the page's process by its CPU time). */
  burn(ms: number): void;
}

/** The path of the page channel on the page server (the token follows as `?session=`). */
export const CHANNEL_PATH = '/paralab/host';

/**
 * How often the runner reads the page's process RSS from the OS during a sample (`usage-begin` to
 * `usage-end`), ms: each read wakes this process, on a machine whose cores the page's workers need.
 */
export const RSS_POLL_MS = 50;

/** What the runner sends the page over its channel: core's side protocol, and answers to the page's calls. */
export type ToPage = ToSide | { readonly type: 'answer'; readonly id: number; readonly answer: HostUsage };

/** What the page sends the runner over its channel: core's side protocol, and calls that want an answer. */
export type FromPage = FromSide | { readonly type: 'call'; readonly id: number; readonly call: ToHost };

/** Calls from the page to the runner that want an answer (`FromPage` `call`). */
export type ToHost =
  /** A sample starts: answers the renderer's cumulative CPU time, and starts watching its memory. */
  | { readonly type: 'usage-begin' }
  /** A sample ended: answers the CPU time, and the peak memory since `usage-begin`. */
  | { readonly type: 'usage-end' }
  /** The renderer's resident memory now, bytes (each cell's footprint), or null when it cannot be read. */
  | { readonly type: 'memory' };

/** The runner's answer to `usage-begin` and `usage-end`, or null when it cannot read the renderer. */
export type HostUsage = ExternalUsage | number | null;

/** Where a workerpool worker finds its workload: query parameters of its script URL. */
export const WORKERPOOL_QUERY = { url: 'workload', id: 'id' } as const;
