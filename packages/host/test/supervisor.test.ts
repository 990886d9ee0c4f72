// The supervisor over a real measuring side (a child process running fixtures/side.mjs): a side that dies,
// blocks, runs out of memory or is interrupted costs the cell it was working on, and the group's other
// cells are measured in a fresh side.
import { fileURLToPath } from 'node:url';
import { CancelToken, type Cell, type CellPlan, type StrategyInfo } from '@paralab/core';
import {
  type MeasuringSide,
  planRun,
  type SideFactory,
  Supervisor,
  type SupervisorEvent,
} from '@paralab/host';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PROFILE, testRunner, testSides, WHAT, WORKLOADS } from './_fixtures.js';

const HOST_ONLY = fileURLToPath(new URL('./fixtures/host-only.mjs', import.meta.url));

/** The test's supervisor, closed after it. */
let running: Supervisor | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The cells of one workload under `strategies` at concurrency 1, as the host plans them. */
async function plans(workload: string, strategies: string[], module = WORKLOADS) {
  const planned = await planRun(testRunner(), {
    modules: [module],
    workloads: [workload],
    strategies,
    concurrency: [1],
  });
  return planned.plans;
}

interface SuperviseOptions {
  factory?: SideFactory;
  interrupt?: CancelToken;
}

/** A fresh supervisor (closed after the test), and the side's comings and goings as it reports them. */
function supervise(
  { factory = testSides(256), interrupt }: SuperviseOptions = {},
  onEvent: (event: SupervisorEvent) => void = () => {},
): { supervisor: Supervisor; sides: string[] } {
  const sides: string[] = [];
  const supervisor = new Supervisor({
    factory,
    profile: TEST_PROFILE,
    seed: 1,
    services: {},
    interrupt,
    onEvent: (event) => {
      if (event.type === 'side-start') sides.push('start');
      if (event.type === 'side-lost') sides.push(`lost: ${event.reason}`);
      onEvent(event);
    },
  });
  running = supervisor;
  return { supervisor, sides };
}

/** Measures one group under a fresh supervisor; resolves with its cells and the side's comings and goings. */
async function measure(
  group: readonly CellPlan<StrategyInfo>[],
  options: SuperviseOptions = {},
  onEvent: (event: SupervisorEvent) => void = () => {},
) {
  const { supervisor, sides } = supervise(options, onEvent);
  const cells = await supervisor.measureGroup(group, 1, 1);
  return { cells, sides };
}

/**
 * Sides of the test runner, each handed to `opened` (with its 1-based number) before the supervisor gets
 * it: to watch or fake what happens around it.
 */
function watchedSides(
  opened: (side: MeasuringSide, n: number) => void,
  extra: Partial<Pick<SideFactory, 'sidePerGroup'>> = {},
): SideFactory {
  const inner = testSides(256);
  let count = 0;
  return {
    what: inner.what,
    ...extra,
    async open() {
      const side = await inner.open();
      opened(side, ++count);
      return side;
    },
  };
}

const summary = (cells: readonly Cell[]) =>
  cells.map((c) => [c.strategy, c.status, c.reason, c.samples.length]);

