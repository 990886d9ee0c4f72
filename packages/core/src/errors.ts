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

/** Turns anything thrown into an `Error` (strings and plain objects keep their text). */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === 'string') return new Error(thrown);
  if (thrown && typeof thrown === 'object' && 'message' in thrown && typeof thrown.message === 'string') {
    const error = new Error(thrown.message);
    if ('name' in thrown && typeof thrown.name === 'string') error.name = thrown.name;
    return error;
  }
  return new Error(`non-error thrown: ${String(thrown)}`);
}

/** The failure of an internal invariant: always a bug in paralab, never the user's input. */
export function bug(message: string): ParalabError {
  return new ParalabError('ERR_BUG', `${message} (this is a bug in paralab; please report it)`);
}
