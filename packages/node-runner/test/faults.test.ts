// "The process that measures is never the one that keeps the results": a task that exits, throws null,
// leaves a rejection unhandled, loops for ever or runs out of memory (under a small heap limit) ends as an
// errored cell whose reason names the fault, whatever strategy runs it, and the healthy workload beside it
// is measured all the same. On the main thread (sequential, async) the fault takes the measuring process
// with it: the host records that and measures on in a fresh one.
import { fileURLToPath } from 'node:url';
import type { Profile } from '@paralab/core';
import { runNode } from '@paralab/node-runner';
import { describe, expect, it } from 'vitest';
import { TEST_PROFILE } from './_helpers.js';

const FAULTS = fileURLToPath(new URL('./fixtures/faults.mjs', import.meta.url));
const WORKLOADS = ['exits', 'throws-null', 'rejects-unhandled', 'loops', 'bloats', 'double'];

/** A 2 s watchdog: the host takes the measuring process for stuck after 2 × 2 s + 15 s of silence. */
const PROFILE: Profile = { ...TEST_PROFILE, sampleTimeoutMs: 2_000 };
const HEAP_LIMIT_MB = 64;

const SIDE = 'the Node measuring process';
const WARMING = '(while warming up this cell)';
const THREW_NULL = 'null was thrown (not an Error)';
const UNHANDLED = 'a task failed outside its own code: nobody handles this';
const WATCHDOG = 'a batch ran longer than 2000 ms and was stopped (watchdog)';

/** Off the main thread the peer dies and the strategy says so; the measuring process lives on. */
const offMain = (peer: string) => [
  ['exits', 'errored', `${peer} exited with code 7`],
  ['throws-null', 'errored', `task 1 threw: ${THREW_NULL}`],
  ['rejects-unhandled', 'errored', UNHANDLED],
  ['loops', 'errored', WATCHDOG],
  ['bloats', 'errored', `${peer} ran out of memory (heap limit ${HEAP_LIMIT_MB} MB)`],
  ['double', 'ok', undefined],
];

/** On the main thread, three of the faults end the measuring process itself. */
const onMain = [
  ['exits', 'errored', `${SIDE} exited with code 7 ${WARMING}`],
  ['throws-null', 'errored', THREW_NULL],
  ['rejects-unhandled', 'errored', UNHANDLED],
  [
    'loops',
    'errored',
    `${SIDE} said nothing for 19 s (a task blocked its main thread?) and was killed ${WARMING}`,
  ],
  ['bloats', 'errored', `${SIDE} ran out of memory (heap limit ${HEAP_LIMIT_MB} MB) ${WARMING}`],
  ['double', 'ok', undefined],
];

const LOST = [
  `${SIDE} exited with code 7`,
  `${SIDE} said nothing for 19 s (a task blocked its main thread?) and was killed`,
  `${SIDE} ran out of memory (heap limit ${HEAP_LIMIT_MB} MB)`,
];

describe('faults beside a healthy workload', () => {
  it.each([
    ['sequential', onMain, LOST],
    ['async', onMain, LOST],
    ['worker', offMain('worker'), []],
    ['process', offMain('child process'), []],
  ])(
    'under %s: each fault is an errored cell that names it, and double is measured',
    async (strategy, expected, lost) => {
      const sides: string[] = [];
      const results = await runNode({
        modules: [FAULTS],
        workloads: WORKLOADS,
        strategies: [strategy],
        concurrency: [2],
        profile: PROFILE,
        heapLimitMb: HEAP_LIMIT_MB,
        lock: false,
        onEvent: (event) => {
          if (event.type === 'side-lost') sides.push(event.reason);
        },
      });
      expect(results.cells.map((c) => [c.workload, c.status, c.reason])).toEqual(expected);
      expect(results.cells.map((c) => c.samples.length)).toEqual([0, 0, 0, 0, 0, 3]);
      expect([results.complete, results.limits]).toEqual([true, { heapMb: HEAP_LIMIT_MB }]);
      expect(sides).toEqual(lost);
    },
  );
});
