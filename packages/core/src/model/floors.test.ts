import { describe, expect, it } from 'vitest';
import { measured, nodeFloors, probeCell } from './_fixtures.js';
import { floorOf, pipelinedOverhead, primitiveFloors, primitiveOf, roundTripAround } from './floors.js';
import { interpolate, payloadCost } from './payload.js';

describe('primitiveFloors', () => {
  it('reads each primitive floor as the p10 of its calibration cell', () => {
    const floors = primitiveFloors(nodeFloors());
    expect([...floors.keys()]).toEqual(['worker_threads', 'child_process']); // the timer is not a peer primitive
    const thread = floors.get('worker_threads');
    expect(thread).toMatchObject({
      kind: 'thread',
      library: 'node:worker_threads',
      startup: { ms: 20, n: 20 },
      roundTrip: { ms: 0.05, n: 20 },
      cloneSerialization: 'structured-clone',
    });
    expect(thread?.payload.clone.map((p) => [p.bytes, p.ms])).toEqual([
      [1024, 0.05],
      [65536, 0.25],
    ]);
    expect(floors.get('child_process')).toMatchObject({
      kind: 'process',
      startup: { ms: 40 },
      roundTrip: { ms: 0.1 },
    });
  });

  it("reads the round trips measured beside the grain sweep's group when its busy round trips were, the rest from the calibration", () => {
    const beside = { interleavedWith: 'grain(taskUs=256,totalMs=20)' };
    const at = (name: string, ms: number, params: Record<string, string | number>) =>
      probeCell('worker_threads', name, ms, { library: 'node:worker_threads', params });
    const cells = [
      ...nodeFloors(), // round trip 0.05 at the start
      at('busy-roundtrip', 0.2, { busyMs: 1, of: 'message-roundtrip' }),
      at('message-roundtrip', 0.03, { interleavedWith: 'noop(tasks=1000)' }), // beside noop: not read
      at('message-roundtrip', 0.15, beside),
      at('busy-roundtrip', 0.6, { busyMs: 1, of: 'message-roundtrip', ...beside }),
    ];
    const thread = primitiveFloors(cells).get('worker_threads');
    expect(thread?.roundTrip?.ms).toBe(0.15);
    // One busy floor a busy time, the one beside the sweep (the calibration's 0.2 is not read).
    expect(thread?.busy.map((f) => [f.busyMs, f.ms])).toEqual([[1, 0.6]]);
    // What the sweep's group does not measure comes from the calibration at the start.
    expect(thread).toMatchObject({ startup: { ms: 20 }, library: 'node:worker_threads' });
    expect(thread?.payload.clone).toHaveLength(2);
    // Without busy round trips beside a group (an older run), the calibration's, the noop floor left out.
    const older = primitiveFloors(cells.slice(0, -2)).get('worker_threads');
    expect(older?.roundTrip?.ms).toBe(0.05);
    expect(older?.busy.map((f) => f.ms)).toEqual([0.2]);
  });

  it('p10 interpolates between order statistics (numpy type 7)', () => {
    // Samples 1..10 sorted: p10 at position 0.1 × 9 = 0.9 -> 1 + 0.9 × (2 - 1) = 1.9.
    const cell = { ...probeCell('x', 'message-roundtrip', 0), samples: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] };
    expect(floorOf(cell)?.ms).toBeCloseTo(1.9, 12);
    // Per operation: a batch floor of 1.9 ms over 100 operations.
    expect(floorOf(cell, 100)?.ms).toBeCloseTo(0.019, 12);
  });
});

describe('roundTripAround', () => {
  it('reads the busy-roundtrip medians, linear between busy times, from the round trip at 0, flat past the last', () => {
    const busy = (samples: number[], busyMs: number) => ({
      ...probeCell('worker_threads', 'busy-roundtrip', 0, {
        library: 'node:worker_threads',
        params: { busyMs, of: 'message-roundtrip' },
      }),
      samples,
    });
    // Medians: [0.1, 0.3, 0.2] -> 0.2 after 1 ms; [0.4, 0.5, 0.3, 0.9] -> (0.4 + 0.5) / 2 = 0.45 after 3 ms.
    const cells = [...nodeFloors(), busy([0.4, 0.5, 0.3, 0.9], 3), busy([0.1, 0.3, 0.2], 1)];
    const thread = primitiveFloors(cells).get('worker_threads');
    if (!thread) throw new Error('no worker_threads floors');
    expect(thread.busy.map((f) => [f.busyMs, f.ms])).toEqual([
      [1, 0.2],
      [3, expect.closeTo(0.45, 12)],
    ]);
    expect(roundTripAround(thread, 0)).toBe(0.05); // the back-to-back round trip
    expect(roundTripAround(thread, 0.5)).toBeCloseTo(0.125, 12); // halfway from 0.05 to 0.2
    expect(roundTripAround(thread, 2)).toBeCloseTo(0.325, 12); // halfway from 0.2 to 0.45
    expect(roundTripAround(thread, 50)).toBeCloseTo(0.45, 12); // flat past 3 ms
    // Without busy floors (an older run): the round trip whatever the task.
    const older = primitiveFloors(nodeFloors()).get('worker_threads');
    expect(older && roundTripAround(older, 2)).toBe(0.05);
  });
});

