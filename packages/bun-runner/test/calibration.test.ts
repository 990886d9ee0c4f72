import { describe, expect, test } from 'bun:test';
import { calibrate } from '@paralab/node-runner';
import {
  bunCalibrationProbes,
  bunIpcRoundtripProbe,
  bunSpawnProbe,
  webWorkerRoundtripProbe,
  webWorkerStartupProbe,
} from '../src/index.js';
import { TEST_PROFILE } from './_helpers.js';

describe("Bun's calibration floors", () => {
  test('Web Worker and Bun.spawn start-up and round trips are measured on real workers and children', async () => {
    const cells = await calibrate({
      profile: TEST_PROFILE,
      probes: [webWorkerStartupProbe, webWorkerRoundtripProbe, bunSpawnProbe, bunIpcRoundtripProbe],
    });
    expect(cells.map((c) => [c.strategy, c.params.probe, c.status])).toEqual([
      ['web-worker', 'worker-startup', 'ok'],
      ['web-worker', 'message-roundtrip', 'ok'],
      ['bun-spawn', 'spawn', 'ok'],
      ['bun-spawn', 'ipc-roundtrip', 'ok'],
    ]);
    for (const cell of cells) {
      expect(cell.samples.length).toBeGreaterThanOrEqual(5);
      expect(cell.stats?.median).toBeGreaterThan(0);
    }
  });

  test("come after node-runner's floors, which run under Bun too", () => {
    const names = bunCalibrationProbes.map((p) => `${p.primitive}/${p.name}`);
    expect(names.slice(0, 3)).toEqual([
      'timer/timer-resolution',
      'worker_threads/worker-startup',
      'worker_threads/message-roundtrip',
    ]);
    expect(names.slice(-4)).toEqual([
      'web-worker/worker-startup',
      'web-worker/message-roundtrip',
      'bun-spawn/spawn',
      'bun-spawn/ipc-roundtrip',
    ]);
  });
});
