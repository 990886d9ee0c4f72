import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseResults, type Results, toError } from '@paralab/core';

/** A results file that passed core's schema. */
export interface LoadedFile {
  /** The path as shown to the user: relative to the working directory when inside it. */
  path: string;
  /** The validated results (version 1 files migrated; core's schema strips fields it does not know). */
  results: Results;
}

/** A file that could not be read or is not a valid results file. */
export interface LoadError {
  /** The path as shown to the user. */
  path: string;
  /** One line naming the file and, for schema errors, the first offending field. */
  message: string;
  /** True when the path does not exist (as opposed to a file that could not be read or validated). */
  missing?: boolean;
}

/** What `loadResults` found: the valid files, in a stable order, and one error per bad file. */
export interface LoadOutcome {
  files: LoadedFile[];
  errors: LoadError[];
}

/**
 * Reads results files: every `*.json` directly inside each folder given, and every file given. Each file is
 * parsed and validated with core's `parseResults`; a bad file becomes a `LoadError` and the others are still
 * loaded. A path given twice is read once. Never rejects for a bad file; rejects only on a bug.
 */
export async function loadResults(
  paths: readonly string[],
  cwd: string = process.cwd(),
): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { files: [], errors: [] };
  const seen = new Set<string>();
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    for (const file of await expand(absolute, shown(absolute, cwd), outcome.errors)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const result = await loadFile(file, shown(file, cwd));
      if ('message' in result) outcome.errors.push(result);
      else outcome.files.push(result);
    }
  }
  return outcome;
}

/** Validates the text of one results file; returns the file or its one-line error. */
export function parseResultsText(text: string, path: string): LoadedFile | LoadError {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (thrown) {
    return { path, message: `${path}: not valid JSON: ${firstLine(toError(thrown).message)}` };
  }
  try {
    return { path, results: parseResults(raw, path) };
  } catch (thrown) {
    return { path, message: firstLine(toError(thrown).message) };
  }
}

async function loadFile(file: string, path: string): Promise<LoadedFile | LoadError> {
  try {
    return parseResultsText(await readFile(file, 'utf8'), path);
  } catch (thrown) {
    return { path, message: `${path}: cannot read: ${firstLine(toError(thrown).message)}` };
  }
}

async function expand(absolute: string, path: string, errors: LoadError[]): Promise<string[]> {
  try {
    if (!(await stat(absolute)).isDirectory()) return [absolute];
    const entries = await readdir(absolute, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => join(absolute, entry.name))
      .sort();
  } catch (thrown) {
    const error = toError(thrown) as NodeJS.ErrnoException;
    const why = error.code === 'ENOENT' ? 'no such file or folder' : firstLine(error.message);
    errors.push({ path, message: `${path}: ${why}`, ...(error.code === 'ENOENT' ? { missing: true } : {}) });
    return [];
  }
}

function shown(absolute: string, cwd: string): string {
  const fromCwd = relative(cwd, absolute);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolute;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
