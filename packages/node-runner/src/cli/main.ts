import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { CancelToken, ParalabError, toError } from '@paralab/core';
import { runOn } from '../run.js';
import type { Runtime } from '../runtime.js';
import { workloadCatalog } from '../select.js';
import { formatTargets, performanceTargets } from '../targets.js';
import { helpText, parseCliArgs } from './args.js';
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
}

/**
 * Runs a runner's command line and sets `process.exitCode`: 0 done, 1 failed, 2 bad input, 130 interrupted.
 * Errors are one line (`bin: message`); `--verbose` adds the stack.
 */
export async function runCli(
  argv: readonly string[],
  runtime: Runtime,
  identity: CliIdentity,
): Promise<void> {
  try {
    process.exitCode = await main(argv, runtime, identity);
  } catch (thrown) {
    const error = toError(thrown);
    const usage = error instanceof ParalabError && !['ERR_BUG', 'ERR_WORKER'].includes(error.code);
    const text = argv.includes('--verbose') ? (error.stack ?? error.message) : error.message;
    process.stderr.write(`${identity.bin}: ${text}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}

async function main(argv: readonly string[], runtime: Runtime, identity: CliIdentity): Promise<number> {
  const args = parseCliArgs(argv, identity.out);
  if (args.help) return print(helpText(identity.bin, identity.title, identity.out));
  if (args.version) return print(identity.version);
  if (args.list) return print(await listing(runtime, args.modules));
  if (args.plan) return print(planListing(runtime));
  const interrupt = interruptOnSignals();
  const begin = performance.now();
  const results = await runOn(runtime, {
    ...args,
    interrupt,
    onEvent: (event) => {
      const line = progressLine(event);
      if (line) process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(`\n${summaryTable(results)}\n\n`);
  process.stdout.write(
    `Performance targets (ratios measured in this run):\n${formatTargets(performanceTargets(results))}\n\n`,
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

function planListing(runtime: Runtime): string {
  const lines = runtime.plan(availableParallelism()).map((entry) => {
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

async function listing(runtime: Runtime, modules: readonly string[]): Promise<string> {
  const catalog = await workloadCatalog(modules);
  const workloads = catalog.map(
    ({ workload }) => `  ${workload.id.padEnd(16)} ${workload.kind.padEnd(6)} ${workload.description}`,
  );
  const strategies = runtime.strategies.map((s) => `  ${s.name.padEnd(16)} ${s.description}`);
  return ['Workloads:', ...workloads, '', 'Strategies:', ...strategies].join('\n');
}
