import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { CancelToken, ParalabError, type Results, toError } from '@paralab/core';
import type { PlanEntry } from '../plan.js';
import { type NodeRunEvent, type NodeRunOptions, runOn } from '../run.js';
import type { Runtime } from '../runtime.js';
import { type ModuleLoader, workloadCatalog } from '../select.js';
import { formatTargets, performanceTargets, type TargetReport } from '../targets.js';
import { type CliOption, helpText, parseCliArgs } from './args.js';
import { progressLine, summaryTable } from './output.js';

/** How a runner's CLI presents itself. */
export interface CliIdentity {
  /** Command name, for help and error lines (`paralab-node`). */
  readonly bin: string;
  /** Human name of the runtime (`Node`, `Bun`). */
  readonly title: string;
  /** Default results file (`results/node.json`). */
  readonly out: string;
  readonly version: string;
  /** The runner's own options, parsed beside the shared ones and handed to `CliRunner.run` as `extra`. */
  readonly extraOptions?: readonly CliOption[];
}

/** What the shared command line hands a runner to run: the parsed options, an interrupt, a progress sink. */
export interface CliRunOptions<E> extends Omit<NodeRunOptions, 'onEvent' | 'strategies' | 'interrupt'> {
  strategies?: string[];
  /** Values of the runner's own options (`CliIdentity.extraOptions`), by name. */
  extra: Record<string, string | boolean | undefined>;
  interrupt: CancelToken;
  onEvent: (event: E) => void;
}

/**
 * A runner behind the shared command line: what `--list` and `--plan` show, how a run goes, and how its
 * performance targets are judged. The Node and Bun runners are `Runtime`s (see `runtimeRunner`); the
 * browser runner, which measures in a page, is one of these directly.
 */
export interface CliRunner<E extends { readonly type: string } = NodeRunEvent> {
  readonly strategies: readonly { readonly name: string; readonly description: string }[];
  readonly plan: (cores: number) => PlanEntry[];
  /** The built-in workload modules `--list` shows (default: node-runner's), and how to import them. */
  readonly builtinModules?: readonly string[];
  readonly loadModule?: ModuleLoader;
  /** The `Example:` line of `--help`. */
  readonly example?: string;
  run(options: CliRunOptions<E>): Promise<Results>;
  targets(results: Results): TargetReport[];
  /** A progress line for the runner's own events; node-runner's lines cover the measurement loop's. */
  progressLine?(event: E): string | undefined;
}

/** A runtime that runs in this process (Node, Bun) as a `CliRunner`. */
export function runtimeRunner(runtime: Runtime): CliRunner {
  return {
    strategies: runtime.strategies,
    plan: runtime.plan,
    run: ({ extra: _extra, ...options }) => runOn(runtime, options),
    targets: performanceTargets,
  };
}

/** Runs the command line of a runtime that runs in this process; see `runnerCli`. */
export function runCli(argv: readonly string[], runtime: Runtime, identity: CliIdentity): Promise<void> {
  return runnerCli(argv, runtimeRunner(runtime), identity);
}

/** Error codes that mean the measurement failed (exit 1), not that the input was bad (exit 2). */
const FAILURES: readonly string[] = ['ERR_BUG', 'ERR_WORKER', 'ERR_PAGE', 'ERR_TIMEOUT'];

/**
 * Runs a runner's command line and sets `process.exitCode`: 0 done, 1 failed, 2 bad input, 130 interrupted.
 * Errors are one line (`bin: message`); `--verbose` adds the stack.
 */
export async function runnerCli<E extends { readonly type: string }>(
  argv: readonly string[],
  runner: CliRunner<E>,
  identity: CliIdentity,
): Promise<void> {
  // A closed pipe (`| head`) must not crash a run: the rest of the output is dropped, the results written.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
  try {
    process.exitCode = await main(argv, runner, identity);
  } catch (thrown) {
    const error = toError(thrown);
    const usage = error instanceof ParalabError && !FAILURES.includes(error.code);
    const text = argv.includes('--verbose') ? (error.stack ?? error.message) : error.message;
    process.stderr.write(`${identity.bin}: ${text}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}

async function main<E extends { readonly type: string }>(
  argv: readonly string[],
  runner: CliRunner<E>,
  identity: CliIdentity,
): Promise<number> {
  const extraOptions = identity.extraOptions ?? [];
  const args = parseCliArgs(argv, identity.out, extraOptions);
  if (args.help)
    return print(helpText(identity.bin, identity.title, identity.out, extraOptions, runner.example));
  if (args.version) return print(identity.version);
  if (args.list) return print(await listing(runner, args.modules));
  if (args.plan) return print(planListing(runner));
  const interrupt = interruptOnSignals();
  const begin = performance.now();
  const results = await runner.run({
    ...args,
    interrupt,
    onEvent: (event) => {
      const line = runner.progressLine?.(event) ?? progressLine(event as unknown as NodeRunEvent);
      if (line) process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(`\n${summaryTable(results)}\n\n`);
  process.stdout.write(
    `Performance targets (ratios measured in this run):\n${formatTargets(runner.targets(results))}\n\n`,
  );
  const fromHere = relative(process.cwd(), args.out);
  const where = fromHere && !fromHere.startsWith('..') ? fromHere : resolve(args.out);
  const seconds = ((performance.now() - begin) / 1000).toFixed(1);
  const what = results.complete ? 'wrote' : 'interrupted: wrote partial results to';
  process.stdout.write(`${results.cells.length} cells measured in ${seconds} s; ${what} ${where}\n`);
  return interrupt.cancelled ? 130 : 0;
}

/** Ctrl-C or SIGTERM: finish the current sample and write what was measured; a second one quits at once. */
function interruptOnSignals(): CancelToken {
  const interrupt = new CancelToken();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupt.cancelled) process.exit(130);
    process.stderr.write(
      `\n${signal}: stopping after the current sample and writing what was measured (again to quit now)\n`,
    );
    interrupt.cancel(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  return interrupt;
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

function planListing(runner: CliRunner<never>): string {
  const lines = runner.plan(availableParallelism()).map((entry) => {
    const params = Object.entries(entry.params ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const what = `${entry.workload}${params ? `(${params})` : ''}`;
    return `  ${what.padEnd(30)} ${entry.strategies.join(',')} @ ${entry.concurrency.join(',')}\n      ${entry.why}`;
  });
  const intro =
    'The default plan (narrow it with --workloads and --concurrency; --strategies crosses instead):';
  return [intro, ...lines].join('\n');
}

async function listing(runner: CliRunner<never>, modules: readonly string[]): Promise<string> {
  const catalog = await workloadCatalog(modules, undefined, runner.builtinModules, runner.loadModule);
  const workloads = catalog.map(
    ({ workload }) => `  ${workload.id.padEnd(16)} ${workload.kind.padEnd(6)} ${workload.description}`,
  );
  const strategies = runner.strategies.map((s) => `  ${s.name.padEnd(16)} ${s.description}`);
  return ['Workloads:', ...workloads, '', 'Strategies:', ...strategies].join('\n');
}
