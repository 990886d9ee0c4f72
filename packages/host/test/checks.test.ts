// What the host refuses before measuring anything: a results path it cannot write, and a cell that would
// start more threads or processes than any machine can hold.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOut, MAX_PEERS, planRun, runWithHost } from '@paralab/host';
import { afterAll, describe, expect, it } from 'vitest';
import { testRunner, WORKLOADS } from './_fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-checks-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const A_FILE = join(scratch, 'a-file');
writeFileSync(A_FILE, '');
const READ_ONLY = join(scratch, 'read-only');
mkdirSync(READ_ONLY, { mode: 0o555 });
chmodSync(READ_ONLY, 0o555);

const HOST = new URL('../dist/index.js', import.meta.url).href;
const NOBODY = 65_534;

/**
 * `checkOut(out)` in a process of its own, as an unprivileged user when this one is root (root may write
 * anywhere, so a read-only folder would not be refused). Resolves with `ok` or the error's code and message.
 */
function checkOutUnprivileged(out: string): string {
  const script = `import { checkOut } from ${JSON.stringify(HOST)};
checkOut(${JSON.stringify(out)}).then(() => process.stdout.write('ok'), (e) => process.stdout.write(e.code + ' ' + e.message));`;
  const root = process.getuid?.() === 0;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: tmpdir(),
    timeout: 30_000,
    ...(root ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return child.stdout || child.stderr;
}

describe('checkOut', () => {
  it.each([
    [join(scratch, 'folder'), 'it is a folder'],
    [join(A_FILE, 'results.json'), `${A_FILE} is not a folder (a file is in the way)`],
    [join(A_FILE, 'sub', 'results.json'), `${join(A_FILE, 'sub')} is not a folder (a file is in the way)`],
  ])('refuses %s: %s', async (out, why) => {
    mkdirSync(join(scratch, 'folder'), { recursive: true });
    await expect(checkOut(out)).rejects.toMatchObject({
      code: 'ERR_OPTION',
      message: `cannot write the results to ${out}: ${why}`,
    });
  });

  it('refuses a folder it may not write to', () => {
    const out = join(READ_ONLY, 'results.json');
    expect(checkOutUnprivileged(out)).toBe(
      `ERR_OPTION cannot write the results to ${out}: ${READ_ONLY} is not writable`,
    );
    // The same check passes where that user may write: the refusal is about the folder.
    expect(checkOutUnprivileged(join(tmpdir(), 'results.json'))).toBe('ok');
  });

  it('makes the folders a new results file needs', async () => {
    const out = join(scratch, 'new', 'deeper', 'results.json');
    await checkOut(out);
    expect([existsSync(join(scratch, 'new', 'deeper')), existsSync(out)]).toEqual([true, false]);
  });

  it('refuses before anything is measured: no side is started and no journal written', async () => {
    let sides = 0;
    const runner = testRunner({
      sides: async () => {
        sides++;
        throw new Error('no side may be started');
      },
    });
    const out = join(scratch, 'folder');
    mkdirSync(out, { recursive: true });
    await expect(runWithHost(runner, { modules: [WORKLOADS], out, lock: false })).rejects.toMatchObject({
      code: 'ERR_OPTION',
      message: `cannot write the results to ${out}: it is a folder`,
    });
    expect([sides, existsSync(`${out}.journal`)]).toEqual([0, false]);
  });
});

describe('checkLevels', () => {
  const plan = (strategies: string[], level: number) =>
    planRun(testRunner(), { modules: [WORKLOADS], workloads: ['double'], strategies, concurrency: [level] });

  it.each([
    ['dies', 'threads'],
    ['hogs', 'processes'],
  ])('refuses 100000 %s (a %s strategy) while planning', async (strategy, what) => {
    await expect(plan(['sequential', strategy], 100_000)).rejects.toMatchObject({
      code: 'ERR_OPTION',
      message: expect.stringMatching(
        new RegExp(
          `^concurrency 100000 with ${strategy} would start 100000 ${what}: at most 256 per cell \\(this machine has \\d+ cores\\)$`,
        ),
      ),
    });
  });

  it('allows 100000 tasks in flight for async, which starts no thread', async () => {
    const { plans } = await plan(['async'], 100_000);
    expect(plans.map((p) => [p.strategy.name, p.concurrency])).toEqual([['async', 100_000]]);
  });

  it(`allows ${MAX_PEERS} threads and refuses one more`, async () => {
    expect((await plan(['dies'], MAX_PEERS)).plans.map((p) => p.concurrency)).toEqual([MAX_PEERS]);
    await expect(plan(['dies'], MAX_PEERS + 1)).rejects.toMatchObject({ code: 'ERR_OPTION' });
  });

  it('refuses before a run starts its side', async () => {
    let sides = 0;
    const runner = testRunner({
      sides: async () => {
        sides++;
        throw new Error('no side may be started');
      },
    });
    const options = { modules: [WORKLOADS], strategies: ['dies'], concurrency: [100_000], lock: false };
    await expect(runWithHost(runner, options)).rejects.toMatchObject({ code: 'ERR_OPTION' });
    expect(sides).toBe(0);
  });
});
