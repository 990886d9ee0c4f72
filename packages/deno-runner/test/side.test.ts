// The Deno binary, the measuring side's identity and Deno's calibration floors, on a real Deno process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BUSY_ROUNDTRIP_MS, PIPELINED_BUSY_MS } from '@paralab/core';
import { DENO_ENV, denoCalibrationProbes, findDeno, runDeno } from '@paralab/deno-runner';
import { performanceTargets } from '@paralab/host';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOMY_PROFILE } from './_helpers.js';

describe('findDeno', () => {
  afterEach(() => {
    delete process.env[DENO_ENV];
  });

  it("finds the deno npm package's real binary, never the script that wraps it", () => {
    const binary = findDeno();
    expect(binary).toMatch(/\/node_modules\/(?:\.pnpm\/deno@[^/]+\/node_modules\/)?deno\/deno$/);
    expect(readFileSync(binary).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46])); // ELF
    expect(execFileSync(binary, ['--version'], { encoding: 'utf8' })).toMatch(/^deno 2\.\d+\.\d+ /);
  });

  it(`takes $${DENO_ENV} first, and says so in one line when it names no file`, () => {
    process.env[DENO_ENV] = '/nonexistent/deno';
    expect(() => findDeno()).toThrow(`${DENO_ENV}=/nonexistent/deno: no such file`);
    delete process.env[DENO_ENV];
    const real = findDeno();
    process.env[DENO_ENV] = real;
    expect(findDeno()).toBe(real);
  });
});

describe("Deno's calibration floors", () => {
  it("come after node-runner's, which run under Deno too", () => {
    const names = denoCalibrationProbes.map((p) => `${p.primitive}/${p.name}`);
    expect(names.slice(0, 3)).toEqual([
      'timer/timer-resolution',
      'worker_threads/worker-startup',
      'worker_threads/message-roundtrip',
    ]);
    const payloads = denoCalibrationProbes
      .filter((p) => p.name === 'payload-roundtrip')
      .map((p) => `${p.primitive} ${p.params?.bytes} ${p.params?.mode}`);
    // worker_threads and Deno.Command up to 1 MiB (their cost per byte makes 16 MiB outlast the watchdog);
    // fork's children up to 1 MiB, as node-api measures them on every runtime.
    expect(payloads).toEqual([
      ...['1024', '65536', '1048576'].flatMap((b) => [
        `worker_threads ${b} clone`,
        `worker_threads ${b} transfer`,
      ]),
      ...['1024', '65536', '1048576'].map((b) => `child_process ${b} clone`),
      ...['1024', '65536', '1048576', '16777216'].flatMap((b) => [
        `web-worker ${b} clone`,
        `web-worker ${b} transfer`,
      ]),
      ...['1024', '65536', '1048576'].map((b) => `deno-command ${b} clone`),
    ]);
    const busy = (primitive: string) => BUSY_ROUNDTRIP_MS.map(() => `${primitive}/busy-roundtrip`);
    expect(names.filter((name) => name.endsWith('/busy-roundtrip'))).toEqual(
      ['worker_threads', 'child_process', 'web-worker', 'deno-command'].flatMap(busy),
    );
    // A pipelined batch of busy workers, per task size, after the busy round trips of each thread kind.
    const pipelined = (primitive: string) => PIPELINED_BUSY_MS.map(() => `${primitive}/pipelined-busy`);
    expect(names.filter((name) => name.endsWith('/pipelined-busy'))).toEqual(
      ['worker_threads', 'web-worker'].flatMap(pipelined),
    );
    const others = names.filter((name) => !/\/(payload-roundtrip|busy-roundtrip|pipelined-busy)$/.test(name));
    expect(others.slice(5)).toEqual([
      'web-worker/worker-startup',
      'web-worker/message-roundtrip',
      'deno-command/spawn',
      'deno-command/ipc-roundtrip',
    ]);
  });

  it('are measured on real Web Workers, worker_threads, forked and Deno.Command children, and the targets read them', {
    timeout: 600_000,
  }, async () => {
    const results = await runDeno({
      workloads: ['noop'],
      strategies: ['worker-threads', 'worker-threads-pipelined'],
      concurrency: [1],
      calibration: true,
      profile: ROOMY_PROFILE,
      lock: false,
    });
    const floors = results.cells.filter((c) => c.kind === 'calibration');
    expect(floors.map((c) => [c.strategy, c.params.probe, c.status])).toEqual(
      denoCalibrationProbes.map((p) => [p.primitive, p.name, 'ok']),
    );
    // The dispatch targets hold a per-task cost against a round trip measured beside it, which only the
    // plan's noop entry measures: a cross of strategies says so instead of comparing numbers a minute apart.
    const targets = Object.fromEntries(performanceTargets(results).map((t) => [t.id, [t.status, t.detail]]));
    for (const id of ['worker-dispatch', 'worker-pipelined'])
      expect(targets[id]).toEqual([
        'not-measured',
        'no worker_threads round trip measured beside noop (the default plan measures one)',
      ]);
    expect(results.runtime.engine).toMatch(/^V8 /);
  });
});
