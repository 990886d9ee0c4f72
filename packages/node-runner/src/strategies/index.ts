import { asyncStrategy, type Strategy, sequential } from '@paralab/core';
import { piscinaStrategy } from './piscina.js';
import { workerStrategy } from './worker.js';

/** Every strategy the Node runner offers, in the order tables show them. */
export const nodeStrategies: readonly Strategy[] = [
  sequential,
  asyncStrategy,
  workerStrategy,
  piscinaStrategy,
];
