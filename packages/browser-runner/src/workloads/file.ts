import { defineWorkload, type Workload } from '@paralab/core/workload';
import { checksum32, fileParams, seededBytes } from '@paralab/core/workloads';

/** One task of the browser's `file`: where in the origin private file system, how much, the known answer. */
export interface OpfsFileInput {
  /** Directory of this `prepare`, under the origin private file system's root. */
  readonly dir: string;
  /** The task's file name in it. */
  readonly name: string;
  /** File size, bytes (a multiple of 1024). */
  readonly bytes: number;
  /** Seed of the file's pseudo-random content (non-zero). */
  readonly seed: number;
  /** Checksum of that content (`checksum32`), computed by `prepare`: what the read-back must match. */
  readonly checksum: number;
}

/** What a task read back. */
export interface OpfsFileOutput {
  readonly bytes: number;
  readonly checksum: number;
}

let prepared = 0;

/**
 * I/O-bound, browsers: the Node runner's `file` (same parameters, same content and checksum) on the
 * origin private file system (OPFS), which pages and their workers can write without asking the user.
 * Each task writes a file of `kib` KiB with `createWritable()`, reads it back through `getFile()`,
 * removes it and returns what it read, verified against the checksum `prepare` computed. The files live in
 * the browser profile's storage: the runner's profile is a fresh temporary one, deleted with the browser.
 */
export const file: Workload<typeof fileParams, OpfsFileInput, OpfsFileOutput> = defineWorkload({
  id: 'file',
  kind: 'io',
  description:
    'Writes a file of kib KiB to the origin private file system, reads it back and removes it, one per task.',
  params: fileParams,
  prepare: ({ files, kib }, { seed }) => {
    const dir = `paralab-file-${seed}-${++prepared}-${Date.now().toString(36)}`;
    const bytes = kib * 1024;
    return Array.from({ length: files }, (_, i) => {
      const taskSeed = (Math.imul(seed, 0x9e3779b1) + i) >>> 0 || 1;
      return {
        dir,
        name: `task-${i}.bin`,
        bytes,
        seed: taskSeed,
        checksum: checksum32(seededBytes(bytes, taskSeed)),
      };
    });
  },
  run: async ({ dir, name, bytes, seed }) => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle(dir, { create: true });
    const handle = await folder.getFileHandle(name, { create: true });
    try {
      const writable = await handle.createWritable();
      await writable.write(seededBytes(bytes, seed) as Uint8Array<ArrayBuffer>);
      await writable.close();
      const back = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      return { bytes: back.byteLength, checksum: checksum32(back) };
    } finally {
      await folder.removeEntry(name).catch(() => {});
    }
  },
  verify: (output, input) =>
    output?.bytes === input.bytes && output.checksum === input.checksum
      ? true
      : `expected ${input.bytes} bytes with checksum ${input.checksum}, got ${output?.bytes} bytes with checksum ${output?.checksum}`,
});
