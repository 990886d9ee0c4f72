import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { defineWorkload, type Workload } from '@paralab/core/workload';
import { checksum32, fileParams, seededBytes } from '@paralab/core/workloads';

/** Prefix of the temporary directories `file` writes into (under `os.tmpdir()`). */
export const FILE_DIR_PREFIX = 'paralab-file-';

/** One task of `file`: where to write, how much, and the known answer. */
export interface FileInput {
  /** Absolute path of the task's file, inside a directory `prepare` made. */
  readonly path: string;
  /** File size, bytes (a multiple of 1024). */
  readonly bytes: number;
  /** Seed of the file's pseudo-random content (non-zero). */
  readonly seed: number;
  /** Checksum of that content, computed by `prepare`: what the read-back must match. */
  readonly checksum: number;
}

/** What a `file` task read back. */
export interface FileOutput {
  /** Bytes read back. */
  readonly bytes: number;
  /** Checksum of the bytes read back (see `FileInput.checksum`). */
  readonly checksum: number;
}

/**
 * I/O-bound, Node only: each task writes a file of `kib` KiB (seeded content) into a temporary directory,
 * reads it back, deletes it, and returns the length and checksum of what it read, verified against the
 * checksum `prepare` computed from the same seed. `prepare` makes the directory (`os.tmpdir()`,
 * `paralab-file-` prefix) and registers, once per process, an `exit` hook that removes every directory
 * it made, so even a failing run leaves nothing behind (a process killed by a signal it does not handle
 * runs no hook). Tasks, on whatever thread or process, touch only files inside such a directory.
 */
export const file: Workload<typeof fileParams, FileInput, FileOutput> = defineWorkload({
  id: 'file',
  kind: 'io',
  description:
    'Writes a file of kib KiB to a temporary directory, reads it back and deletes it, one per task.',
  params: fileParams,
  prepare: ({ files, kib }, { seed }) => {
    const dir = makeTempDir();
    const bytes = kib * 1024;
    return Array.from({ length: files }, (_, i) => {
      const taskSeed = (Math.imul(seed, 0x9e3779b1) + i) >>> 0 || 1;
      return {
        path: join(dir, `task-${i}.bin`),
        bytes,
        seed: taskSeed,
        checksum: checksum32(seededBytes(bytes, taskSeed)),
      };
    });
  },
  run: async ({ path, bytes, seed }) => {
    if (!basename(dirname(path)).startsWith(FILE_DIR_PREFIX))
      throw new Error(`file: refusing to write ${path}, outside a ${FILE_DIR_PREFIX}* directory`);
    try {
      await writeFile(path, seededBytes(bytes, seed));
      const back = await readFile(path);
      return { bytes: back.byteLength, checksum: checksum32(back) };
    } finally {
      await rm(path, { force: true });
    }
  },
  verify: (output, input) =>
    output?.bytes === input.bytes && output.checksum === input.checksum
      ? true
      : `expected ${input.bytes} bytes with checksum ${hex(input.checksum)}, got ${output?.bytes} bytes with checksum ${hex(output?.checksum)}`,
});

const made = new Set<string>();
let hooked = false;

/** A fresh directory for one `prepare`, removed when this process exits. */
function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), FILE_DIR_PREFIX));
  made.add(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const each of made) rmSync(each, { recursive: true, force: true });
      made.clear();
    });
  }
  return dir;
}

const hex = (value: number | undefined): string =>
  typeof value === 'number' ? `0x${value.toString(16).padStart(8, '0')}` : String(value);
