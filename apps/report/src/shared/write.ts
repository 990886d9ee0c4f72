import { rename, writeFile } from 'node:fs/promises';

/** Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a file. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}
