// Choosing browsers (`--browser`, `$PARALAB_BROWSERS`) and finding Firefox: every mistake is one line that
// says what to do, and nothing starts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chooseBrowsers } from '../src/browsers.js';
import { FIREFOX_PATH_ENV, findFirefox, HOW_TO_GET_FIREFOX, launchFirefox } from '../src/firefox.js';
import { removeStaleProfiles } from '../src/guard.js';
import { firefoxHere, profilesOf } from './_firefox.js';
import { CLI } from './_helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-firefox-choice-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const saved = process.env[FIREFOX_PATH_ENV];
const restore = (): void => {
  if (saved === undefined) delete process.env[FIREFOX_PATH_ENV];
  else process.env[FIREFOX_PATH_ENV] = saved;
};

const HOW = HOW_TO_GET_FIREFOX.replace(/[()$.]/g, '\\$&');

describe('choosing browsers', () => {
  let firefox: string;
  beforeAll(async () => {
    firefox = await firefoxHere();
  });
  afterEach(restore);

  it.each([
    [undefined, undefined, ['chromium']],
    [undefined, '', ['chromium']],
    [undefined, 'chromium,firefox', ['chromium', 'firefox']],
    ['firefox', 'chromium', ['firefox']],
    [' Firefox , chromium,firefox ', undefined, ['firefox', 'chromium']],
    ['installed', undefined, ['chromium', 'firefox']],
    [undefined, 'installed', ['chromium', 'firefox']],
    ['/opt/firefox/firefox-esr', undefined, ['firefox']],
    ['/usr/bin/chromium', 'firefox', ['chromium']],
  ])('--browser %j with $PARALAB_BROWSERS %j measures %j', (option, env, engines) => {
    expect(chooseBrowsers(option, env)).toEqual({ engines, skipped: [] });
  });

  it('leaves out of `installed` an engine that is not installed, and says how to get it', () => {
    process.env[FIREFOX_PATH_ENV] = join(scratch, 'no-firefox');
    expect(chooseBrowsers('installed', undefined)).toEqual({
      engines: ['chromium'],
      skipped: [`Firefox is not installed here, so it is not measured: ${HOW_TO_GET_FIREFOX}`],
    });
  });

  it.each([
    [
      'webkit',
      undefined,
      '--browser names "webkit", which is not one of chromium, firefox, installed, or a browser executable\'s path',
    ],
    [
      ',',
      undefined,
      '--browser must name browsers (chromium, firefox, installed, or a browser executable\'s path), got ","',
    ],
    [
      undefined,
      'firefox,safari',
      '$PARALAB_BROWSERS names "safari", which is not one of chromium, firefox, installed, or a browser executable\'s path',
    ],
    [
      undefined,
      '/usr/bin/firefox-esr',
      '$PARALAB_BROWSERS names browsers (chromium, firefox or installed), got "/usr/bin/firefox-esr": set PARALAB_CHROMIUM or PARALAB_FIREFOX to choose an executable',
    ],
  ])('--browser %j with $PARALAB_BROWSERS %j is refused in one line', (option, env, message) => {
    let thrown: unknown;
    try {
      chooseBrowsers(option, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'ERR_OPTION', message });
  });

  it('finds Firefox: --browser first, then $PARALAB_FIREFOX, then the usual places', () => {
    const fake = join(scratch, 'my-firefox');
    writeFileSync(fake, '');
    process.env[FIREFOX_PATH_ENV] = join(scratch, 'missing');
    expect(findFirefox(fake)).toBe(fake);
    process.env[FIREFOX_PATH_ENV] = fake;
    expect(findFirefox()).toBe(fake);
    delete process.env[FIREFOX_PATH_ENV];
    expect(findFirefox()).toMatch(/firefox/);
    expect(firefox).toMatch(/firefox/);
  });

  it('says in one line how to install Firefox when the one named does not exist', () => {
    expect(() => findFirefox('/nonexistent/firefox')).toThrow(
      new RegExp(`^--browser names /nonexistent/firefox, which does not exist: ${HOW}$`),
    );
    process.env[FIREFOX_PATH_ENV] = '/nonexistent/firefox';
    expect(() => findFirefox()).toThrow(
      new RegExp(`^\\$PARALAB_FIREFOX names /nonexistent/firefox, which does not exist: ${HOW}$`),
    );
    expect(HOW_TO_GET_FIREFOX).toBe(
      'install Firefox ESR (Debian/Ubuntu: sudo apt-get install firefox-esr, or paralab-browser --browser firefox --ensure-browser) or set PARALAB_FIREFOX to a Firefox executable',
    );
  });
});

