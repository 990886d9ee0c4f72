import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CancelToken, type Cell, type Profile, type Results } from '@paralab/core';
import { nodeClusterServer, nodeReusePort } from '@paralab/node-api';
import { type NodeRunOptions, runNode } from '@paralab/node-runner';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PROFILE } from './_helpers.js';

const SERVED = fileURLToPath(new URL('./fixtures/served.mjs', import.meta.url));
const INDEX = fileURLToPath(new URL('../../node-api/dist/index.js', import.meta.url));
const PIDS_ENV = 'PARALAB_TEST_SERVER_PIDS';
// Server start-up (a cluster forks its workers) on a loaded machine: a roomy watchdog.
const PROFILE: Profile = { ...TEST_PROFILE, maxWarmups: 1, sampleTimeoutMs: 20_000 };
// reusePort runs from Node 22.12; on this Node (20 here) its cells are unsupported with the reason.
const REUSE_PORT = nodeReusePort();

let pidDir: string;
beforeEach(() => {
  pidDir = mkdtempSync(join(tmpdir(), 'paralab-serve-'));
  process.env[PIDS_ENV] = pidDir;
});
afterEach(() => {
  delete process.env[PIDS_ENV];
  rmSync(pidDir, { recursive: true, force: true });
});

const run = (options: NodeRunOptions): Promise<Results> =>
  runNode({ profile: PROFILE, lock: false, calibration: false, ...options });

const statuses = (results: Results): string[][] =>
  results.cells.map((cell) => [cell.strategy, String(cell.concurrency), cell.status]);

/** True while `pid` runs (a zombie has ended: it only waits for its parent to reap it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Every server process that ran a task (each wrote its pid), and those still running after up to 5 s (a
 * process killed with its group a moment ago may still be tearing down).
 */
async function serverPids(wait = true): Promise<{ pids: number[]; alive: number[] }> {
  const pids = readdirSync(pidDir).map(Number);
  for (const end = Date.now() + 5_000; wait && pids.some(isRunning) && Date.now() < end; )
    await new Promise((resolve) => setTimeout(resolve, 20));
  return { pids, alive: pids.filter(isRunning) };
}

const cellOf = (results: Results, strategy: string): Cell => {
  const cell = results.cells.find((c) => c.strategy === strategy);
  if (!cell) throw new Error(`no ${strategy} cell`);
  return cell;
};

describe('serving HTTP on Node', () => {
  it('serves the serve workload with every strategy, every response checked by the load generator', async () => {
    const results = await run({
      workloads: ['serve'],
      strategies: ['serve-loop', 'serve-cluster', 'serve-offload', 'serve-reuseport'],
      concurrency: [2],
      params: { serve: { cpuMs: 0.05, requests: 60, connections: 4, responseBytes: 100 } },
    });
    expect(statuses(results)).toEqual([
      ['serve-loop', '1', 'ok'],
      ['serve-cluster', '2', 'ok'],
      ['serve-offload', '2', 'ok'],
      ['serve-reuseport', '2', REUSE_PORT === true ? 'ok' : 'unsupported'],
    ]);
    if (REUSE_PORT !== true) {
      expect(REUSE_PORT).toBe(
        `server.listen({ reusePort: true }) needs Node 22.12 or later (23.1 on Node 23); this is Node ${process.versions.node}`,
      );
      expect(cellOf(results, 'serve-reuseport').reason).toBe(REUSE_PORT);
    }
    expect(results.services?.['load-generator']).toMatchObject({ name: 'autocannon' });
    const served = [
      'serve-loop',
      'serve-cluster',
      'serve-offload',
      ...(REUSE_PORT === true ? ['serve-reuseport'] : []),
    ];
    for (const strategy of served) {
      const cell = cellOf(results, strategy);
      const serve = cell.metrics?.serve;
      expect(serve?.samples.length).toBe(cell.samples.length);
      expect(cell.tasksPerSample).toBe(60);
      expect(serve?.serverProcesses).toBe({ 'serve-cluster': 3, 'serve-reuseport': 2 }[strategy] ?? 1);
      expect(cell.options).toMatchObject({ inFlight: 'http', connections: 4, server: 'node:http' });
      // Each sample is the generator's wall time for the batch: requests/s is its inverse, exactly.
      expect(serve?.samples.map((s) => s.requestsPerSecond)).toEqual(
        cell.samples.map((ms) => (60 * 1000) / ms),
      );
      const { p50, p90, p99, max } = serve?.latencyMs ?? { p50: -1, p90: -1, p99: -1, max: -1 };
      expect(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max).toBe(true);
    }
  });

  it('records a wrong response as an invalid cell, naming counts and the mismatch', async () => {
    const results = await run({
      modules: [SERVED],
      workloads: ['served-wrong'],
      strategies: ['serve-loop'],
    });
    expect(statuses(results)).toEqual([['serve-loop', '1', 'invalid']]);
    expect(results.cells[0]?.reason).toBe(
      'wrong output: 1 of 20 responses were wrong (checked by the load generator); e.g. POST /task/3: body "wrong", expected "answer 3"',
    );
    expect((await serverPids()).alive).toEqual([]);
  });

  it.each(['serve-loop', 'serve-cluster'])(
    'records a server that dies mid-sample as errored, and leaves no process behind (%s)',
    async (strategy) => {
      const results = await run({
        modules: [SERVED],
        workloads: ['served-crash', 'served-right'],
        strategies: [strategy],
        concurrency: [2],
      });
      const crashed = results.cells.find((cell) => cell.workload === 'served-crash');
      expect(crashed?.status).toBe('errored');
      const cause =
        strategy === 'serve-loop'
          ? 'the server died (server process exited with code 3): '
          : /^the server died \(server process exited with code 1: cluster worker \d+ exited with code 3\): /;
      expect(crashed?.reason).toMatch(
        typeof cause === 'string' ? new RegExp(`^${cause.replace(/[()]/g, '\\$&')}`) : cause,
      );
      expect(crashed?.reason).toMatch(/\d+ of 20 requests answered, \d+ errors \(0 timeouts\)/);
      // The run went on: the next workload's cell was measured.
      expect(results.cells.find((cell) => cell.workload === 'served-right')?.status).toBe('ok');
      const { pids, alive } = await serverPids();
      expect(pids.length).toBeGreaterThanOrEqual(strategy === 'serve-loop' ? 2 : 3);
      expect(alive).toEqual([]);
    },
  );
});

