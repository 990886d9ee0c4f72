#!/usr/bin/env node
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { ParalabError, toError } from '@paralab/core';
import { COMPARE_HELP, parseCompareArgs } from './compare/args.js';
import { HELP, parseCliArgs } from './report/args.js';

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith('..') ? fromHere : path;
}

async function compare(argv: readonly string[]): Promise<number> {
  const args = parseCompareArgs(argv);
  if (args.help) {
    process.stdout.write(`${COMPARE_HELP}\n`);
    return 0;
  }
  // Imported on demand: the report's renderers (Observable Plot, linkedom) are not needed to compare.
  const { compareCommand } = await import('./compare/command.js');
  return compareCommand(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    columns: process.stdout.columns || 120,
  });
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'compare') return compare(argv.slice(1));
  const args = parseCliArgs(argv);
  if (args.help || args.version) {
    process.stdout.write(`${args.help ? HELP : VERSION}\n`);
    return 0;
  }
  const [{ runReport }, { renderTerminal }] = await Promise.all([
    import('./report/run.js'),
    import('./report/render/terminal.js'),
  ]);
  const result = await runReport({
    inputs: args.inputs,
    out: args.out,
    strict: args.strict,
    onError: (error) => process.stderr.write(`paralab-report: ${error.message}\n`),
  });
  if (!args.quiet) {
    const written = [shown(result.htmlPath), shown(result.markdownPath)];
    const width = process.stdout.columns || 80;
    process.stdout.write(`\n${renderTerminal(result.report, written, { width, details: args.details })}`);
  }
  return 0;
}

const verbose = process.argv.includes('--verbose');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (thrown: unknown) => {
    const error = toError(thrown);
    const usage = error instanceof ParalabError && error.code !== 'ERR_BUG';
    process.stderr.write(`paralab-report: ${verbose ? (error.stack ?? error.message) : error.message}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
