import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ParalabError } from '@paralab/core';
import { type LoadedFile, loadResults } from '../shared/load.js';
import { NOISE } from '../shared/ratio.js';
import { writeAtomically } from '../shared/write.js';
import type { CompareArgs } from './args.js';
import { type CompareReport, compareSets, pairTitle, regressionsOver } from './model.js';
import { renderCompareHtml } from './render/html.js';
import { renderCompareJson } from './render/json.js';
import { renderCompareMarkdown } from './render/markdown.js';
import { renderCompareTerminal } from './render/terminal.js';

/** What to compare. */
export interface CompareOptions {
  /** BASE: a results file or a folder of them. */
  base: string;
  /** CURRENT: a results file or a folder of them. */
  current: string;
  /** Base of relative paths; default `process.cwd()`. */
  cwd?: string;
  /** The practical gate as a fraction; default 0.02. */
  noise?: number;
}

/**
 * Loads both sides strictly and compares them (see `compareSets`). Rejects with a `ParalabError` whose
 * message is one line: `ERR_RESULTS_INVALID` naming each bad file and its field, or `ERR_NO_RESULTS` for a
 * missing path or a folder without results files.
 */
export async function runCompare(options: CompareOptions): Promise<CompareReport> {
  const cwd = options.cwd ?? process.cwd();
  const sides: LoadedFile[][] = [];
  const problems: string[] = [];
  let missing = false;
  for (const path of [options.base, options.current]) {
    const outcome = await loadResults([path], cwd);
    problems.push(...outcome.errors.map((error) => error.message));
    missing ||= outcome.errors.some((error) => error.missing);
    if (outcome.errors.length === 0 && outcome.files.length === 0) {
      problems.push(`${path}: no results files (*.json) in this folder`);
      missing = true;
    }
    sides.push(outcome.files);
  }
  if (problems.length > 0) {
    throw new ParalabError(missing ? 'ERR_NO_RESULTS' : 'ERR_RESULTS_INVALID', problems.join('; '));
  }
  return compareSets(sides[0] ?? [], sides[1] ?? [], options.noise ?? NOISE);
}

/** Where the command's output goes (the CLI passes process.stdout and process.stderr). */
export interface CompareIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Terminal width for the table; default 120. */
  columns?: number;
}

function shownPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}

/**
 * `paralab-report compare`: compares, prints the chosen format, writes compare.html with `--out`, and
 * resolves to the exit code: 1 when `--fail-on-regression` is given and a cell is significantly slower by
 * more than that percentage (one line on stderr names them), 0 otherwise. Bad input rejects (exit 2).
 */
export async function compareCommand(args: CompareArgs, io: CompareIo, cwd = process.cwd()): Promise<number> {
  const report = await runCompare({ base: args.base, current: args.current, cwd, noise: args.noise });
  const threshold = args.failOnRegression;
  const regressions = threshold === undefined ? [] : regressionsOver(report, threshold);
  const inputs = { base: args.base, current: args.current };
  let written: string | undefined;
  if (args.out !== undefined) {
    const dir = resolve(cwd, args.out);
    await mkdir(dir, { recursive: true });
    written = join(dir, 'compare.html');
    await writeAtomically(written, renderCompareHtml(report, { ...inputs, failOnRegression: threshold }));
  }
  if (!args.quiet) {
    const options = { ...inputs, failOnRegression: threshold };
    if (args.format === 'json') io.stdout(renderCompareJson(report, options));
    else if (args.format === 'markdown') io.stdout(renderCompareMarkdown(report, options));
    else {
      const shown = written && shownPath(written, cwd);
      io.stdout(renderCompareTerminal(report, { ...options, columns: io.columns ?? 120, written: shown }));
    }
  }
  if (regressions.length === 0) return 0;
  const count = regressions.length;
  const named = regressions.map(({ pair, change }) =>
    report.pairs.length > 1 ? `${change.id} (${pairTitle(pair)})` : change.id,
  );
  io.stderr(
    `paralab-report: ${count} cell${count === 1 ? '' : 's'} significantly slower by more than ${threshold}%: ${named.join(', ')}\n`,
  );
  return 1;
}
