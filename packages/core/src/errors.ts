/** Machine-readable error codes carried by every `ParalabError`. */
export type ErrorCode =
  | 'ERR_PARAM'
  | 'ERR_OPTION'
  | 'ERR_UNKNOWN_WORKLOAD'
  | 'ERR_UNKNOWN_STRATEGY'
  | 'ERR_RESULTS_INVALID'
  | 'ERR_TIMEOUT'
  | 'ERR_PAGE'
  | 'ERR_NO_BROWSER'
  | 'ERR_WORKER'
  | 'ERR_UNSUPPORTED'
  | 'ERR_INTERRUPTED'
  | 'ERR_LOADGEN'
  | 'ERR_LOADGEN_BUSY'
  | 'ERR_BUG'
  | (string & {});

/** An error paralab raises on purpose: it has a stable `code` and a message fit for a one-line CLI error. */
export class ParalabError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParalabError';
    this.code = code;
  }
}

/** Turns anything thrown into an `Error`: an Error as it is, anything else with `describeThrown`'s text. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  const error = new Error(describeThrown(thrown));
  if (thrown && typeof thrown === 'object' && 'name' in thrown && typeof thrown.name === 'string')
    error.name = thrown.name;
  return error;
}

/**
 * One line saying what was thrown, as it was thrown: an Error's message (prefixed with its name unless it
 * is a plain `Error`: `TypeError: x is not a function`), a string as it is, and any other value named for
 * what it is (`null was thrown (not an Error)`, `an object was thrown: {"code":7}`), so that a task that
 * throws `null` is never mistaken for one that returned a wrong answer.
 */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) {
    const message = firstLine(thrown.message);
    const name = UNNAMED.has(thrown.name) ? '' : thrown.name;
    if (!message) return name ? `${name} (no message)` : 'an Error with no message';
    return name && !message.startsWith(name) ? `${name}: ${message}` : message;
  }
  if (typeof thrown === 'string') return firstLine(thrown) || 'an empty string was thrown';
  if (thrown === null || thrown === undefined) return `${String(thrown)} was thrown (not an Error)`;
  if (typeof thrown !== 'object') return `${typeof thrown} ${String(thrown)} was thrown (not an Error)`;
  if ('message' in thrown && typeof thrown.message === 'string' && thrown.message)
    return firstLine(thrown.message);
  return `an object was thrown (not an Error): ${preview(thrown)}`;
}

/** Error names not worth repeating before a message: the plain one and paralab's own. */
const UNNAMED: ReadonlySet<string> = new Set(['', 'Error', 'ParalabError', 'SideLost', 'PageLost']);

/** The first line of an error message (libraries append multi-line diagnostics). */
export function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? '';
}

function preview(value: object): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The failure of an internal invariant: always a bug in paralab, never the user's input. */
export function bug(message: string): ParalabError {
  return new ParalabError('ERR_BUG', `${message} (this is a bug in paralab; please report it)`);
}
