// workerpool under Bun: its thread and process modes hang at start-up; the start-up watchdog turns that
// into unsupported cells (the hang-to-unsupported case), and its web mode works.
import { describe, expect, test } from 'bun:test';
import { importWorkload, measure, type WorkloadRef, workerpoolStrategy } from '@paralab/core';
import { compileTypeScript } from '@paralab/host';
import { pool as createPool } from 'workerpool';
import { bunHangReason } from '../src/index.js';
import { FIXTURES, leftBehind, newMark, runFixtures, statuses, TEST_PROFILE } from './_helpers.js';

describe('workerpool under Bun', () => {
  test.each([
    ['workerpool', 'thread'],
    ['workerpool-process', 'process'],
  ] as const)(
    'records %s (%s mode), which hangs at start-up, as unsupported with the reason, and the run goes on',
    async (strategy, workerType) => {
      // The cell's own start-up watchdog (the profile's sample timeout, 20 s) outlasts workerpool's (5 s), as
      // in every built-in profile.
      const results = await runFixtures(['double', 'square'], ['sequential', strategy]);
      expect(statuses(results)).toEqual([
        ['double', 'sequential', 'ok'],
        ['double', strategy, 'unsupported'],
        ['square', 'sequential', 'ok'],
        ['square', strategy, 'unsupported'],
      ]);
      const reason = `workerpool 10 hangs under Bun in ${workerType} mode (it takes its browser branch: Bun defines self and postMessage globally); see workerpool-web`;
      expect(bunHangReason(workerType)).toBe(reason);
      expect(results.cells[1]?.reason).toBe(`${reason} (start-up watchdog: no answer in 5000 ms)`);
      // The next cell is told at once instead of hanging again.
      expect(results.cells[3]?.reason).toBe(
        `${reason} (start-up watchdog: no answer in 5000 ms earlier in this process; not retried)`,
      );
      expect(results.complete).toBe(true);
    },
  );

  // With a sample timeout under workerpool's 5 s start-up watchdog, the cell's watchdog fails the cell
  // first, and the run can end while create() still waits for the pool. workerpool's process-mode children,
  // hung in its browser branch, do not notice their parent is gone: only the host's ending of the side's
  // whole process group ends them. (Linux: found through /proc.)
  test('leaves no workerpool process behind when the cell gives up on its start-up first', async () => {
    const mark = newMark();
    // TEST_PROFILE's 3 s watchdog gives up before workerpool's 5 s one.
    const results = await runFixtures(['double'], ['workerpool-process'], { mark, profile: TEST_PROFILE });
    expect(results.cells[0]?.reason).toBe(
      'starting workerpool-process failed: starting the strategy took longer than 3000 ms (watchdog)',
    );
    expect(await leftBehind(mark)).toEqual([]);
  });

  test('a mode that is not known to hang is an error when its start-up outlives the watchdog', async () => {
    // Strategies are named on the command line now, so this one is measured in this (Bun) process, the way
    // the measuring side measures: core's workerpool strategy over a web-mode pool whose workers run this
    // package's workerpool entry, as workerpool-web does, without a hang reason and with a watchdog no
    // start-up can meet (standing in for a hang).
    const ref: WorkloadRef = { module: await compileTypeScript(FIXTURES), id: 'double' };
    const entry = new URL('../dist/entry/workerpool-worker.js', import.meta.url).href;
    const bootstrap = `import { serveWorkerpool } from ${JSON.stringify(entry)};\nawait serveWorkerpool(${JSON.stringify(ref)});\n`;
    const strategy = workerpoolStrategy({
      name: 'workerpool-web-impatient',
      description: 'test',
      options: { library: 'workerpool', workerType: 'web' },
      startTimeoutMs: 0,
      createPool(_, size) {
        const url = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
        const options = { workerType: 'web', minWorkers: size, maxWorkers: size } as const;
        const pool = createPool(url, { ...options, workerOpts: { type: 'module' } });
        return { pool, release: () => URL.revokeObjectURL(url) };
      },
    });
    const { cells } = await measure(
      [{ workload: await importWorkload(ref), ref, params: { tasks: 6 }, strategy, concurrency: 2 }],
      { profile: TEST_PROFILE, seed: 1, availableParallelism: 2, timerResolutionMs: 0.001 },
    );
    expect(cells.map((cell) => [cell.workload, cell.strategy, cell.status])).toEqual([
      ['double', 'workerpool-web-impatient', 'errored'],
    ]);
    expect(cells[0]?.reason).toBe(
      'starting workerpool-web-impatient failed: workerpool could not start (start-up watchdog: no answer in 0 ms)',
    );
  });
});
