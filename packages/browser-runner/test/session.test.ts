// The page as the host's measuring side (`MeasuringSide`), driven directly: requests answered with core's
// loops in a real page, events streamed through the runner's binding, and a page that is stuck, killed or
// crashed failing the request in progress with `SideLost`.
import {
  type MeasureEvent,
  type MeasureRequest,
  type MeasureResult,
  ParalabError,
  type SideReply,
} from '@paralab/core';
import { type MeasuringSide, type PlannedRun, planRun, type SideFactory, SideLost } from '@paralab/host';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '../src/chromium.js';
import { chromiumRunner } from '../src/definition.js';
import { chromiumDriver } from '../src/drivers/chromium.js';
import { startPageServer } from '../src/page-server.js';
import { PageSession } from '../src/session.js';
import { chromiumSides } from '../src/side.js';
import { FIXTURES, REFUSES_PAGES, TEST_PROFILE } from './_helpers.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits (up to 10 s) for a process to be gone; resolves with whether it is. */
async function gone(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 10_000 && alive(pid); waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return !alive(pid);
}

const SILENCE_MS = 60_000;

describe('the page session', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(findChromium());
  });
  afterAll(() => browser.close());

  it('gives up in one line on a page that never becomes the harness', async () => {
    const server = await startPageServer(
      new Map([['/', { body: '<!doctype html><p>not paralab</p>', type: 'text/html' }]]),
    );
    try {
      const opening = PageSession.open(await chromiumDriver(browser), {
        url: `${server.url}/`,
        channels: server,
        setup: {
          assets: { worker: '', workerClassic: '', workerpoolWorker: '' },
          modules: [],
          libraries: { workerpool: '0' },
        },
        loadTimeoutMs: 1_000,
        runtime: 'chromium',
        version: browser.version(),
      });
      await expect(opening).rejects.toThrow(
        /^the harness page http:\/\/127\.0\.0\.1:\d+\/ did not load: .*Timeout 1000ms exceeded/,
      );
      await expect(opening).rejects.toMatchObject({ code: 'ERR_PAGE' });
      expect(browser.contexts().flatMap((context) => context.pages())).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("a page as the host's measuring side", () => {
  let planned: PlannedRun;
  let factory: SideFactory;
  let side: MeasuringSide | undefined;
  beforeAll(async () => {
    planned = await planRun(chromiumRunner, {
      modules: [FIXTURES, REFUSES_PAGES],
      workloads: ['double', 'freezes-page', 'sleep', 'refused'],
      strategies: ['sequential', 'worker'],
      concurrency: [2],
      params: { sleep: { tasks: 4, ms: 100 } },
    });
    factory = await chromiumSides({ modules: planned.modules, heapLimitMb: 4096, extra: {} });
  });
  afterEach(async () => {
    await side?.close();
    side = undefined;
  });
  afterAll(() => factory.dispose?.());

  /** The host's request for the cells of one workload (`strategy`: only that strategy's cell). */
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
    profile: TEST_PROFILE,
    seed: 1,
    availableParallelism: opened.identity.availableParallelism,
    timerResolutionMs: opened.identity.timerResolutionMs,
    services: {},
  });
  const open = async (): Promise<PageSession> => {
    side = await factory.open();
    return side as PageSession;
  };

  it('opens a cross-origin isolated page that says who it is, its renderer found', async () => {
    const page = await open();
    expect(factory.what).toBe('the Chromium page');
    const { identity } = page;
    expect(identity).toMatchObject({
      runtime: 'chromium',
      version: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
    });
    expect(identity.details).toMatchObject({
      crossOriginIsolated: true,
      userAgent: expect.stringMatching(/Chrome\/\d+/),
      hardwareConcurrency: identity.availableParallelism,
      rendererPid: page.rendererPid,
    });
    expect(identity.availableParallelism).toBeGreaterThanOrEqual(1);
    // Cross-origin isolated pages step by 5 µs (100 µs otherwise).
    expect(identity.timerResolutionMs).toBeGreaterThan(0);
    expect(identity.timerResolutionMs).toBeLessThan(0.05);
    expect(alive(page.rendererPid ?? -1)).toBe(true);
  });

  it("answers a measure request with core's loop, reporting every event as it happens", async () => {
    const page = await open();
    const events: MeasureEvent[] = [];
    const reply = (await page.request(requestFor('double', page), (e) => events.push(e), SILENCE_MS)) as
      | MeasureResult
      | undefined;
    expect(reply?.complete).toBe(true);
    const cells = reply?.cells ?? [];
    expect(cells.map((c) => `${c.id} ${c.status} ${c.samples.length}`)).toEqual([
      'double(tasks=6)/sequential@1 ok 3',
      'double(tasks=6)/worker@2 ok 3',
    ]);
    expect(events[0]).toMatchObject({ type: 'group-start', workload: 'double', cells: 2 });
    expect(events.filter((e) => e.type === 'cell-done').map((e) => e.type === 'cell-done' && e.cell)).toEqual(
      cells,
    );
    for (const cell of cells) {
      const samples = events.flatMap((e) =>
        e.type === 'sample' && e.cellId === cell.id ? [e.sampleMs] : [],
      );
      expect(samples).toEqual(cell.samples);
      const steps = events.flatMap((e) => (e.type === 'cell-step' && e.cellId === cell.id ? [e.step] : []));
      // The sequential cell also times each task once (the task sizes), after its samples.
      const tasks = cell.strategy === 'sequential' ? ['tasks'] : [];
      expect(steps).toEqual(['start', 'warmup', 'sample', 'sample', 'sample', ...tasks, 'close']);
    }
    // The page asked the runner for its renderer's CPU time and memory around every sample (the binding).
    // (Without those answers a cell has no CPU or RSS figures at all; tiny tasks may read 0 ms of CPU.)
    expect(cells[1]?.metrics).toMatchObject({
      cpuUserMs: expect.any(Number),
      cpuSystemMs: expect.any(Number),
      utilization: expect.any(Number),
    });
    expect(cells[1]?.metrics?.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
  });

  it('fails a request with SideLost when the page says nothing for the silence, and kills its renderer', async () => {
    const page = await open();
    const pid = page.rendererPid ?? -1;
    const events: MeasureEvent[] = [];
    const request = page.request(
      requestFor('freezes-page', page, 'sequential'),
      (e) => events.push(e),
      2_000,
    );
    await expect(request).rejects.toThrow(SideLost);
    await expect(request).rejects.toThrow(
      /^the page said nothing for 2 s \(its main thread was stuck\) and was killed$/,
    );
    // The last thing the page said: which cell was doing what (the host blames that cell).
    expect(events.at(-1)).toEqual({
      type: 'cell-step',
      cellId: 'freezes-page(tasks=6)/sequential@1',
      step: 'warmup',
    });
    expect(await gone(pid)).toBe(true);
  });

  it('kill() ends a page stuck in a loop at once, failing the request in progress with the reason', async () => {
    const page = await open();
    const pid = page.rendererPid ?? -1;
    const request = page.request(
      requestFor('freezes-page', page, 'sequential'),
      (event) => {
        if (event.type === 'cell-step' && event.step === 'warmup') void page.kill('stopped by the test');
      },
      SILENCE_MS,
    );
    await expect(request).rejects.toThrow(new SideLost('stopped by the test'));
    expect(await gone(pid)).toBe(true);
  });

  it('fails the request in progress with SideLost when the renderer dies', async () => {
    const page = await open();
    const pid = page.rendererPid;
    expect(pid).toBeDefined();
    let samples = 0;
    const request = page.request(
      requestFor('sleep', page),
      (event) => {
        // The renderer dies (as it does when it runs out of memory) once the page has measured something.
        if (event.type === 'sample' && ++samples === 1) process.kill(pid as number, 'SIGKILL');
      },
      SILENCE_MS,
    );
    await expect(request).rejects.toThrow(
      new SideLost('the page crashed (its renderer process died: out of memory?)'),
    );
  });

  // BUG (src/session.ts, PageSession.request's catch): every error of `page.evaluate` becomes `SideLost`, so
  // a request the page answers with a failure (here: a workload module that does not load in a page) kills
  // a healthy page, and the reason reads "the page failed: page.evaluate: ParalabError: ...".
  // `MeasuringSide.request` promises a plain ParalabError for that (as ChildSide's 'failed' message gives).
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
    expect((failure as Error).message).toMatch(
      /^cannot load workload module \S+: this module refuses to load in a page$/,
    );
    const reply: SideReply = await page.request(requestFor('double', page), () => {}, SILENCE_MS);
    expect(reply.cells.map((cell) => cell.status)).toEqual(['ok', 'ok']);
  });
});
