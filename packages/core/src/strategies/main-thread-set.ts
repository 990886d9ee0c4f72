import type { Strategy } from '../strategy.js';
import { asyncStrategy } from './async.js';
import { promiseAllStrategy } from './promise-all.js';
import { sequential } from './sequential.js';

/**
 * The strategies every runtime offers, because they need nothing but the calling thread: `sequential` (the
 * baseline), `async` (N in flight on the event loop) and `promise-all` (a plain `Promise.all`, the floor
 * `async` is held against). Each runner's list starts with them.
 */
export const mainThreadStrategies: readonly Strategy[] = [sequential, asyncStrategy, promiseAllStrategy];