describe('paralab-browser, choosing browsers', () => {
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      cwd: scratch,
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it.each([
    [
      ['--browser', 'firefox', '-w', 'noop'],
      { PARALAB_FIREFOX: '/nonexistent/firefox' },
      `^paralab-browser: \\$PARALAB_FIREFOX names /nonexistent/firefox, which does not exist: ${HOW}\\n$`,
    ],
    [
      ['-w', 'noop'],
      { PARALAB_BROWSERS: 'chromium,firefox', PARALAB_FIREFOX: '/nonexistent/firefox' },
      `^paralab-browser: \\$PARALAB_FIREFOX names /nonexistent/firefox, which does not exist: ${HOW}\\n$`,
    ],
    [
      ['--browser', 'chromium,firefox', '-w', 'noop', '--out', 'one.json'],
      {},
      '^paralab-browser: --out one\\.json names one file, but chromium and firefox write one each: put \\{browser\\} in it \\(results/\\{browser\\}\\.json\\), or leave --out out for results/<browser>\\.json\\n$',
    ],
    [
      ['--browser=webkit'],
      {},
      '^paralab-browser: --browser names "webkit", which is not one of chromium, firefox, installed, or a browser executable\'s path\\n$',
    ],
  ])('%j exits 2 with one line, launching nothing', (args, env, message) => {
    const { code, stdout, stderr } = cli(args, env);
    expect(stderr).toMatch(new RegExp(message));
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('--help names the engines and the results file of each', () => {
    const { code, stdout } = cli(['--help', '--browser', 'firefox']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '      --browser <names|path> chromium, firefox, both (chromium,firefox) or installed; or a browser executable (default: $PARALAB_BROWSERS, else chromium)',
    );
    expect(stdout).toContain('on headless Firefox (a page and its Web Workers)');
    expect(stdout).toContain('(default: results/firefox.json)');
  });

  it('--ensure-browser finds Firefox (apt-get would install it)', () => {
    const { code, stdout } = cli(['--ensure-browser', '--browser', 'firefox']);
    expect(stdout).toMatch(/^paralab-browser: using \S*firefox\S*\n$/);
    expect(code).toBe(0);
  });
});

describe('the profiles paralab gives Firefox', () => {
  it('removes those of paralab processes that are gone, and no other', async () => {
    // A pid that ran and is gone: a child that has exited (and was reaped).
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    const stale = join(tmpdir(), `paralab-firefox-${gone}-test`);
    const mine = join(tmpdir(), `paralab-firefox-${process.pid}-test`);
    const other = join(tmpdir(), `paralab-firefox-notapid-test`);
    for (const dir of [stale, mine, other]) mkdirSync(dir, { recursive: true });
    try {
      await removeStaleProfiles();
      expect([stale, mine, other].map(existsSync)).toEqual([false, true, true]);
    } finally {
      for (const dir of [stale, mine, other]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in one line that a Firefox did not start, and removes the profile it made for it', async () => {
    await expect(launchFirefox('/bin/true')).rejects.toThrow(/^\/bin\/true did not start: [^\n]+$/);
    await expect(launchFirefox('/bin/true')).rejects.toMatchObject({ code: 'ERR_NO_BROWSER' });
    expect(profilesOf(process.pid)).toEqual([]);
  });
});
