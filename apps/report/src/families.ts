import type { Cell } from '@paralab/core';

/** What kind of concurrency a strategy is, as the seeds' claims speak of them. */
export type Family = 'sequential' | 'async' | 'threads' | 'processes' | 'hybrid' | 'other';

const FAMILIES: Readonly<Record<string, Family>> = {
  sequential: 'sequential',
  async: 'async',
  worker: 'threads',
  'worker-pipelined': 'threads',
  piscina: 'threads',
  workerpool: 'threads',
  tinypool: 'threads',
  shared: 'threads',
  transfer: 'threads',
  'web-worker': 'threads',
  process: 'processes',
  'process-cold': 'processes',
  hybrid: 'hybrid',
};

/** The family of a cell's strategy; unknown strategies are 'other'. */
export function familyOf(cell: Pick<Cell, 'strategy'>): Family {
  return FAMILIES[cell.strategy] ?? 'other';
}

/** Words for a family, as used in sentences: "worker threads or pools", "child processes". */
export const FAMILY_WORDS: Readonly<Record<Family, string>> = {
  sequential: 'sequential',
  async: 'async',
  threads: 'worker threads or pools',
  processes: 'child processes',
  hybrid: 'hybrid (async I/O + pool)',
  other: 'other',
};
