// Where a run's workload modules come from: built-ins resolved by the runner, the user's resolved from the
// working directory, TypeScript compiled once (esbuild) into JavaScript every side can import as it is.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AnyWorkload, resolveParams } from '@paralab/core';
import { prepareModules } from '@paralab/host';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKLOADS } from './_fixtures.js';

const HOST_DIR = fileURLToPath(new URL('..', import.meta.url));

const scratch = mkdtempSync(join(tmpdir(), 'paralab-modules-'));
/** Compiled files this test made outside the scratch folder (no node_modules above it: the temp folder). */
const compiled = new Set<string>();
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  for (const file of compiled) rmSync(file, { force: true });
});

const BUILTINS = { resolveBuiltin: (specifier: string) => `resolved:${specifier}` };

describe('prepareModules', () => {
  it('lists the built-ins first, as the runner resolves them, then the user modules', async () => {
    const modules = await prepareModules(['@x/one', '@x/two'], [WORKLOADS], BUILTINS);
    expect(modules).toEqual([
      { specifier: '@x/one', url: 'resolved:@x/one', builtin: true },
      { specifier: '@x/two', url: 'resolved:@x/two', builtin: true },
      // The user's own file too, for tools that read sources (a browser bundler).
      { specifier: WORKLOADS, url: pathToFileURL(WORKLOADS).href, builtin: false, source: WORKLOADS },
    ]);
  });

  it('compiles TypeScript into one ES module that a plain import loads, packages left as imports', async () => {
    const [module] = await prepareModules([], ['./test/fixtures/typed.ts'], { ...BUILTINS, cwd: HOST_DIR });
    expect([module?.specifier, module?.source]).toEqual([
      './test/fixtures/typed.ts',
      join(HOST_DIR, 'test', 'fixtures', 'typed.ts'),
    ]);
    const file = fileURLToPath(module?.url ?? '');
    // Beside the package's node_modules, so that `@paralab/core` resolves from the compiled file.
    expect(file.startsWith(join(HOST_DIR, 'node_modules', '.cache', 'paralab', 'typed-'))).toBe(true);
    expect(file.endsWith('.mjs')).toBe(true);
    const source = readFileSync(file, 'utf8');
    expect(source).toMatch(/from "@paralab\/core"/);
    expect(source).not.toMatch(/: number/);
    // Node imports it with no loader of its own: the helper in another .ts file is compiled in.
    const { typedDouble } = (await import(module?.url ?? '')) as { typedDouble: AnyWorkload };
    const inputs = (await typedDouble.prepare(resolveParams(typedDouble), { seed: 1 })) as number[];
    expect(inputs.map((n) => typedDouble.run(n))).toEqual([0, 2, 4]);
  });

  it('compiles an unchanged file once, and a changed one again', async () => {
    const path = join(scratch, 'again.ts');
    writeFileSync(path, 'export const value: number = 1;\n');
    const first = (await prepareModules([], [path], BUILTINS))[0]?.url ?? '';
    // Marked, so that a second compile (which would write the file again) shows.
    const file = fileURLToPath(first);
    compiled.add(file);
    writeFileSync(file, `${readFileSync(file, 'utf8')}// not compiled again\n`);
    const second = (await prepareModules([], [path], BUILTINS))[0]?.url;
    expect(second).toBe(first);
    expect(readFileSync(file, 'utf8').endsWith('// not compiled again\n')).toBe(true);
    writeFileSync(path, 'export const value: number = 2;\n');
    const third = (await prepareModules([], [path], BUILTINS))[0]?.url;
    compiled.add(fileURLToPath(third ?? ''));
    expect(third).not.toBe(first);
    expect(((await import(third ?? '')) as { value: number }).value).toBe(2);
  });

  it("rejects a syntax error in one line that keeps the error's file, line and column", async () => {
    const path = join(scratch, 'broken.ts');
    writeFileSync(path, 'export const a = 1;\n\nexport const b = (x: number) => {\n  return x +;\n};\n');
    const error = await prepareModules([], [path], BUILTINS).then(
      () => undefined,
      (thrown: Error & { code?: string }) => thrown,
    );
    expect(error?.code).toBe('ERR_MODULE');
    const match = /^cannot compile (.+): (.+):(\d+):(\d+): Unexpected ";"$/.exec(error?.message ?? '');
    expect(match?.slice(1).map((part, i) => (i === 1 ? resolve(part) : part))).toEqual([
      path,
      path,
      '4',
      '13',
    ]);
  });

  it.each([
    [
      './missing.ts',
      (dir: string) => `workload module ./missing.ts does not exist (looked at ${join(dir, 'missing.ts')})`,
    ],
    [
      'no-such-package-here',
      (dir: string) =>
        `cannot resolve workload module "no-such-package-here" from ${dir}: Cannot find module 'no-such-package-here'`,
    ],
  ])('rejects %s with a one-line error naming it', async (specifier, message) => {
    const error = await prepareModules([], [specifier], { ...BUILTINS, cwd: scratch }).then(
      () => undefined,
      (thrown: Error & { code?: string }) => thrown,
    );
    expect([error?.code, error?.message.split('\n').length]).toEqual(['ERR_MODULE', 1]);
    expect(error?.message.startsWith(message(scratch))).toBe(true);
  });
});
