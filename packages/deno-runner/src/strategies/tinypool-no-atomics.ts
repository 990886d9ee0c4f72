import type { Strategy } from '@paralab/core';
import { tinypoolStrategyOf } from '@paralab/node-api';
import { TINYPOOL_START_TIMEOUT_MS } from './tinypool.js';

/**
 * tinypool with `useAtomics: false`: its threads wait for tasks on their message port instead of in
 * `Atomics.wait`, the configuration that works under Deno (tinypool's default hangs there, see `tinypool`).
 * A name of its own because it is not the configuration Node and Bun measure as `tinypool`.
 */
export const tinypoolNoAtomicsStrategy: Strategy = tinypoolStrategyOf({
  name: 'tinypool-no-atomics',
  description: 'a tinypool pool of exactly N threads (min = max, useAtomics: false), one task in flight each',
  useAtomics: false,
  startTimeoutMs: TINYPOOL_START_TIMEOUT_MS,
});
