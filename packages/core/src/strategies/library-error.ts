import { firstLine, ParalabError } from '../errors.js';

/**
 * A pool library's error for task `i` in one line. When a worker fails in a way the library cannot pass
 * on (a result that cannot be cloned makes piscina and tinypool throw in the worker, and the error arrives
 * as an empty object), the line says so instead of printing `{}`.
 */
export function libraryError(i: number, error: Error, library: string): ParalabError {
  const message = firstLine(error.message);
  const why = lostInLibrary(message)
    ? `its worker failed with an error ${library} could not pass on (an output that cannot be cloned does this)`
    : message;
  return new ParalabError('ERR_TASK', `task ${i} threw: ${why}`);
}

/**
 * True when a library's error arrived without what was thrown: an empty message, or an empty object (a
 * worker error whose properties live on its prototype, as a `DataCloneError`'s do, is copied as `{}`).
 */
export function lostInLibrary(message: string): boolean {
  return message.trim() === '' || /^an object was thrown \(not an Error\): \{\}$/.test(message.trim());
}