describe('Supervisor', () => {
  it("records a side's death as the errored cell it was working on, and measures the others in a fresh side", async () => {
    const { cells, sides } = await measure(await plans('double', ['dies', 'sequential']));
    expect(summary(cells)).toEqual([
      ['dies', 'errored', `${WHAT} exited with code 3 (while warming up this cell)`, 0],
      ['sequential', 'ok', undefined, 3],
    ]);
    expect(sides).toEqual(['start', `lost: ${WHAT} exited with code 3`, 'start']);
    expect(cells.map((c) => [c.id, c.workload, c.family, c.concurrency])).toEqual([
      ['double(tasks=4)/dies@1', 'double', 'threads', 1],
      ['double(tasks=4)/sequential@1', 'double', 'sequential', 1],
    ]);
  });

  it('kills a side that says nothing for longer than its silence allows, and goes on', async () => {
    const group = await plans('double', ['blocks', 'sequential']);
    const { cells, sides } = await measure(group);
    // 2 × the 500 ms watchdog + 15 s.
    const silent = `${WHAT} said nothing for 16 s (a task blocked its main thread?) and was killed`;
    expect(summary(cells)).toEqual([
      ['blocks', 'errored', `${silent} (while warming up this cell)`, 0],
      ['sequential', 'ok', undefined, 3],
    ]);
    expect(sides).toEqual(['start', `lost: ${silent}`, 'start']);
  });

  it('says a side ran out of heap, with its limit, from what it wrote to stderr', async () => {
    const { cells } = await measure(await plans('double', ['bloats', 'sequential']), {
      factory: testSides(64),
    });
    expect(summary(cells)).toEqual([
      ['bloats', 'errored', `${WHAT} ran out of memory (heap limit 64 MB) (while warming up this cell)`, 0],
      ['sequential', 'ok', undefined, 3],
    ]);
  });

  it('kills a side whose memory goes over the limit, and says how much it used', async () => {
    const factory = testSides(256, { rssLimitBytes: 256 * 2 ** 20 });
    const { cells } = await measure(await plans('double', ['hogs', 'sequential']), { factory });
    expect(summary(cells).map(([strategy, status]) => [strategy, status])).toEqual([
      ['hogs', 'errored'],
      ['sequential', 'ok'],
    ]);
    expect(cells[0]?.reason).toMatch(
      new RegExp(
        `^${WHAT} ran out of memory: it and its children used (\\d+) MB, over the limit of 256 MB \\(while warming up this cell\\)$`,
      ),
    );
    const used = Number(/used (\d+) MB/.exec(cells[0]?.reason ?? '')?.[1]);
    expect(used).toBeGreaterThan(256);
  });

  it("errors the whole group when the side dies preparing the group's inputs", async () => {
    const { cells, sides } = await measure(await plans('prepare-exits', ['sequential', 'async']));
    const why = `${WHAT} exited with code 5 (while preparing the group's inputs: its prepare or the reference run of its task)`;
    expect(summary(cells)).toEqual([
      ['sequential', 'errored', why, 0],
      ['async', 'errored', why, 0],
    ]);
    // Blamed on every cell at once: no side is started again for this group.
    expect(sides).toEqual(['start', `lost: ${WHAT} exited with code 5`]);
  });

  it('errors every cell with the reason when the side answers that the request failed', async () => {
    const { cells, sides } = await measure(await plans('host-only', ['sequential', 'async'], HOST_ONLY));
    const href = new URL(`file://${HOST_ONLY}`).href;
    const why = `not measured: cannot load workload module ${href}: this module does not load in the side`;
    expect(summary(cells)).toEqual([
      ['sequential', 'errored', why, 0],
      ['async', 'errored', why, 0],
    ]);
    expect(sides).toEqual(['start']);
  });

  it('kills the side at once when interrupted, and records the unfinished cells as interrupted', async () => {
    const interrupt = new CancelToken();
    const group = await plans('double', ['blocks', 'sequential']);
    const { cells, sides } = await measure(group, { interrupt }, (event) => {
      if (event.type === 'cell-step' && event.step === 'warmup' && event.cellId.includes('/blocks@'))
        interrupt.cancel(new Error('Ctrl-C'));
    });
    const why = "the run was interrupted after 0 of this cell's samples";
    expect(summary(cells)).toEqual([
      ['blocks', 'interrupted', why, 0],
      ['sequential', 'interrupted', why, 0],
    ]);
    // Killed by the interrupt, not by the silence watchdog 16 s later; and not restarted.
    expect(sides).toEqual(['start', 'lost: the run was interrupted']);
  });

  it('kills a side that finished starting after the run was interrupted, before it measures anything', async () => {
    const interrupt = new CancelToken();
    let killed = '';
    // Ctrl-C arrives while the side starts (a browser opening a page): there is no side to kill yet.
    const factory = watchedSides((side) => {
      interrupt.cancel(new Error('Ctrl-C'));
      const kill = side.kill.bind(side);
      side.kill = async (reason) => {
        killed = reason;
        await kill(reason);
      };
    });
    const { cells } = await measure(await plans('double', ['sequential', 'async']), { factory, interrupt });
    const why = "the run was interrupted after 0 of this cell's samples";
    expect(summary(cells)).toEqual([
      ['sequential', 'interrupted', why, 0],
      ['async', 'interrupted', why, 0],
    ]);
    expect(killed).toBe('the run was interrupted');
  });

  it("measures the side's calibration floors and reports what the side said about itself", async () => {
    const { supervisor } = supervise();
    const identity = await supervisor.identity();
    expect([identity.runtime, identity.version, identity.availableParallelism]).toEqual([
      'test',
      process.versions.node,
      2,
    ]);
    const floors = await supervisor.calibrate();
    expect(floors.map((c) => [c.workload, c.strategy, c.params.probe, c.status])).toEqual([
      ['calibration', 'timer', 'timer-resolution', 'ok'],
    ]);
  });

  it('measures the calibration and each group in a side of its own when the factory asks for one per group', async () => {
    const log: string[] = [];
    const factory = watchedSides(
      (side, n) => {
        log.push(`open ${n}`);
        const close = side.close.bind(side);
        side.close = async () => {
          log.push(`close ${n}`);
          await close();
        };
      },
      { sidePerGroup: true },
    );
    const { supervisor, sides } = supervise({ factory });
    const floors = await supervisor.calibrate();
    const first = await supervisor.measureGroup(await plans('double', ['sequential']), 1, 2);
    const second = await supervisor.measureGroup(await plans('double', ['async']), 2, 2);
    expect([...floors, ...first, ...second].map((c) => [c.strategy, c.status])).toEqual([
      ['timer', 'ok'],
      ['sequential', 'ok'],
      ['async', 'ok'],
    ]);
    // Each closed before the next opens; a side opened because the last group was done is no news.
    expect(log).toEqual(['open 1', 'close 1', 'open 2', 'close 2', 'open 3', 'close 3']);
    expect(sides).toEqual(['start']);
  });
});
