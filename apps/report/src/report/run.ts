import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ParalabError } from '@paralab/core';
import { type LoadError, type LoadOutcome, loadResults } from '../shared/load.js';
import { writeAtomically } from '../shared/write.js';
import { buildReport, type Report } from './build.js';
import { renderHtml } from './render/html/page.js';
import { renderMarkdown } from './render/markdown.js';

/** What to report on and where to write it. */
export interface ReportOptions {
  /** Results files and folders (every `*.json` directly inside); default `['results']`. */
  inputs?: readonly string[];
  /** Folder for report.html and report.md; default `results`. Created when missing. */
  out?: string;
  /** Base of relative paths; default `process.cwd()`. */
  cwd?: string;
  /** Reject when any file is malformed or foreign, instead of skipping it. */
  strict?: boolean;
  /** Called once per file that could not be read, before anything is written. */
  onError?: (error: LoadError) => void;
  /** The report's date (tests pin it); default now. */
  now?: Date;
}

/** A written report: the model, the files' outcome, and where each rendering went. */
export interface ReportResult {
  report: Report;
  outcome: LoadOutcome;
  html: string;
  markdown: string;
  /** Absolute paths of report.html and report.md. */
  htmlPath: string;
  markdownPath: string;
}

/**
 * Loads and validates the results files, builds the report and writes `report.html` and `report.md`.
 * Rejects with `ParalabError` `ERR_NO_RESULTS` when no valid file is found, and `ERR_RESULTS_INVALID`
 * (after `onError` for each) when `strict` is set and a file is bad.
 */
export async function runReport(options: ReportOptions = {}): Promise<ReportResult> {
  const cwd = options.cwd ?? process.cwd();
  const inputs = options.inputs && options.inputs.length > 0 ? options.inputs : ['results'];
  const outcome = await loadResults(inputs, cwd);
  if (outcome.files.length === 0 && outcome.errors.every((error) => error.missing)) {
    const where = outcome.errors.length > 0 ? ' (no such file or folder)' : '';
    throw new ParalabError(
      'ERR_NO_RESULTS',
      `no results files in ${inputs.join(', ')}${where}: run \`pnpm bench\` first, or name files or folders`,
    );
  }
  for (const error of outcome.errors) options.onError?.(error);
  if (options.strict && outcome.errors.length > 0) {
    const count = outcome.errors.length;
    throw new ParalabError(
      'ERR_RESULTS_INVALID',
      `${count} bad results file${count === 1 ? '' : 's'} and --strict: nothing written`,
    );
  }
  if (outcome.files.length === 0) {
    throw new ParalabError(
      'ERR_NO_RESULTS',
      `no valid results files in ${inputs.join(', ')}: every file was bad`,
    );
  }
  const report = buildReport(outcome, options.now);
  const html = renderHtml(report);
  const markdown = renderMarkdown(report);
  const outDir = resolve(cwd, options.out ?? 'results');
  await mkdir(outDir, { recursive: true });
  const htmlPath = join(outDir, 'report.html');
  const markdownPath = join(outDir, 'report.md');
  await writeAtomically(htmlPath, html);
  await writeAtomically(markdownPath, markdown);
  return { report, outcome, html, markdown, htmlPath, markdownPath };
}
