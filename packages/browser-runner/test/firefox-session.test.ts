// A Firefox page as the host's measuring side, driven directly: requests answered in a real, cross-origin
// isolated page over the page channel; a crashed content process, a stuck page and a page that never
// loads each fail in one line; closing leaves no process and no profile.

import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { type MeasureEvent, type MeasureRequest, type MeasureResult, ParalabError } from '@paralab/core';
import { type MeasuringSide, type PlannedRun, planRun, type SideFactory, SideLost } from '@paralab/host';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firefoxRunner } from '../src/definition.js';
import type { FirefoxDriver } from '../src/drivers/firefox.js';
import { launchFirefox } from '../src/firefox.js';
import { startPageServer } from '../src/page-server.js';
import { PageSession } from '../src/session.js';
import { firefoxSides } from '../src/side.js';
import {
  comm,
  FIREFOX_TEST_PROFILE,
  firefoxHere,
  outlive,
  processesWith,
  REFUSES,
  running,
} from './_firefox.js';
import { FIXTURES } from './_helpers.js';

const SILENCE_MS = 60_000;
const CRASH = 'the page crashed (its content process died: out of memory?)';

let firefox: string;
beforeAll(async () => {
  firefox = await firefoxHere();
});

describe("a Firefox page as the host's measuring side", () => {
  let planned: PlannedRun;
  let factory: SideFactory;
  let side: MeasuringSide | undefined;
  beforeAll(async () => {
    planned = await planRun(firefoxRunner, {
      modules: [FIXTURES, REFUSES],
      workloads: ['double', 'freezes-page', 'sleep', 'refused'],
      strategies: ['sequential', 'worker'],
      concurrency: [2],
      params: { sleep: { tasks: 4, ms: 100 } },
    });
    factory = await firefoxSides({ modules: planned.modules, heapLimitMb: 4096, extra: {} });
  });
  afterEach(async () => {
    await side?.close();
    side = undefined;
  });
  afterAll(() => factory.dispose?.());

  const requestFor = (workload: string, opened: MeasuringSide, strategy?: string): MeasureRequest => ({
    type: 'measure',
    cells: planned.plans
      .filter((plan) => plan.workload.id === workload && (!strategy || plan.strategy.name === strategy))
      .map((plan) => ({
        ref: plan.ref,
        params: plan.params,
        strategy: plan.strategy.name,
        concurrency: plan.concurrency,
      })),
    profile: FIREFOX_TEST_PROFILE,
    seed: 1,
    availableParallelism: opened.identity.availableParallelism,
    timerResolutionMs: opened.identity.timerResolutionMs,
    services: {},
  });
  const open = async (): Promise<PageSession> => {
    side = await factory.open();
    return side as PageSession;
  };

  it('opens a cross-origin isolated page in an `Isolated Web Co` content process, found by its CPU time', async () => {
    const page = await open();
    expect(factory.what).toBe('the Firefox page');
    const { identity } = page;
    expect(identity).toMatchObject({ runtime: 'firefox', version: expect.stringMatching(/^\d+\.\d+/) });
    expect(identity.details).toEqual({
      userAgent: expect.stringMatching(/ Firefox\/\d+\.\d+$/),
      crossOriginIsolated: true,
      hardwareConcurrency: identity.availableParallelism,
      rendererPid: page.rendererPid,
    });
    // Cross-origin isolated, Firefox's timer steps by 20 µs (1 ms otherwise).
    expect(identity.timerResolutionMs).toBeGreaterThan(0);
    expect(identity.timerResolutionMs).toBeLessThan(0.1);
    expect(comm(page.rendererPid ?? -1)).toBe('Isolated Web Co');
  });

  it("answers a measure request with core's loop, every event first, with the content process's CPU and RSS", async () => {
    const page = await open();
    const events: MeasureEvent[] = [];
    const reply = (await page.request(
      requestFor('double', page),
      (e) => events.push(e),
      SILENCE_MS,
    )) as MeasureResult;
    expect(reply.complete).toBe(true);
    expect(reply.cells.map((c) => `${c.id} ${c.status} ${c.samples.length}`)).toEqual([
      'double(tasks=6)/sequential@1 ok 3',
      'double(tasks=6)/worker@2 ok 3',
    ]);
    // One channel carries events and reply in order: every cell-done arrived before the reply.
    expect(events.filter((e) => e.type === 'cell-done').map((e) => e.type === 'cell-done' && e.cell)).toEqual(
      reply.cells,
    );
    const metrics = reply.cells[1]?.metrics;
    expect(metrics).toMatchObject({
      cpuUserMs: expect.any(Number),
      cpuSystemMs: expect.any(Number),
      utilization: expect.any(Number),
    });
    expect(metrics?.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
    // Firefox reports no long tasks and has no performance.memory: no figure, and the source says why.
    expect(metrics?.longTasks).toBeUndefined();
    expect(metrics?.heapUsedBytes).toBeUndefined();
    expect(metrics?.source).toContain(
      "long tasks: not recorded, Firefox does not report them (PerformanceObserver.supportedEntryTypes has no 'longtask')",
    );
    expect(metrics?.source).toContain('heap: not recorded, Firefox has no performance.memory');
    expect(metrics?.source).toContain(
      "CPU and RSS: the page's content process (main thread and every worker)",
    );
  });

  it('fails the request in progress with SideLost when the content process dies, and the next page works', async () => {
    const page = await open();
    const pid = page.rendererPid as number;
    let samples = 0;
    const request = page.request(
      requestFor('sleep', page),
      (event) => {
        if (event.type === 'sample' && ++samples === 1) process.kill(pid, 'SIGKILL');
      },
      SILENCE_MS,
    );
    await expect(request).rejects.toThrow(new SideLost(CRASH));
    // A lost page fails every later request at once, with the same reason.
    await expect(page.request(requestFor('double', page), () => {}, SILENCE_MS)).rejects.toThrow(
      new SideLost(CRASH),
    );
    await page.kill(CRASH);
    const next = await open();
    expect(next.rendererPid).not.toBe(pid);
    const reply = await next.request(requestFor('double', next), () => {}, SILENCE_MS);
    expect(reply.cells.map((cell) => cell.status)).toEqual(['ok', 'ok']);
  });

  it('kills a page that says nothing for the silence (its main thread stuck), failing the request', async () => {
    const page = await open();
    const pid = page.rendererPid as number;
    const events: MeasureEvent[] = [];
    const request = page.request(
      requestFor('freezes-page', page, 'sequential'),
      (e) => events.push(e),
      2_000,
    );
    await expect(request).rejects.toThrow(
      new SideLost('the page said nothing for 2 s (its main thread was stuck) and was killed'),
    );
    // The last word of the page: the cell it was working on (the host blames that cell).
    expect(events.at(-1)).toMatchObject({ type: 'cell-step', cellId: 'freezes-page(tasks=6)/sequential@1' });
    expect(await outlive([pid])).toEqual([]);
  });

  it('fails a request the page cannot carry out with a plain ParalabError, and keeps the page', async () => {
    const page = await open();
    let failure: unknown;
    await page
      .request(requestFor('refused', page), () => {}, SILENCE_MS)
      .catch((thrown) => {
        failure = thrown;
      });
    expect(failure).toBeInstanceOf(ParalabError);
    expect(failure).not.toBeInstanceOf(SideLost);
    expect((failure as Error).message).toMatch(/this module refuses to load in a page/);
    const reply = await page.request(requestFor('double', page), () => {}, SILENCE_MS);
    expect(reply.cells.map((cell) => cell.status)).toEqual(['ok', 'ok']);
  });
});

describe('a Firefox page that never loads', () => {
  let driver: FirefoxDriver;
  let silent: Server;
  beforeAll(async () => {
    driver = await launchFirefox(firefox);
    // Accepts connections and never answers: the page never loads.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    silent.close();
    await driver.close();
  });

  it.each([
    ['a server that never answers', () => `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`],
    ['a page that is not the harness', undefined],
  ])('gives up on %s in one line', async (_, urlOf) => {
    const server = await startPageServer(
      new Map([['/', { body: '<!doctype html><p>not paralab</p>', type: 'text/html' }]]),
    );
    const url = urlOf?.() ?? `${server.url}/`;
    try {
      const opening = PageSession.open(driver, {
        url,
        setup: {
          assets: { worker: '', workerClassic: '', workerpoolWorker: '' },
          modules: [],
          libraries: { workerpool: '0' },
        },
        channels: server,
        loadTimeoutMs: 1_000,
        runtime: 'firefox',
        version: driver.version,
      });
      await expect(opening).rejects.toMatchObject({ code: 'ERR_PAGE' });
      await expect(opening).rejects.toThrow(
        new RegExp(
          `^the harness page ${url.replace(/[.]/g, '\\.')} did not load: [^\\n]*1000 ?ms exceeded[^\\n]*$`,
        ),
      );
    } finally {
      await server.close();
    }
  });

  it('closes, leaving no Firefox process and no profile', async () => {
    const pid = driver.pid as number;
    expect(running(pid)).toBe(true);
    expect(existsSync(driver.profileDir)).toBe(true);
    const tree = await driver.processes();
    expect(tree.length).toBeGreaterThan(1);
    // Its watchdog (for a Node process that dies without closing it) waits, and stands down with it.
    const watchdog = processesWith(`paralab-browser-guard ${pid} ${driver.profileDir}`);
    expect(watchdog).toHaveLength(1);
    await driver.close();
    expect(await outlive(tree)).toEqual([]);
    expect(existsSync(driver.profileDir)).toBe(false);
    expect(await outlive(watchdog)).toEqual([]);
  });
});
