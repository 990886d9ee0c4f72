// Whole runs in Firefox: every strategy ok or unsupported with its reason, in a cross-origin isolated page;
// `--browser chromium,firefox` writing a results file per engine; and no browser process or profile left
// behind, even when the Node process that drives the browser is SIGKILLed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResults } from '@paralab/core';
import { descendants } from '@paralab/host/process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PROCESSES } from '../src/catalog.js';
import { runBrowser } from '../src/run.js';
import { FIREFOX_TEST_PROFILE, firefoxHere, outlive, processesWith, profilesOf } from './_firefox.js';
import { CLI } from './_helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-firefox-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => firefoxHere());

describe('runBrowser in Firefox', () => {
  it('measures every strategy, or records why a page cannot run it', async () => {
    const results = await runBrowser({
      engine: 'firefox',
      workloads: ['blur', 'pipeline'],
      strategies: [
        'sequential',
        'async',
        'promise-all',
        'worker',
        'worker-pipelined',
        'workerpool',
        'transfer',
        'shared',
        'hybrid',
        'process',
      ],
      concurrency: [2],
      params: { blur: { images: 4, size: 64 }, pipeline: { documents: 4, latencyMs: 0, kib: 4, rounds: 1 } },
      profile: FIREFOX_TEST_PROFILE,
      lock: false,
    });
    expect(results.runtime).toMatchObject({ name: 'firefox', crossOriginIsolated: true });
    const statuses = Object.fromEntries(
      results.cells.map((c) => [c.id, c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason}`]),
    );
    const blur = 'blur(images=4,radius=2,size=64)';
    const pipeline = 'pipeline(documents=4,kib=4,latencyMs=0,rounds=1)';
    expect(statuses).toEqual({
      [`${blur}/sequential@1`]: 'ok',
      [`${blur}/async@2`]: 'ok',
      [`${blur}/promise-all@2`]: 'ok',
      [`${blur}/worker@2`]: 'ok',
      [`${blur}/worker-pipelined@2`]: 'ok',
      [`${blur}/workerpool@2`]: 'ok',
      [`${blur}/transfer@2`]: 'ok',
      [`${blur}/shared@2`]: 'ok',
      [`${blur}/hybrid@2`]:
        'unsupported: hybrid needs a workload split into io and cpu phases (workload.split)',
      [`${blur}/process@2`]: `unsupported: ${NO_PROCESSES}`,
      [`${pipeline}/sequential@1`]: 'ok',
      [`${pipeline}/async@2`]: 'ok',
      [`${pipeline}/promise-all@2`]: 'ok',
      [`${pipeline}/worker@2`]: 'ok',
      [`${pipeline}/worker-pipelined@2`]: 'ok',
      [`${pipeline}/workerpool@2`]: 'ok',
      [`${pipeline}/transfer@2`]: 'ok',
      [`${pipeline}/shared@2`]:
        'unsupported: shared needs a workload with a shared-memory form (workload.shared); pipeline has none',
      [`${pipeline}/hybrid@2`]: 'ok',
      [`${pipeline}/process@2`]: `unsupported: ${NO_PROCESSES}`,
    });
    // The content process was found: cells carry its CPU time and memory.
    const worker = results.cells.find((c) => c.id === `${blur}/worker@2`);
    expect(worker?.metrics?.cpuUserMs).toEqual(expect.any(Number));
    expect(worker?.metrics?.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(profilesOf(process.pid)).toEqual([]);
  });
});

describe('paralab-browser --browser chromium,firefox', () => {
  it('measures each engine in turn, each writing its own results file', () => {
    const out = join(scratch, '{browser}.json');
    const args = ['--browser', 'chromium,firefox', '-w', 'noop', '-s', 'sequential,worker', '-c', '2'];
    const run = spawnSync(
      process.execPath,
      [CLI, ...args, '-p', 'noop.tasks=100', '--profile', 'quick', '--skip-calibration', '--out', out],
      { encoding: 'utf8', cwd: scratch, timeout: 600_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^== chromium \(1 of 2\) ==\n/);
    expect(run.stdout).toContain('\n\n== firefox (2 of 2) ==\n');
    for (const engine of ['chromium', 'firefox']) {
      const results = parseResults(JSON.parse(readFileSync(join(scratch, `${engine}.json`), 'utf8')));
      expect(results.runtime).toMatchObject({ name: engine, crossOriginIsolated: true });
      expect(results.cells.map((c) => `${c.id} ${c.status}`)).toEqual([
        'noop(tasks=100)/sequential@1 ok',
        'noop(tasks=100)/worker@2 ok',
      ]);
    }
  });
});

describe('no browser outlives a run whose Node process is SIGKILLed', () => {
  /** Starts a long run of `engine` and resolves once its page measures, with the browser's processes. */
  async function measuring(engine: string): Promise<{ child: ChildProcess; browser: number[] }> {
    const args = ['--browser', engine, '-w', 'sleep', '-s', 'sequential', '-p', 'sleep.tasks=50'];
    const child = spawn(
      process.execPath,
      [CLI, ...args, '--skip-calibration', '--out', join(scratch, 'killed.json')],
      {
        cwd: scratch,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk;
        if (seen.includes('[1/1] sleep')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the run ended (${code}) before it measured: ${seen}`)));
    });
    const browser = await descendants(child.pid as number);
    return { child, browser };
  }

  it.each([
    ['firefox', (pid: number) => `paralab-firefox-${pid}-`],
    ['chromium', () => 'playwright_chromiumdev_profile-'],
  ])('%s: its processes and profile go with it', async (engine, profileMark) => {
    const { child, browser } = await measuring(engine);
    const pid = child.pid as number;
    // Firefox's main process names its profile on the command line, and playwright's Chromium its own.
    const [main] = processesWith(profileMark(pid)).filter((p) => browser.includes(p));
    expect(main).toBeDefined();
    const profile = readFileSync(`/proc/${main}/cmdline`, 'utf8')
      .split('\0')
      .map((arg) => arg.replace(/^--user-data-dir=/, ''))
      .find((arg) => arg.includes(profileMark(pid))) as string;
    expect(existsSync(profile)).toBe(true);
    expect(browser.length).toBeGreaterThan(2);
    child.kill('SIGKILL');
    expect(await outlive(browser, 10_000)).toEqual([]);
    for (let waited = 0; waited < 5_000 && existsSync(profile); waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(profile)).toBe(false);
  });
});
