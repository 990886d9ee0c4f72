import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  CancelToken,
  type Cell,
  createResults,
  type MeasureEvent,
  type Profile,
  parseResults,
} from '@paralab/core';
import { type CalibrationProbe, calibrate, machineInfo, timerResolutionProbe } from '@paralab/node-runner';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PROFILE } from './_helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-calibration-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A child module that never sends anything. */
const SILENT_CHILD = join(scratch, 'silent.mjs');
writeFileSync(SILENT_CHILD, 'setInterval(() => {}, 1000);\n');

const FAST_WATCHDOG: Profile = { ...TEST_PROFILE, sampleTimeoutMs: 500 };
/** Process spawns take a while on a loaded 2-core machine: a roomy watchdog for the real probes. */
const REAL: Profile = { ...TEST_PROFILE, sampleTimeoutMs: 30_000 };

describe('calibrate', () => {
  it('measures every Node floor into valid calibration cells', async () => {
    const events: MeasureEvent['type'][] = [];
    const cells = await calibrate({ profile: REAL, onEvent: (event) => events.push(event.type) });
    expect(cells.map((c) => [c.strategy, c.params.probe, c.params.bytes, c.params.mode, c.status])).toEqual([
      ['timer', 'timer-resolution', undefined, undefined, 'ok'],
      ['worker_threads', 'worker-startup', undefined, undefined, 'ok'],
      ['worker_threads', 'message-roundtrip', undefined, undefined, 'ok'],
      ['worker_threads', 'payload-roundtrip', 1024, 'clone', 'ok'],
      ['worker_threads', 'payload-roundtrip', 1024, 'transfer', 'ok'],
      ['worker_threads', 'payload-roundtrip', 65536, 'clone', 'ok'],
      ['worker_threads', 'payload-roundtrip', 65536, 'transfer', 'ok'],
      ['worker_threads', 'payload-roundtrip', 1048576, 'clone', 'ok'],
      ['worker_threads', 'payload-roundtrip', 1048576, 'transfer', 'ok'],
      ['worker_threads', 'payload-roundtrip', 16777216, 'clone', 'ok'],
      ['worker_threads', 'payload-roundtrip', 16777216, 'transfer', 'ok'],
      ['child_process', 'spawn', undefined, undefined, 'ok'],
      ['child_process', 'ipc-roundtrip', undefined, undefined, 'ok'],
    ]);
    for (const cell of cells) {
      // TEST_PROFILE asks for 3 samples; calibration never takes fewer than 5.
      expect([cell.samples.length, cell.warmups.length]).toEqual([5, 1]);
      expect(cell.stats?.median).toBeGreaterThan(0);
      expect([cell.workload, cell.kind, cell.concurrency, cell.tasksPerSample]).toEqual([
        'calibration',
        'calibration',
        1,
        1,
      ]);
    }
    const roundTrip = cells.find((c) => c.params.probe === 'message-roundtrip') as Cell;
    expect(roundTrip.id).toBe('calibration(opsPerSample=100,probe=message-roundtrip)/worker_threads@1');
    expect(roundTrip.options).toEqual({ api: 'postMessage', serialization: 'structured-clone' });
    expect(roundTrip.startupMs).toBeGreaterThan(0);
    const spawn = cells.find((c) => c.params.probe === 'spawn') as Cell;
    expect(spawn.options).toEqual({ api: 'fork', serialization: 'advanced', until: 'first message' });
    expect(events[0]).toBe('group-start');
    expect(events.filter((type) => type === 'cell-done')).toHaveLength(13);
    expect(events.filter((type) => type === 'sample')).toHaveLength(13 * 5);
    // The cells fit the results schema as they are.
    const results = createResults({
      toolVersion: '0.0.0',
      runtime: { name: 'node', version: process.versions.node },
      machine: machineInfo(),
      timer: { source: 'performance.now', resolutionMs: 0.00003 },
      startedAt: new Date(),
      complete: true,
      profile: TEST_PROFILE.name,
      seed: 1,
      cells,
    });
    expect(parseResults(JSON.parse(JSON.stringify(results))).cells).toHaveLength(13);
  });

  it('stops a hung probe with its watchdog, terminates what it started, and goes on', async () => {
    let worker: Worker | undefined;
    let child: ChildProcess | undefined;
    let workerExited = false;
    const hangs: CalibrationProbe = {
      name: 'hangs',
      primitive: 'worker_threads',
      opsPerSample: 1,
      options: {},
      async open(scope) {
        worker = scope.worker('setInterval(() => {}, 1000);', { eval: true });
        worker.once('exit', () => {
          workerExited = true;
        });
        child = scope.fork(SILENT_CHILD, { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        await scope.channel(child).next();
        return { run: async () => 1 };
      },
    };
    const cells = await calibrate({ profile: FAST_WATCHDOG, probes: [hangs, timerResolutionProbe] });
    expect(cells.map((c) => [c.params.probe, c.status, c.reason])).toEqual([
      ['hangs', 'errored', 'the probe ran longer than 500 ms and was stopped (watchdog)'],
      ['timer-resolution', 'ok', undefined],
    ]);
    expect(workerExited).toBe(true);
    expect(worker?.threadId).toBe(-1);
    expect(child?.signalCode).toBe('SIGKILL');
  });

  it('records a worker that crashes while starting as errored', async () => {
    const crashes: CalibrationProbe = {
      name: 'crashes',
      primitive: 'worker_threads',
      opsPerSample: 1,
      options: {},
      async open(scope) {
        const worker = scope.worker('throw new Error("boom at start");', { eval: true });
        await scope.channel(worker).next();
        return { run: async () => 1 };
      },
    };
    const cells = await calibrate({ profile: FAST_WATCHDOG, probes: [crashes] });
    expect(cells.map((c) => [c.status, c.reason, c.samples])).toEqual([
      ['errored', 'worker failed: boom at start', []],
    ]);
  });

  it('keeps the samples of a probe that fails part-way, without statistics', async () => {
    let runs = 0;
    const flaky: CalibrationProbe = {
      name: 'flaky',
      primitive: 'timer',
      opsPerSample: 2,
      options: {},
      async open() {
        return {
          async run() {
            if (++runs > 3) throw new Error('gave up on run 4');
            return 4;
          },
        };
      },
    };
    const cells = await calibrate({ profile: FAST_WATCHDOG, probes: [flaky] });
    expect(cells).toMatchObject([
      { status: 'errored', reason: 'gave up on run 4', warmups: [2], samples: [2, 2], flags: [] },
    ]);
    expect(cells[0]?.stats).toBeUndefined();
  });

  it('returns nothing when interrupted before it starts', async () => {
    const interrupt = new CancelToken();
    interrupt.cancel(new Error('Ctrl-C'));
    expect(await calibrate({ profile: TEST_PROFILE, interrupt })).toEqual([]);
  });

  it('rejects bad options', async () => {
    await expect(calibrate({} as { profile: Profile })).rejects.toThrow(
      new TypeError('options.profile must be a profile object (see getProfile), got undefined'),
    );
    const zero: CalibrationProbe = { ...timerResolutionProbe, opsPerSample: 0 };
    await expect(calibrate({ profile: TEST_PROFILE, probes: [zero] })).rejects.toThrow(
      new RangeError('probe timer-resolution: opsPerSample must be a positive integer, got 0'),
    );
  });
});
