// What moving a task's data costs, from the payload round-trip floors: a task that moves B bytes (its input
// there and its output back) costs what a round trip of B / 2 bytes each way costs.
import type { PayloadFloor, PrimitiveFloors } from './floors.js';
import { polyline } from './polyline.js';

/** Below this many bytes each way, a message costs what the small round trip costs (no payload probe needed). */
export const SMALL_MESSAGE_BYTES = 1024;

/** The extra cost of a task's data, or why it is unknown. */
export type PayloadCost = { readonly ms: number; readonly note: string } | { readonly unknown: string };

/**
 * The extra time, ms per task, that moving `bytesPerTask` bytes (input and output together) adds to the
 * small round trip on `floors`' primitive: the payload round-trip floor at `bytesPerTask / 2` bytes each
 * way (linear between the probed sizes, extrapolated from the two largest above them) minus the round-trip
 * floor, never below 0. `shared` moves nothing (0). `transfer` reads the transfer probes; any other
 * serialization reads the cloned probes, which must have used that serialization. Up to
 * `SMALL_MESSAGE_BYTES` each way, the small round trip already covers it (0). Unknown when the probes are
 * missing or used another serialization.
 */
export function payloadCost(
  floors: PrimitiveFloors,
  bytesPerTask: number,
  serialization: string | undefined,
): PayloadCost {
  const each = bytesPerTask / 2;
  if (serialization === 'shared') return { ms: 0, note: 'shared memory: no data is copied' };
  if (each <= SMALL_MESSAGE_BYTES)
    return { ms: 0, note: `${fmtBytes(each)} each way: within the small round trip` };
  const mode = serialization === 'transfer' ? 'transfer' : 'clone';
  if (mode === 'clone' && serialization !== undefined && floors.cloneSerialization !== serialization)
    return {
      unknown: `no payload floor for ${serialization} on ${floors.primitive} (${
        floors.cloneSerialization
          ? `its payload probes used ${floors.cloneSerialization}`
          : 'no cloned payload probes'
      })`,
    };
  const points = floors.payload[mode];
  const base = floors.roundTrip?.ms;
  if (points.length === 0 || base === undefined)
    return { unknown: `no ${mode} payload floor for ${floors.primitive} in this run` };
  const ms = Math.max(0, interpolate(points, each) - base);
  return { ms, note: `${fmtBytes(each)} each way (${mode}): ${fmt(ms)} ms over the small round trip` };
}

/** The payload floor at `bytes`, linear between the two probed sizes around it (beyond: the last two). */
export function interpolate(points: readonly PayloadFloor[], bytes: number): number {
  if (points.length === 0) throw new RangeError('interpolate needs at least one payload floor');
  return polyline(
    points.map((p) => ({ x: p.bytes, y: p.ms })),
    bytes,
    'extend',
  );
}

/** A duration for a sentence: 3 significant digits. */
export function fmt(ms: number): string {
  return Number(ms.toPrecision(3)).toString();
}

function fmtBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${fmt(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} KiB`;
  return `${Math.round(bytes)} B`;
}
