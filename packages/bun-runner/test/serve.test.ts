// Serving HTTP on Bun: Bun.serve, node:cluster under Bun, Web Worker offload and reusePort processes, each
// under the real load generator, every response checked; a server that dies is an errored cell and no
// server process outlives the run (checked pid by pid).
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile, Results } from '@paralab/core';
import { runBun } from '../src/index.js';
import { TEST_PROFILE } from './_helpers.js';

const SERVED = fileURLToPath(new URL('../../node-runner/test/fixtures/served.mjs', import.meta.url));
const PIDS_ENV = 'PARALAB_TEST_SERVER_PIDS';
const PROFILE: Profile = { ...TEST_PROFILE, maxWarmups: 1, minTimeMs: 0, sampleTimeoutMs: 20_000 };
const SERVING = ['serve-loop', 'serve-cluster', 'serve-offload', 'serve-reuseport'];

let pidDir = '';
beforeEach(() => {
  pidDir = mkdtempSync(join(tmpdir(), 'paralab-serve-'));
  process.env[PIDS_ENV] = pidDir;
});
afterEach(() => {
  delete process.env[PIDS_ENV];
  rmSync(pidDir, { recursive: true, force: true });
});

const statuses = (results: Results): string[][] =>
  results.cells.map((cell) => [cell.workload, cell.strategy, String(cell.concurrency), cell.status]);

/** True while `pid` runs (a zombie has ended: it only waits for its parent to reap it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Server processes that ran a task (each wrote its pid), and those still running after up to 5 s. */
async function aliveServers(): Promise<{ count: number; alive: number[] }> {
  const pids = readdirSync(pidDir).map(Number);
  for (const end = Date.now() + 5_000; pids.some(isRunning) && Date.now() < end; )
    await new Promise((resolve) => setTimeout(resolve, 20));
  return { count: pids.length, alive: pids.filter(isRunning) };
}

describe('serving HTTP on Bun', () => {
  test('every serving strategy answers the serve workload, every response checked', async () => {
    const results = await runBun({
      workloads: ['serve'],
      strategies: SERVING,
      concurrency: [2],
      params: { serve: { cpuMs: 0.05, requests: 60, connections: 4, responseBytes: 100 } },
      profile: PROFILE,
      lock: false,
      calibration: false,
    });
    expect(statuses(results)).toEqual([
      ['serve', 'serve-loop', '1', 'ok'],
      ['serve', 'serve-cluster', '2', 'ok'],
      ['serve', 'serve-offload', '2', 'ok'],
      ['serve', 'serve-reuseport', '2', 'ok'],
    ]);
    const shape = results.cells.map((cell) => [
      cell.strategy,
      cell.family,
      cell.options.server,
      cell.metrics?.serve?.serverProcesses,
      cell.metrics?.serve?.samples.length === cell.samples.length,
    ]);
    expect(shape).toEqual([
      ['serve-loop', 'async', 'Bun.serve', 1, true],
      ['serve-cluster', 'processes', 'node:http', 3, true],
      ['serve-offload', 'hybrid', 'Bun.serve', 1, true],
      ['serve-reuseport', 'processes', 'Bun.serve', 2, true],
    ]);
  }, 120_000);

  test('a server that dies mid-sample is an errored cell, the run goes on, and no server process is left', async () => {
    const strategies = ['serve-loop', 'serve-cluster', 'serve-reuseport'];
    const results = await runBun({
      modules: [SERVED],
      workloads: ['served-crash', 'served-right'],
      strategies,
      concurrency: [2],
      profile: PROFILE,
      lock: false,
      calibration: false,
    });
    expect(statuses(results)).toEqual([
      ...strategies.map((s) => ['served-crash', s, s === 'serve-loop' ? '1' : '2', 'errored']),
      ...strategies.map((s) => ['served-right', s, s === 'serve-loop' ? '1' : '2', 'ok']),
    ]);
    for (const cell of results.cells.slice(0, 3))
      expect(cell.reason).toMatch(/^the server died \(server process exited with code [13]/);
    const { count, alive } = await aliveServers();
    expect(count).toBeGreaterThanOrEqual(1 + 2 + 2 + 1 + 2 + 2);
    expect(alive).toEqual([]);
  }, 120_000);
});
