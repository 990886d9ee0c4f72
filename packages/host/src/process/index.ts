// @paralab/host/process: process utilities for the host and for the launchers in the measuring process.
export {
  childExecArgv,
  describeExit,
  hasExited,
  KILL_GRACE_MS,
  StderrTail,
  stopChild,
} from './exit.js';
export { DEFAULT_HEAP_LIMIT_MB, HEAP_LIMIT_ENV, heapLimitMb } from './limits.js';
export { isAlive, killGroup } from './signal.js';
export { descendants, treeRss } from './tree.js';
export { addUsage, NO_USAGE, processUsage, statFields } from './usage.js';
