// Node's calibration floors: its probes (core's timing loops over Node's launchers) measured in a scope that
// stops every peer a probe started, as the measuring side runs them (core's executeCalibrate), and through
// the whole run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BUSY_ROUNDTRIP_MS,
  type CalibrationProbe,
  CancelToken,
  type Cell,
  calibrateProbes,
  createResults,
  LaunchScope,
  type MeasureEvent,
  MIN_CALIBRATION_SAMPLES,
  type PeerHandle,
  type PeerScope,
  PIPELINED_BUSY_MS,
  type Profile,
  parseResults,
  primitiveFloors,
  ready,
  timerResolutionProbe,
} from '@paralab/core';
import { machineInfo } from '@paralab/host';
import { forkLauncher, nodeCalibrationProbes, workerThreadsLauncher } from '@paralab/node-api';
import { runNode } from '@paralab/node-runner';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PROFILE } from './_helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-calibration-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A workload module that throws as it loads. */
const CRASHES = join(scratch, 'crashes.mjs');
writeFileSync(CRASHES, 'throw new Error("boom at start");\n');

const FAST_WATCHDOG: Profile = { ...TEST_PROFILE, sampleTimeoutMs: 500 };
/** Process spawns take a while on a loaded 2-core machine: a roomy watchdog for the real probes. */
const REAL: Profile = { ...TEST_PROFILE, sampleTimeoutMs: 30_000 };

/** Calibrates as Node's measuring side does: Node's probes by default, a fresh LaunchScope per probe. */
const calibrate = (options: {
  profile: Profile;
  probes?: readonly CalibrationProbe<PeerScope>[];
  onEvent?: (event: MeasureEvent) => void;
  interrupt?: CancelToken;
}) => calibrateProbes({ probes: nodeCalibrationProbes, makeScope: () => new LaunchScope(), ...options });

const BUSY = BUSY_ROUNDTRIP_MS.map(() => ['worker_threads', 'busy-roundtrip', undefined, undefined, 'ok']);
const PROBES = [
  ['timer', 'timer-resolution', undefined, undefined, 'ok'],
  ['worker_threads', 'worker-startup', undefined, undefined, 'ok'],
  ['worker_threads', 'message-roundtrip', undefined, undefined, 'ok'],
  // The round trip around a task: answered after the worker was busy 0.1, 0.3, 1 and 3 ms (a real worker
  // spins first, so each cell's median, the time beyond the busy time, is above 0: checked below).
  ...BUSY,
  // A pipelined batch of busy workers, one per core, with tasks of 16 µs to 1 ms of fixed work: its time
  // beyond the work per task and lane (above 0 too: the work is timed at its fastest on this thread).
  ...PIPELINED_BUSY_MS.map(() => ['worker_threads', 'pipelined-busy', undefined, undefined, 'ok']),
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
  ...BUSY.map(([, ...rest]) => ['child_process', ...rest]),
  // New with the launchers: the payload floors over IPC too, up to 1 MiB (a process cannot take a transfer).
  ['child_process', 'payload-roundtrip', 1024, 'clone', 'ok'],
  ['child_process', 'payload-roundtrip', 65536, 'clone', 'ok'],
  ['child_process', 'payload-roundtrip', 1048576, 'clone', 'ok'],
];
const probeSummary = (cells: readonly Cell[]) =>
  cells.map((c) => [c.strategy, c.params.probe, c.params.bytes, c.params.mode, c.status]);

