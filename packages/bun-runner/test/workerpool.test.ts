// workerpool under Bun: its thread and process modes hang at start-up; the start-up watchdog turns that
// into unsupported cells (the hang-to-unsupported case), and its web mode works.
import { describe, expect, test } from 'bun:test';
import { bunHangReason, workerpoolStrategy } from '../src/index.js';
import { runFixtures, statuses } from './_helpers.js';

describe('workerpool under Bun', () => {
  test.each(['thread', 'process'] as const)(
    'records %s mode, which hangs at start-up, as unsupported with the reason, and the run goes on',
    async (workerType) => {
      const strategy = workerpoolStrategy({
        name: `workerpool-${workerType}`,
        description: 'test',
        workerType,
        startTimeoutMs: 1_000,
        hangReason: bunHangReason(workerType),
      });
      const results = await runFixtures(['double', 'square'], ['sequential', strategy]);
      expect(statuses(results)).toEqual([
        ['double', 'sequential', 'ok'],
        ['double', `workerpool-${workerType}`, 'unsupported'],
        ['square', 'sequential', 'ok'],
        ['square', `workerpool-${workerType}`, 'unsupported'],
      ]);
      const reason = `workerpool 10 hangs under Bun in ${workerType} mode (it takes its browser branch: Bun defines self and postMessage globally); see workerpool-web`;
      expect(results.cells[1]?.reason).toBe(`${reason} (start-up watchdog: no answer in 1000 ms)`);
      // The next cell is told at once instead of hanging again.
      expect(results.cells[3]?.reason).toBe(
        `${reason} (start-up watchdog: no answer in 1000 ms earlier in this process; not retried)`,
      );
      expect(results.complete).toBe(true);
    },
  );

  test('a mode that is not known to hang is an error when its start-up outlives the watchdog', async () => {
    // A watchdog no start-up can meet stands in for a hang.
    const strategy = workerpoolStrategy({
      name: 'workerpool-web-impatient',
      description: 'test',
      workerType: 'web',
      startTimeoutMs: 0,
    });
    const results = await runFixtures(['double'], [strategy]);
    expect(statuses(results)).toEqual([['double', 'workerpool-web-impatient', 'errored']]);
    expect(results.cells[0]?.reason).toBe(
      'starting workerpool-web-impatient failed: workerpool could not start (start-up watchdog: no answer in 0 ms)',
    );
  });
});
