import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CancelToken, resolveParams } from '@paralab/core';
import { workerStrategy } from '@paralab/node-api';
import { FILE_DIR_PREFIX, type FileInput, file, nodeWorkloads } from '@paralab/node-api/workloads';
import { nodeRunner } from '@paralab/node-runner';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const SMALL = { files: 3, kib: 2 };

// The exit hook removes these directories when a process exits normally; a test runner may instead kill
// its workers, so this file removes the ones it made itself.
const made = new Set<string>();
afterAll(() => {
  for (const dir of made)
    if (basename(dir).startsWith(FILE_DIR_PREFIX)) rmSync(dir, { recursive: true, force: true });
});

async function prepare(seed = 7, params: { files: number; kib: number } = SMALL): Promise<FileInput[]> {
  const inputs = await file.prepare(params, { seed });
  for (const input of inputs) made.add(dirname(input.path));
  return inputs;
}

describe('the file workload', () => {
  it('is a Node-only workload, 100 files of 64 KiB by default', () => {
    expect(nodeWorkloads.map((w) => w.id)).toEqual(['file', 'http-get', 'db']);
    expect([file.id, file.kind]).toEqual(['file', 'io']);
    expect(resolveParams(file)).toEqual({ files: 100, kib: 64 });
  });

  it('writes, reads back and deletes one file per task, in a fresh paralab- directory', async () => {
    const inputs = await prepare();
    const dir = dirname(inputs[0]?.path ?? '');
    expect(dirname(dir)).toBe(tmpdir());
    expect(basename(dir).startsWith(FILE_DIR_PREFIX)).toBe(true);
    expect(inputs.map((input) => [dirname(input.path) === dir, basename(input.path), input.bytes])).toEqual([
      [true, 'task-0.bin', 2048],
      [true, 'task-1.bin', 2048],
      [true, 'task-2.bin', 2048],
    ]);
    for (const input of inputs) {
      const output = await file.run(input);
      expect(output).toEqual({ bytes: 2048, checksum: input.checksum });
      expect(file.verify?.(output, input, SMALL)).toBe(true);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('derives the content from the seed: same seed, same answers; another seed, others', async () => {
    const checksums = async (seed: number) => (await prepare(seed)).map((input) => input.checksum);
    expect(await checksums(7)).toEqual(await checksums(7));
    expect(new Set([...(await checksums(7)), ...(await checksums(8))]).size).toBe(6);
  });

  it('rejects a wrong checksum or length', async () => {
    const [input] = await prepare();
    if (!input) throw new Error('no input');
    const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
    const wrong = input.checksum ^ 1;
    expect(file.verify?.({ bytes: 2048, checksum: wrong }, input, SMALL)).toBe(
      `expected 2048 bytes with checksum ${hex(input.checksum)}, got 2048 bytes with checksum ${hex(wrong)}`,
    );
    expect(file.verify?.({ bytes: 1024, checksum: input.checksum }, input, SMALL)).toBe(
      `expected 2048 bytes with checksum ${hex(input.checksum)}, got 1024 bytes with checksum ${hex(input.checksum)}`,
    );
  });

  it('never writes outside a paralab- directory', async () => {
    const [input] = await prepare();
    if (!input) throw new Error('no input');
    await expect(file.run({ ...input, path: '/tmp/elsewhere/x.bin' })).rejects.toThrow(
      'file: refusing to write /tmp/elsewhere/x.bin, outside a paralab-file-* directory',
    );
  });

  // Peers import what the host hands them: a built-in module name resolved by the runner to a file: URL
  // (core's importWorkload, which peers use, cannot resolve node-runner's package name itself).
  it('runs in worker threads that load it from the URL the runner resolves for its built-ins', async () => {
    const module = nodeRunner.resolveBuiltin('@paralab/node-api/workloads');
    expect(module).toBe(new URL('../../node-api/dist/workloads/index.js', import.meta.url).href);
    const params = resolveParams(file, { files: 6, kib: 4 });
    const inputs = await prepare(3, params);
    const instance = await workerStrategy.create({
      workload: file,
      ref: { module, id: 'file' },
      params,
      concurrency: 2,
    });
    try {
      const outputs = await instance.runBatch(inputs, new CancelToken());
      expect(
        outputs.map((output, i) => file.verify?.(output as never, inputs[i] as FileInput, params)),
      ).toEqual([true, true, true, true, true, true]);
    } finally {
      await instance.close();
    }
    expect(readdirSync(dirname(inputs[0]?.path ?? ''))).toEqual([]);
  });

  // The child prepares, runs tasks (task 1 fails: a directory sits where its file should go), prints its
  // directory and ends, normally or on the unhandled failure; the directory must be gone either way.
  const script = (rethrow: boolean) => `
    import { mkdirSync } from 'node:fs';
    import { dirname } from 'node:path';
    import { file } from '@paralab/node-api/workloads';
    const inputs = await file.prepare({ files: 3, kib: 1 }, { seed: 1 });
    process.stdout.write(dirname(inputs[0].path) + '\\n');
    mkdirSync(inputs[1].path);
    const settled = await Promise.allSettled(inputs.map((input) => file.run(input)));
    process.stdout.write(settled.map((s) => s.status).join(',') + '\\n');
    if (${rethrow}) throw settled[1].reason;
  `;

  it.each([
    ['exits normally', false, 0],
    ['dies of an uncaught error', true, 1],
  ])('removes its directory when the process that used it %s', (_, rethrow, code) => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script(rethrow)], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const [dir, statuses] = child.stdout.trim().split('\n');
    expect([child.status, statuses]).toEqual([code, 'fulfilled,rejected,fulfilled']);
    expect(basename(dir ?? '').startsWith(FILE_DIR_PREFIX)).toBe(true);
    expect(existsSync(dir ?? '')).toBe(false);
  });
});
