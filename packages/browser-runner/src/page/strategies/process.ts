import { ParalabError, type Strategy } from '@paralab/core';
import { describeStrategy, NO_PROCESSES } from '../../catalog.js';

/**
 * Child processes, as the Node and Bun runners measure them: a page has none, so every `process` cell is
 * recorded `unsupported` with the reason, and the report shows the gap instead of leaving it out.
 */
export const processStrategy: Strategy = {
  ...describeStrategy('process'),
  supports: () => NO_PROCESSES,
  create: () => Promise.reject(new ParalabError('ERR_UNSUPPORTED', NO_PROCESSES)),
};
