import { ParalabError } from '@paralab/core';

/**
 * A pool library's error for task `i` in one line. When a worker fails in a way the library cannot pass
 * on (a result that cannot be cloned makes piscina and tinypool throw in the worker, and the error arrives
 * as an empty object), the line says so instead of printing `{}`.
 */
export function libraryError(i: number, error: Error, library: string): ParalabError {
  const message = error.message.split('\n')[0]?.trim() ?? '';
  const lost = message === '' || /^an object was thrown \(not an Error\): \{\}$/.test(message);
  const why = lost
    ? `its worker failed with an error ${library} could not pass on (an output that cannot be cloned does this)`
    : message;
  return new ParalabError('ERR_TASK', `task ${i} threw: ${why}`);
}