describe('Node calibration', () => {
  it('measures every Node floor into valid calibration cells', async () => {
    const events: MeasureEvent['type'][] = [];
    const cells = await calibrate({ profile: REAL, onEvent: (event) => events.push(event.type) });
    expect(probeSummary(cells)).toEqual(PROBES);
    for (const cell of cells) {
      // TEST_PROFILE asks for 3 samples; calibration never takes fewer than 20 (a floor is their p10).
      expect([cell.samples.length, cell.warmups.length]).toEqual([MIN_CALIBRATION_SAMPLES, 1]);
      expect(cell.stats?.median).toBeGreaterThan(0);
      expect([cell.workload, cell.kind, cell.family, cell.concurrency, cell.tasksPerSample]).toEqual([
        'calibration',
        'calibration',
        'calibration',
        1,
        1,
      ]);
    }
    const roundTrip = cells.find((c) => c.params.probe === 'message-roundtrip') as Cell;
    expect(roundTrip.id).toBe('calibration(opsPerSample=100,probe=message-roundtrip)/worker_threads@1');
    // The launcher's own options (its library) come first now: every cell that used it records them.
    expect(roundTrip.options).toEqual({
      library: 'node:worker_threads',
      api: 'postMessage',
      serialization: 'structured-clone',
    });
    expect(roundTrip.startupMs).toBeGreaterThan(0);
    const spawn = cells.find((c) => c.params.probe === 'spawn') as Cell;
    expect(spawn.options).toEqual({
      library: 'node:child_process',
      api: 'fork',
      serialization: 'advanced',
      until: 'first message',
    });
    expect(events[0]).toBe('group-start');
    expect(events.filter((type) => type === 'cell-done')).toHaveLength(PROBES.length);
    expect(events.filter((type) => type === 'sample')).toHaveLength(PROBES.length * MIN_CALIBRATION_SAMPLES);
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
    expect(parseResults(JSON.parse(JSON.stringify(results))).cells).toHaveLength(PROBES.length);
  });

  it('stops a hung probe with its watchdog, stops the worker and child it started, and goes on', async () => {
    let worker: PeerHandle | undefined;
    let child: PeerHandle | undefined;
    const hangs: CalibrationProbe<PeerScope> = {
      name: 'hangs',
      primitive: 'worker_threads',
      opsPerSample: 1,
      options: {},
      async open(scope) {
        worker = scope.start(workerThreadsLauncher);
        child = scope.start(forkLauncher);
        await Promise.all([ready(worker, 'worker', 60_000), ready(child, 'child process', 60_000)]);
        return { run: () => new Promise<number>(() => {}) };
      },
    };
    const cells = await calibrate({ profile: FAST_WATCHDOG, probes: [hangs, timerResolutionProbe] });
    expect(cells.map((c) => [c.params.probe, c.status, c.reason])).toEqual([
      ['hangs', 'errored', 'the probe ran longer than 500 ms and was stopped (watchdog)'],
      ['timer-resolution', 'ok', undefined],
    ]);
    // Both had ended by the time the probe's cell was recorded: terminated, and sent SIGTERM.
    expect([worker?.ended?.message, child?.ended?.message]).toEqual([
      'worker exited with code 1',
      'child process was killed by SIGTERM',
    ]);
    expect(isRunning(child?.pid)).toBe(false);
  });

  it('records a worker whose workload crashes as it loads as errored, with the reason', async () => {
    const url = pathToFileURL(CRASHES).href;
    const crashes: CalibrationProbe<PeerScope> = {
      name: 'crashes',
      primitive: 'worker_threads',
      opsPerSample: 1,
      options: {},
      async open(scope) {
        const worker = scope.start(workerThreadsLauncher, { ref: { module: url, id: 'any' } });
        await ready(worker, 'worker', 60_000);
        return { run: async () => 1 };
      },
    };
    const cells = await calibrate({ profile: REAL, probes: [crashes] });
    expect(cells.map((c) => [c.status, c.reason, c.samples])).toEqual([
      ['errored', `cannot load workload module ${url}: boom at start`, []],
    ]);
  });

  it('keeps the samples of a probe that fails part-way, without statistics', async () => {
    let runs = 0;
    const flaky: CalibrationProbe<PeerScope> = {
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
    const zero: CalibrationProbe<PeerScope> = { ...timerResolutionProbe, opsPerSample: 0 };
    await expect(calibrate({ profile: TEST_PROFILE, probes: [zero] })).rejects.toThrow(
      new RangeError('probe timer-resolution: opsPerSample must be a positive integer, got 0'),
    );
  });

  it('runs in the measuring side before the cells of a run, which records the floors first', async () => {
    const results = await runNode({
      workloads: ['noop'],
      params: { noop: { tasks: 2 } },
      strategies: ['sequential'],
      concurrency: [1],
      calibration: true,
      profile: REAL,
      lock: false,
    });
    expect(
      results.cells.map((c) => [
        c.workload,
        c.strategy,
        c.params.probe,
        c.params.bytes,
        c.params.mode,
        c.status,
      ]),
    ).toEqual([
      ...PROBES.map((probe) => ['calibration', ...probe]),
      ['noop', 'sequential', undefined, undefined, undefined, 'ok'],
    ]);
    expect(results.complete).toBe(true);
  });

  it("measures the round trips of the grain sweep's primitives beside its 256 µs group, and the model reads them", async () => {
    const results = await runNode({
      workloads: ['grain'],
      params: { grain: { totalMs: 1 } },
      calibration: false,
      profile: REAL,
      lock: false,
    });
    const beside = results.cells.filter((c) => c.kind === 'calibration');
    expect(new Set(beside.map((c) => c.params.interleavedWith))).toEqual(
      new Set(['grain(taskUs=256,totalMs=1)']),
    );
    expect(beside.map((c) => [c.strategy, c.params.probe, c.params.busyMs, c.status])).toEqual([
      ['worker_threads', 'message-roundtrip', undefined, 'ok'],
      ...BUSY_ROUNDTRIP_MS.map((ms) => ['worker_threads', 'busy-roundtrip', ms, 'ok']),
      ['child_process', 'ipc-roundtrip', undefined, 'ok'],
      ...BUSY_ROUNDTRIP_MS.map((ms) => ['child_process', 'busy-roundtrip', ms, 'ok']),
    ]);
    for (const cell of beside) expect(cell.samples.length).toBeGreaterThanOrEqual(MIN_CALIBRATION_SAMPLES);
    // A plain round trip over the group's tasks per sample (1 ms in 256 µs tasks: 4).
    expect(beside[0]?.params.opsPerSample).toBe(4);
    const floors = primitiveFloors(results.cells).get('child_process');
    expect(floors?.busy.map((f) => f.source)).toEqual(beside.slice(6).map((c) => c.id));
  });
});

/** True while `pid` runs (a zombie, or no process at all, is not running). */
function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}
