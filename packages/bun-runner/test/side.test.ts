// How the host finds Bun and starts Bun's measuring side (src/side.ts).
import { afterEach, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ParalabError } from '@paralab/core';
import { BUN_ENV, bunSides, findBun } from '../src/index.js';

const given = process.env[BUN_ENV];
afterEach(() => {
  if (given === undefined) delete process.env[BUN_ENV];
  else process.env[BUN_ENV] = given;
});

describe('findBun', () => {
  test('takes the bun npm package installed beside the runner when PARALAB_BUN is not set', () => {
    delete process.env[BUN_ENV];
    const binary = findBun();
    expect(binary).toMatch(/[/\\]bun[/\\]bin[/\\]bun\.exe$/);
    expect(existsSync(binary)).toBe(true);
    // The same Bun as this test runs on: the package is the runner's devDependency.
    const version = Bun.spawnSync([binary, '--version'], { stdout: 'pipe' }).stdout.toString().trim();
    expect(version).toBe(Bun.version);
  });

  test('takes PARALAB_BUN first', () => {
    process.env[BUN_ENV] = process.execPath;
    expect(findBun()).toBe(process.execPath);
  });

  test('a PARALAB_BUN that names no file is a one-line ParalabError', () => {
    process.env[BUN_ENV] = '/nowhere/bun';
    let thrown: unknown;
    try {
      findBun();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParalabError);
    expect([(thrown as ParalabError).code, (thrown as ParalabError).message]).toEqual([
      'ERR_NO_RUNTIME',
      'PARALAB_BUN=/nowhere/bun: no such file (point it at a bun binary, or unset it and install Bun beside paralab: npm install --save-dev bun)',
    ]);
  });
});

describe('bunSides', () => {
  test('starts a Bun measuring process that says who it is, and ends it', async () => {
    delete process.env[BUN_ENV];
    const factory = await bunSides({ modules: [], heapLimitMb: 512, extra: {} });
    expect(factory.what).toBe('the Bun measuring process');
    const side = await factory.open();
    try {
      expect(side.identity).toEqual({
        runtime: 'bun',
        version: Bun.version,
        engine: expect.stringMatching(/^JavaScriptCore \(WebKit [0-9a-f]+\)$/),
        availableParallelism: availableParallelism(),
        timerResolutionMs: expect.any(Number),
      });
      expect(side.identity.timerResolutionMs).toBeGreaterThan(0);
    } finally {
      await side.close();
    }
  });

  test('rejects with the one-line error when there is no Bun to start', async () => {
    process.env[BUN_ENV] = '/nowhere/bun';
    await expect(bunSides({ modules: [], heapLimitMb: 512, extra: {} })).rejects.toThrow(
      'PARALAB_BUN=/nowhere/bun: no such file',
    );
  });
});
