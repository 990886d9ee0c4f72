import type { CellMetrics } from './schema.js';
import type { StrategyInstance } from './strategy.js';

/**
 * Measures one cell's resource use around its samples. Runners implement it with their runtime's APIs
 * (CPU usage, RSS, event-loop delay); core's loop calls it around every sample, outside the timed region.
 */
export interface CellProbe {
  /** Called right before a sample's timer starts. */
  begin(): void | Promise<void>;
  /** Called right after a sample's timer stops. */
  end(): void | Promise<void>;
  /** The cell's metrics over every sample so far. */
  result(): CellMetrics;
  /** Releases timers and histograms. */
  dispose?(): void;
}

/** Makes the probe of one cell; `instance` lets it ask for child processes' usage. */
export type ProbeFactory = (instance: StrategyInstance) => CellProbe;

/**
 * A rough count of the bytes a value takes when copied to another thread or process: typed arrays and
 * ArrayBuffers by their length, strings at 2 bytes a character, 8 bytes per number, plus keys. Good to
 * within a small factor, which is what "how much data does this strategy move" needs.
 */
export function estimateBytes(value: unknown): number {
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value === 'number' || typeof value === 'bigint') return 8;
  if (value === null || typeof value !== 'object') return 1;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + estimateBytes(item), 0);
  let total = 0;
  for (const [key, item] of Object.entries(value)) total += 2 * key.length + estimateBytes(item);
  return total;
}
