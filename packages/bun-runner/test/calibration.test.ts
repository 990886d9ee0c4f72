import { describe, expect, test } from 'bun:test';
import { BUSY_ROUNDTRIP_MS, calibrateProbes, LaunchScope } from '@paralab/core';
import { bunCalibrationProbes, runBun } from '../src/index.js';
import { statuses, TEST_PROFILE } from './_helpers.js';

/** `primitive/name` of a probe or of a calibration cell, with its payload size and mode when it has one. */
const label = (primitive: string, name: string, params: Record<string, unknown> = {}): string =>
  [`${primitive}/${name}`, params.bytes, params.mode].filter((part) => part !== undefined).join(' ');

describe("Bun's calibration floors", () => {
  test('Web Worker and Bun.spawn start-up and round trips are measured on real workers and children', async () => {
    const own = new Set([
      'web-worker/worker-startup',
      'web-worker/message-roundtrip',
      'web-worker/payload-roundtrip 1024 clone',
      'web-worker/payload-roundtrip 1024 transfer',
      'bun-spawn/spawn',
      'bun-spawn/ipc-roundtrip',
    ]);
    const probes = bunCalibrationProbes.filter((p) => own.has(label(p.primitive, p.name, p.params)));
    const cells = await calibrateProbes({
      profile: TEST_PROFILE,
      probes,
      makeScope: () => new LaunchScope(),
    });
    expect(cells.map((c) => [c.strategy, c.params.probe, c.params.mode ?? null, c.status])).toEqual([
      ['web-worker', 'worker-startup', null, 'ok'],
      ['web-worker', 'message-roundtrip', null, 'ok'],
      ['web-worker', 'payload-roundtrip', 'clone', 'ok'],
      ['web-worker', 'payload-roundtrip', 'transfer', 'ok'],
      ['bun-spawn', 'spawn', null, 'ok'],
      ['bun-spawn', 'ipc-roundtrip', null, 'ok'],
    ]);
    for (const cell of cells) {
      expect(cell.samples.length).toBeGreaterThanOrEqual(5);
      expect(cell.stats?.median).toBeGreaterThan(0);
    }
    expect(cells[4]?.options).toEqual({
      library: 'Bun.spawn',
      api: 'Bun.spawn',
      ipc: true,
      serialization: 'advanced',
      until: 'first message',
    });
  });

  test("come after node-runner's floors, which run under Bun too", () => {
    const names = bunCalibrationProbes.map((p) => `${p.primitive}/${p.name}`);
    expect(names.slice(0, 3)).toEqual([
      'timer/timer-resolution',
      'worker_threads/worker-startup',
      'worker_threads/message-roundtrip',
    ]);
    const own = names.filter((name) => name.startsWith('web-worker/') || name.startsWith('bun-spawn/'));
    expect(names.slice(-own.length)).toEqual(own);
    expect([...new Set(own)]).toEqual([
      'web-worker/worker-startup',
      'web-worker/message-roundtrip',
      'web-worker/busy-roundtrip',
      'web-worker/pipelined-busy',
      'web-worker/payload-roundtrip',
      'bun-spawn/spawn',
      'bun-spawn/ipc-roundtrip',
      'bun-spawn/busy-roundtrip',
    ]);
    // Each round trip is followed by its busy round trips, one per busy time.
    expect(own.filter((name) => name.endsWith('/busy-roundtrip'))).toHaveLength(2 * BUSY_ROUNDTRIP_MS.length);
  });

  test('a run with calibration measures every floor on the Bun side, before the cells', async () => {
    const results = await runBun({
      workloads: ['noop'],
      strategies: ['sequential'],
      calibration: true,
      // The 16 MiB payloads on a loaded 2-core machine: a watchdog that only a hang meets.
      profile: { ...TEST_PROFILE, sampleTimeoutMs: 15_000 },
      lock: false,
    });
    const floors = results.cells.filter((cell) => cell.kind === 'calibration');
    expect(floors.map((c) => label(c.strategy, String(c.params.probe), c.params))).toEqual(
      bunCalibrationProbes.map((p) => label(p.primitive, p.name, p.params)),
    );
    const failed = floors.filter((c) => c.status !== 'ok');
    expect(failed.map((c) => [label(c.strategy, String(c.params.probe), c.params), c.reason])).toEqual([]);
    expect(statuses(results).slice(floors.length)).toEqual([['noop', 'sequential', 'ok']]);
    expect(results.runtime.name).toBe('bun');
    expect(results.runtime.version).toBe(Bun.version);
  });
});
