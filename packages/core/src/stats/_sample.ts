/** Internal input checks and helpers shared by the statistics modules. */

/** Throws RangeError when `samples` is empty or holds a non-finite value; `name` prefixes the message. */
export function assertSample(name: string, samples: readonly number[]): void {
  if (samples.length === 0) throw new RangeError(`${name}: sample is empty`);
  if (!samples.every(Number.isFinite)) throw new RangeError(`${name}: sample contains a non-finite value`);
}

/** Throws RangeError unless 0 < confidence < 1. */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}

/** An ascending copy of `samples` (the input is left as it is). */
export function sortedCopy(samples: readonly number[]): number[] {
  return samples.slice().sort((x, y) => x - y);
}
