import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ParalabError, parseResults, type Results, toError } from '@paralab/core';

/** Writes a results file atomically: a temporary file beside it, then a rename. */
export async function writeResultsFile(path: string, results: Results): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(results, null, 2)}\n`);
  await rename(temporary, path);
}

/** Reads and validates a results file; a bad file gets a one-line `ParalabError` naming the file and field. */
export async function readResultsFile(path: string): Promise<Results> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (thrown) {
    throw new ParalabError('ERR_RESULTS_INVALID', `${path}: cannot read: ${toError(thrown).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (thrown) {
    throw new ParalabError('ERR_RESULTS_INVALID', `${path}: not JSON: ${toError(thrown).message}`);
  }
  return parseResults(data, path);
}
