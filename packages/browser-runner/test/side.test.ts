// The measuring sides of a Chromium run (`chromiumSides`): one browser, a fresh page each time a side is
// opened, everything closed with the run.
import { execFileSync } from 'node:child_process';
import { planRun } from '@paralab/host';
import { describe, expect, it } from 'vitest';
import { chromiumRunner } from '../src/definition.js';
import { runBrowser } from '../src/run.js';
import type { PageSession } from '../src/session.js';
import { chromiumSides } from '../src/side.js';
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

describe('the sides of a Chromium run', () => {
  it('opens a fresh page on one browser each time, and closes the browser when disposed', async () => {
    const before = chromiums();
    const planned = await planRun(chromiumRunner, { workloads: ['noop'], strategies: ['sequential'] });
    const factory = await chromiumSides({ modules: planned.modules, heapLimitMb: 4096, extra: {} });
    try {
      const first = (await factory.open()) as PageSession;
      const second = (await factory.open()) as PageSession;
      expect(first.identity.version).toBe(second.identity.version);
      expect(first.rendererPid).not.toBe(second.rendererPid);
      expect(chromiums()).toBeGreaterThan(before);
      await first.close();
      await second.close();
    } finally {
      await factory.dispose?.();
    }
    expect(chromiums()).toBe(before);
  });

  // BUG (src/side.ts, chromiumSides' open): launchChromium's one-line ParalabError is wrapped again with
  // String(thrown), so the message says it twice: "/bin/true did not start: ParalabError: /bin/true did not
  // start: browserType.launch: ...".
  it('says in one line that a browser did not start', async () => {
    const factory = await chromiumSides({ modules: [], heapLimitMb: 4096, extra: { browser: '/bin/true' } });
    try {
      await expect(factory.open()).rejects.toThrow(
        /^\/bin\/true did not start: browserType\.launch: [^\n]*$/,
      );
    } finally {
      await factory.dispose?.();
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
    ).rejects.toThrow(/^\/bin\/true did not start: [^\n]+$/);
    expect(chromiums()).toBe(before);
  });
});