describe('pipelinedOverhead', () => {
  it('reads the pipelined-busy medians by task size, linear between them, from the empty-task stream at 0, flat past the last', () => {
    const busy = (samples: number[], taskMs: number) => ({
      ...probeCell('worker_threads', 'pipelined-busy', 0, {
        library: 'node:worker_threads',
        params: { taskMs, lanes: 2, of: 'message-roundtrip' },
      }),
      samples,
    });
    // Medians: [0.02, 0.01, 0.03] -> 0.02 at 0.016 ms tasks; [0.09, 0.07, -0.01, 0.06] -> 0.065 at 1.024 ms.
    const cells = [...nodeFloors(), busy([0.09, 0.07, -0.01, 0.06], 1.024), busy([0.02, 0.01, 0.03], 0.016)];
    const thread = primitiveFloors(cells).get('worker_threads');
    if (!thread) throw new Error('no worker_threads floors');
    expect(thread.pipelinedBusy.map((f) => [f.taskMs, f.lanes, f.ms])).toEqual([
      [0.016, 2, 0.02],
      [1.024, 2, expect.closeTo(0.065, 12)],
    ]);
    expect(pipelinedOverhead(thread, 0, 0.004)).toBe(0.004); // the empty-task stream, per task and lane
    expect(pipelinedOverhead(thread, 0.008, 0.004)).toBeCloseTo(0.012, 12); // halfway from 0.004 to 0.02
    expect(pipelinedOverhead(thread, 0.52, 0.004)).toBeCloseTo(0.0425, 12); // halfway from 0.02 to 0.065
    expect(pipelinedOverhead(thread, 5, 0.004)).toBeCloseTo(0.065, 12); // flat past 1.024 ms
    expect(pipelinedOverhead(thread, 0.008)).toBe(0.02); // no stream given: flat below the first
    // Without the probe (an older run): unknown, and the model keeps the stream.
    const older = primitiveFloors(nodeFloors()).get('worker_threads');
    expect(older && pipelinedOverhead(older, 0.5)).toBeUndefined();
  });
});

describe('primitiveOf', () => {
  const floors = primitiveFloors(nodeFloors());
  it.each<{ options: Record<string, string>; family: string; want: string }>([
    { options: { library: 'node:worker_threads' }, family: 'threads', want: 'worker_threads' },
    { options: { library: 'node:child_process', api: 'fork' }, family: 'processes', want: 'child_process' },
    { options: { library: 'x', primitive: 'child_process' }, family: 'threads', want: 'child_process' },
    { options: { library: 'piscina' }, family: 'threads', want: 'worker_threads' },
    { options: { library: 'tinypool', api: 'node:child_process' }, family: 'threads', want: 'child_process' },
    { options: { library: 'workerpool', workerType: 'process' }, family: 'threads', want: 'child_process' },
  ])('$options.library ($family) -> $want', ({ options, family, want }) => {
    const found = primitiveOf(measured('w', 's', 2, 1, { options, family }), floors);
    expect('primitive' in found && found.primitive.primitive).toBe(want);
  });
});

describe('payloadCost', () => {
  const thread = primitiveFloors(nodeFloors()).get('worker_threads');
  if (!thread) throw new Error('fixture has no worker_threads floors');
  it.each([
    // 2000 B per task = 1000 B each way: within the small round trip.
    { bytes: 2000, serialization: 'structured-clone', want: 0 },
    // 64 KiB each way: the 64 KiB floor 0.25 minus the round trip 0.05.
    { bytes: 131072, serialization: 'structured-clone', want: 0.2 },
    // 128 KiB each way: extrapolated from the last two points, 0.05 + 0.2 × (131072 - 1024) / 64512 = 0.45317...,
    // minus 0.05.
    { bytes: 262144, serialization: 'structured-clone', want: 0.05 + (0.2 * (131072 - 1024)) / 64512 - 0.05 },
    // Shared memory copies nothing.
    { bytes: 262144, serialization: 'shared', want: 0 },
    // Transferred: the transfer floor (0.06 at 64 KiB, its only point) minus the round trip.
    { bytes: 131072, serialization: 'transfer', want: 0.01 },
  ])('$bytes B, $serialization', ({ bytes, serialization, want }) => {
    const cost = payloadCost(thread, bytes, serialization);
    expect('ms' in cost && cost.ms).toBeCloseTo(want, 9);
  });

  it('says unknown for a serialization its probes did not use', () => {
    expect(payloadCost(thread, 131072, 'json')).toEqual({
      unknown: 'no payload floor for json on worker_threads (its payload probes used structured-clone)',
    });
  });

  it('interpolate needs a point', () => {
    expect(() => interpolate([], 10)).toThrow(new RangeError('interpolate needs at least one payload floor'));
  });
});
