// The command line every runner shares: parse, plan, run under the host, print progress, the summary and
// the targets, and set the exit code. A runner brings only its `RunnerDefinition`.
import { relative, resolve } from 'node:path';
import { CancelToken, ParalabError, type Results, toError } from '@paralab/core';
import { planRun, type RunEvent, runWithHost } from '../run.js';
import type { RunnerDefinition } from '../runner.js';
import { formatTargets } from '../targets/judge.js';
import { type CliArgs, helpText, parseCliArgs } from './args.js';
import { listing, planListing } from './listing.js';
import { adviceLines, progressLine, summaryTable } from './output.js';

/** Error codes that mean the measurement failed (exit 1), not that the input was bad (exit 2). */
const FAILURES: readonly string[] = [
  'ERR_BUG',
  'ERR_WORKER',
  'ERR_PAGE',
  'ERR_TIMEOUT',
  'ERR_SIDE',
  'ERR_SIDE_LOST',
];

/**
 * Runs a runner's command line and sets `process.exitCode`: 0 every cell ok or unsupported here, 1 a cell
 * errored or was invalid (results still written) or the run failed, 2 bad input, 130 interrupted (also
 * while waiting for the machine-wide lock). Errors
 * are one line (`bin: message`); `--verbose` adds the stack.
 */
export async function runnerCli(argv: readonly string[], runner: RunnerDefinition): Promise<void> {
  // A closed pipe (`| head`) must not crash a run: the rest of the output is dropped, the results written.
  // Once per process: a runner's CLI may run several times in one (one run per Node version).
  if (!process.stdout.listeners('error').includes(ignoreClosedPipe))
    process.stdout.on('error', ignoreClosedPipe);
  try {
    process.exitCode = await main(argv, runner);
  } catch (thrown) {
    const error = toError(thrown);
    const usage = error instanceof ParalabError && !FAILURES.includes(error.code);
    const text = argv.includes('--verbose') ? (error.stack ?? error.message) : error.message;
    process.stderr.write(`${runner.bin}: ${text}\n`);
    const interrupted = error instanceof ParalabError && error.code === 'ERR_INTERRUPTED';
    process.exitCode = interrupted ? 130 : usage ? 2 : 1;
  }
}

function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
}

async function main(argv: readonly string[], runner: RunnerDefinition): Promise<number> {
  const defaultOut = `results/${runner.runtime}.json`;
  const args = parseCliArgs(argv, defaultOut, runner.extraOptions ?? []);
  if (args.help)
    return print(helpText(runner.bin, runner.title, defaultOut, runner.extraOptions, runner.example));
  if (args.version) return print(runner.version);
  if (args.list) return print(await listing(runner, args.modules));
  if (args.plan) return print(planListing(await planRun(runner, options(args))));
  const signals = interruptOnSignals();
  try {
    return await measureAndReport(args, runner, signals.interrupt);
  } finally {
    signals.dispose();
  }
}

/** The run itself, its tables and advice, and the exit code. */
async function measureAndReport(
  args: CliArgs,
  runner: RunnerDefinition,
  interrupt: CancelToken,
): Promise<number> {
  const begin = performance.now();
  const results = await runWithHost(runner, {
    ...options(args),
    out: args.out,
    interrupt,
    onEvent: (event: RunEvent) => {
      const line = progressLine(event);
      if (line) process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(`\n${summaryTable(results)}\n\n`);
  const ownWork = args.modules.length > 0 || args.strategies !== undefined;
  const own = new Set(
    results.cells.flatMap((cell) =>
      cell.module !== undefined && !runner.builtinModules.includes(cell.module) ? [cell.workload] : [],
    ),
  );
  const advice = own.size > 0 ? adviceLines(results, (workload) => own.has(workload)) : [];
  if (advice.length > 0)
    process.stdout.write(
      `Is a worker worth it? (the cost model, from this run's floors)\n${advice.join('\n')}\n\n`,
    );
  // The built-in targets, when this run measured any of them (not for the user's own work).
  const targets = runner.targets && !ownWork ? runner.targets(results) : [];
  if (targets.some((target) => target.status !== 'not-measured'))
    process.stdout.write(`Performance targets (ratios measured in this run):\n${formatTargets(targets)}\n\n`);
  const seconds = ((performance.now() - begin) / 1000).toFixed(1);
  const what = results.complete ? 'wrote' : 'interrupted: wrote partial results to';
  process.stdout.write(
    `${results.cells.length} cells measured in ${seconds} s; ${what} ${shown(args.out)}\n`,
  );
  if (interrupt.cancelled) return 130;
  return failures(results);
}

function options(args: CliArgs) {
  return {
    workloads: args.workloads,
    strategies: args.strategies,
    concurrency: args.concurrency,
    modules: args.modules,
    params: args.params,
    profile: args.profile,
    seed: args.seed,
    calibration: args.calibration,
    heapLimitMb: args.heapLimitMb,
    extra: args.extra,
  };
}

/** 1 with a one-line count on stderr when a cell errored or gave a wrong answer, else 0. */
function failures(results: Results): number {
  const failed = results.cells.filter((cell) => cell.status === 'errored' || cell.status === 'invalid');
  if (failed.length === 0) return 0;
  const invalid = failed.filter((cell) => cell.status === 'invalid').length;
  const parts = [
    `${failed.length - invalid} errored`,
    ...(invalid > 0 ? [`${invalid} invalid (wrong output)`] : []),
  ];
  process.stderr.write(
    `${parts.join(', ')} of ${results.cells.length} cells: see the notes above (exit code 1)\n`,
  );
  return 1;
}

function shown(out: string): string {
  const fromHere = relative(process.cwd(), out);
  return fromHere && !fromHere.startsWith('..') ? fromHere : resolve(out);
}

/**
 * Ctrl-C or SIGTERM: the measuring side is stopped at once and what was measured is written. `dispose`
 * removes the handlers when the run ends, so that a later run in the same process is the only one told.
 */
function interruptOnSignals(): { interrupt: CancelToken; dispose: () => void } {
  const interrupt = new CancelToken();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupt.cancelled) process.exit(130);
    process.stderr.write(
      `\n${signal}: stopping the measurement and writing what was measured (again to quit now)\n`,
    );
    interrupt.cancel(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  return { interrupt, dispose: () => process.off('SIGINT', onSignal).off('SIGTERM', onSignal) };
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}
