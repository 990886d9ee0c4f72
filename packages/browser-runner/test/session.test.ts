import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '../src/chromium.js';
import { startPageServer } from '../src/page-server.js';
import { runBrowser } from '../src/run.js';
import { PageSession } from '../src/session.js';
import { TEST_PROFILE } from './_helpers.js';

/** Chromium processes of profiles playwright made (each run gets a fresh one). */
const chromiums = (): number => {
  try {
    return execFileSync('pgrep', ['-f', 'playwright_chromiumdev_profile'], { encoding: 'utf8' })
      .trim()
      .split('\n').length;
  } catch {
    return 0;
  }
};

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
      const opening = PageSession.open(browser, {
        url: `${server.url}/`,
        setup: {
          assets: { worker: '', workerpoolWorker: '', calibrationModule: '', calibrationClassic: '' },
          modules: [],
          libraries: { workerpool: '0' },
        },
        loadTimeoutMs: 1_000,
        onEvent: () => {},
      });
      await expect(opening).rejects.toThrow(
        /^the harness page http:\/\/127\.0\.0\.1:\d+\/ did not load: .*Timeout 1000ms exceeded/,
      );
      expect(browser.contexts().flatMap((context) => context.pages())).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('a run leaves nothing behind', () => {
  it('closes its browser when it ends, and when it fails', async () => {
    const before = chromiums();
    await runBrowser({ workloads: ['noop'], strategies: ['sequential'], profile: TEST_PROFILE, lock: false });
    expect(chromiums()).toBe(before);
    // A browser that does not start (here: not a browser at all) fails the run in one line, leaving nothing.
    await expect(
      runBrowser({
        workloads: ['noop'],
        strategies: ['sequential'],
        browser: '/bin/true',
        profile: TEST_PROFILE,
        lock: false,
      }),
    ).rejects.toThrow(/^\/bin\/true did not start: /);
    expect(chromiums()).toBe(before);
  });
});
