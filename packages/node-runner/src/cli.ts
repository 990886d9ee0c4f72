#!/usr/bin/env node
import { relative, resolve } from 'node:path';
import { CancelToken, ParalabError, toError } from '@paralab/core';
import { HELP, parseCliArgs } from './cli/args.js';
import { progressLine, summaryTable } from './cli/output.js';
import { runNode, workloadCatalog } from './run.js';
import { nodeStrategies } from './strategies/index.js';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help) return print(HELP);
  if (args.version) return print(VERSION);
  if (args.list) return print(await listing(args.modules));
  const interrupt = new CancelToken();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupt.cancelled) process.exit(130);
    process.stderr.write(
      `\n${signal}: stopping after the current sample and writing what was measured (again to quit now)\n`,
    );
    interrupt.cancel(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const begin = performance.now();
  const results = await runNode({
    workloads: args.workloads,
    strategies: args.strategies,
    concurrency: args.concurrency,
    modules: args.modules,
    params: args.params,
    profile: args.profile,
    seed: args.seed,
    out: args.out,
    interrupt,
    onEvent: (event) => {
      const line = progressLine(event);
      if (line) process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(`\n${summaryTable(results)}\n\n`);
  const fromHere = relative(process.cwd(), args.out);
  const where = fromHere && !fromHere.startsWith('..') ? fromHere : resolve(args.out);
  const seconds = ((performance.now() - begin) / 1000).toFixed(1);
  const what = results.complete ? 'wrote' : 'interrupted: wrote partial results to';
  process.stdout.write(`${results.cells.length} cells measured in ${seconds} s; ${what} ${where}\n`);
  return interrupt.cancelled ? 130 : 0;
}

const VERSION = '0.1.0';

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

async function listing(modules: readonly string[]): Promise<string> {
  const catalog = await workloadCatalog(modules);
  const workloads = catalog.map(
    ({ workload }) => `  ${workload.id.padEnd(12)} ${workload.kind.padEnd(6)} ${workload.description}`,
  );
  const strategies = nodeStrategies.map((s) => `  ${s.name.padEnd(12)} ${s.description}`);
  return ['Workloads:', ...workloads, '', 'Strategies:', ...strategies].join('\n');
}

const verbose = process.argv.includes('--verbose');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (thrown: unknown) => {
    const error = toError(thrown);
    const usage = error instanceof ParalabError && error.code !== 'ERR_BUG' && error.code !== 'ERR_WORKER';
    process.stderr.write(`paralab-node: ${verbose ? (error.stack ?? error.message) : error.message}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