describe('a server that stops answering', () => {
  it('is an errored cell: its requests time out, and the reason counts them', async () => {
    const results = await run({
      modules: [SERVED],
      workloads: ['served-hang'],
      strategies: ['serve-loop'],
      // The watchdog at 6 s: the generator's batch deadline is 2 s below it, a request's timeout 2 s.
      profile: { ...PROFILE, sampleTimeoutMs: 6_000 },
    });
    expect(statuses(results)).toEqual([['serve-loop', '1', 'errored']]);
    expect(results.cells[0]?.reason).toMatch(
      /^the server failed the batch: \d+ of 20 requests answered, [1-9]\d* errors \([1-9]\d* timeouts\)/,
    );
    expect((await serverPids()).alive).toEqual([]);
  });
});

describe('an interrupted serving run (Ctrl-C)', () => {
  it('ends every server process at once, pid by pid', async () => {
    const interrupt = new CancelToken();
    const running = run({
      modules: [SERVED],
      workloads: ['served-right'],
      strategies: ['serve-cluster', 'serve-loop'],
      concurrency: [2],
      params: { 'served-right': { requests: 200 } },
      profile: { ...PROFILE, minSamples: 1000, maxSamples: 1000, cellBudgetMs: 600_000 },
      interrupt,
    });
    // Both servers have answered (three processes ran tasks): interrupt the run mid-sampling.
    for (const end = Date.now() + 60_000; (await serverPids(false)).pids.length < 3 && Date.now() < end; )
      await new Promise((resolve) => setTimeout(resolve, 50));
    interrupt.cancel(new Error('Ctrl-C'));
    const results = await running;
    expect([results.complete, ...results.cells.map((cell) => cell.status)]).toEqual([
      false,
      'interrupted',
      'interrupted',
    ]);
    const { pids, alive } = await serverPids();
    expect(pids.length).toBe(3);
    expect(alive).toEqual([]);
  });
});

describe('server launchers', () => {
  const ref = { module: pathToFileURL(SERVED).href, id: 'served-right' };
  const isAlive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('starts a cluster that answers tasks, and stop() ends every one of its processes', async () => {
    const server = await nodeClusterServer.start({ ref, concurrency: 2 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.pids.length).toBe(3);
      expect(server.pids.every(isAlive)).toBe(true);
      const answer = await fetch(`${server.url}/task/7`, { method: 'POST', body: '{"i":7}' });
      expect([answer.status, await answer.text()]).toEqual([200, 'answer 7']);
      const missing = await fetch(`${server.url}/nothing`);
      expect([missing.status, await missing.text()]).toEqual([404, 'not found: GET /nothing']);
    } finally {
      await server.stop();
    }
    expect(server.pids.filter(isAlive)).toEqual([]);
  });

  it('ends every server process when the process that started them is killed (SIGKILL)', async () => {
    const script = `import { nodeClusterServer } from ${JSON.stringify(pathToFileURL(INDEX).href)};
const server = await nodeClusterServer.start({ ref: ${JSON.stringify(ref)}, concurrency: 2 });
process.stdout.write(JSON.stringify(server.pids) + '\\n');
setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const pids = await new Promise<number[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no server started in 30 s')), 30_000);
        parent.stdout.once('data', (chunk: Buffer) => {
          clearTimeout(timer);
          resolve(JSON.parse(chunk.toString()) as number[]);
        });
      });
      expect(pids.length).toBe(3);
      expect(pids.every(isAlive)).toBe(true);
      parent.kill('SIGKILL');
      for (const end = Date.now() + 10_000; pids.some(isAlive) && Date.now() < end; )
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pids.filter(isAlive)).toEqual([]);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('says why a server that cannot load its workload did not start', async () => {
    await expect(
      nodeClusterServer.start({ ref: { module: ref.module, id: 'nope' }, concurrency: 2 }),
    ).rejects.toThrow(
      /^server process exited with code 1: .* exports no workload "nope" .* before it listened$/,
    );
  });
});
