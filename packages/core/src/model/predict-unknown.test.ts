import { describe, expect, it } from 'vitest';
import type { Cell } from '../schema.js';
import {
  EIGHT,
  group,
  measured,
  nodeFloors,
  POOL,
  predict,
  probeCell,
  THREAD,
  tasksOf,
  unknownOf,
  worker,
} from './_fixtures.js';

describe('predictCell says what it does not know', () => {
  const few = probeCell('worker_threads', 'message-roundtrip', 0.05, {
    library: 'node:worker_threads',
    n: 6,
  });
  it.each([
    {
      name: 'no task sizes',
      cells: [
        ...nodeFloors(),
        measured('work', 'sequential', 1, 80, { tasksPerSample: 8 }),
        worker(2, { tasksPerSample: 8 }),
      ],
      want: 'the sequential cell recorded no task sizes (an older run, or timing failed)',
    },
    {
      name: 'no sequential cell',
      cells: [...nodeFloors(), worker(2)],
      want: 'no ok sequential cell in this group: the work per task is unknown',
    },
    {
      name: 'no floors',
      cells: group(EIGHT, 80, [worker(2)]),
      want: 'unknown primitive for worker (library node:worker_threads): no calibrated thread primitive in this run',
    },
    {
      name: 'an unknown policy',
      cells: group(EIGHT, 80, [worker(2, { options: { ...POOL, inFlight: 'weird' } })]),
      want: 'unknown in-flight policy "weird"',
    },
    {
      name: 'no bytes moved',
      cells: [...nodeFloors(), ...group(EIGHT, 80, [worker(2, { metrics: {} })])],
      want: 'the cell recorded no bytes moved: its payload cost is unknown',
    },
    {
      name: 'a serialization without a payload floor',
      cells: [
        ...nodeFloors(),
        ...group(EIGHT, 80, [
          measured('work', 'workerpool', 2, 44, {
            family: 'processes',
            options: {
              library: 'workerpool',
              workerType: 'process',
              serialization: 'json',
              inFlight: 'one-per-worker',
            },
            bytes: 8 * 65536,
          }),
        ]),
      ],
      id: 'work({})/workerpool@2',
      want: 'no payload floor for json on child_process (no cloned payload probes)',
    },
    {
      name: 'no pipelined floor',
      cells: [
        ...nodeFloors(),
        ...group(EIGHT, 80, [worker(2, { options: { ...THREAD, inFlight: 'pipelined' } })]),
      ],
      want: 'no pipelined floor for worker_threads (no ok empty-task pipelined cell in this run)',
    },
    {
      name: 'two thread primitives and a library that does not say which',
      cells: [
        ...nodeFloors(),
        probeCell('web-worker', 'message-roundtrip', 0.01, { library: 'Web Worker' }),
        ...group(EIGHT, 80, [
          measured('work', 'piscina', 2, 44, {
            options: { library: 'piscina', inFlight: 'one-per-worker' },
            bytes: 800,
          }),
        ]),
      ],
      id: 'work({})/piscina@2',
      want: 'unknown primitive for piscina (library piscina): worker_threads or web-worker: the cell does not say which',
    },
  ])('$name', ({ cells, id, want }) => {
    expect(unknownOf(cells, id ?? 'work({})/worker@2')).toBe(want);
  });

  it('a split-less mixed task (timed whole) is unknown', () => {
    const mixed = (c: Cell): Cell => ({ ...c, kind: 'mixed', tasksPerSample: 2 });
    const cells = [
      mixed(
        measured('blocking', 'sequential', 1, 30, {
          tasks: tasksOf([10, 20]),
          options: { inFlight: 1, thread: 'main' },
        }),
      ),
      mixed(
        measured('blocking', 'async', 2, 20, { options: { inFlight: 2, thread: 'main' }, family: 'async' }),
      ),
    ];
    expect(unknownOf(cells, 'blocking({})/async@2')).toBe(
      'the tasks were timed whole: their CPU and their waiting cannot be told apart',
    );
  });

  it('a floor from fewer than 20 samples is used and called rough', () => {
    const floors = [...nodeFloors().filter((c) => c.params.probe !== 'message-roundtrip'), few];
    const p = predict([...floors, ...group(EIGHT, 80, [worker(2)])], 'work({})/worker@2');
    expect(p.assumptions).toContain(
      'worker_threads round-trip floor is the p10 of only 6 samples (fewer than 20): rough',
    );
  });
});
