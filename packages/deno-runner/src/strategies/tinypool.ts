import type { Strategy } from '@paralab/core';
import { tinypoolStrategyOf } from '@paralab/node-api';

/** How long tinypool may take to start under Deno before it counts as hung, ms. */
export const TINYPOOL_START_TIMEOUT_MS = 5_000;

/** Why tinypool with its default atomics cannot run under Deno, as a cell's reason. */
export const TINYPOOL_HANG_REASON =
  "tinypool 2 hangs at start-up under Deno with its default useAtomics: true (a message waiting on a worker's port when it starts listening goes to the async listener while the worker blocks in Atomics.wait); see tinypool-no-atomics";

/**
 * tinypool as on Node (its default `useAtomics: true`): N threads, min = max, one task in flight each. Under
 * Deno 2.9 its threads usually never see their first task; a 5 s start-up watchdog then records the cell
 * `unsupported` with the reason (and later cells of the same measuring process at once).
 */
export const tinypoolStrategy: Strategy = tinypoolStrategyOf({
  name: 'tinypool',
  description: 'a tinypool pool of exactly N threads (min = max, default atomics); hangs under Deno 2.9',
  startTimeoutMs: TINYPOOL_START_TIMEOUT_MS,
  hangReason: TINYPOOL_HANG_REASON,
});
