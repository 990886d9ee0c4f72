// The `paralab-node` command line: the host's, run once per Node version asked for.
import { dirname, join } from 'node:path';
import { toError } from '@paralab/core';
import { type CliArgs, parseCliArgs, type RunnerDefinition, runnerCli } from '@paralab/host';
import { nodeRunner } from './definition.js';
import { NODE_VERSIONS_ENV, nodeVersionRunner, parseNodeVersions } from './node-versions.js';

/** One run of the command line: its arguments and its runner. */
export interface NodeCliRun {
  readonly argv: readonly string[];
  readonly definition: RunnerDefinition;
}

/**
 * The runs a `paralab-node` command line asks for. `--node-version 22,24`: Node 22, then Node 24, not the
 * Node running paralab. Without the flag, `$PARALAB_NODE_VERSIONS` (what `pnpm bench` reads): this Node,
 * then each of those. A version's results go to `node-<version>.json` beside `--out` (default `results/`),
 * or to `--out` itself when the flag names a single version. `--help`, `--list`, `--plan` and `--version`
 * are one run. Throws a one-line `ParalabError` on bad input.
 */
export function nodeCliRuns(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  log?: (line: string) => void,
): NodeCliRun[] {
  const args = parseCliArgs(argv, '', nodeRunner.extraOptions);
  if (args.help || args.version || args.list || args.plan) return [{ argv, definition: nodeRunner }];
  const flag = args.extra['node-version'];
  const listed = typeof flag === 'string' ? parseNodeVersions(flag) : undefined;
  const fromEnv = env[NODE_VERSIONS_ENV]?.trim()
    ? parseNodeVersions(env[NODE_VERSIONS_ENV] as string, `$${NODE_VERSIONS_ENV}`)
    : [];
  const versions = listed ?? fromEnv;
  const current = listed ? [] : [{ argv, definition: nodeRunner }];
  return [
    ...current,
    ...versions.map((spec) => ({
      argv: [...argv, '--out', versionOut(args, spec, listed?.length === 1)],
      definition: nodeVersionRunner(spec, log ? { log } : {}),
    })),
  ];
}

/** Where a version's results go: `--out` itself for the one version the flag names, else beside it. */
function versionOut(args: CliArgs, spec: string, only: boolean): string {
  if (only && args.out) return args.out;
  return join(args.out ? dirname(args.out) : 'results', `node-${spec}.json`);
}

/**
 * Runs `paralab-node`: each run of `nodeCliRuns` in turn (one after another, each under the machine-wide
 * lock), and sets `process.exitCode` to the worst: 130 if one was interrupted (the rest are not run), else
 * the highest of 0, 1 and 2 (see the host's `runnerCli`).
 */
export async function nodeCli(argv: readonly string[]): Promise<void> {
  let runs: NodeCliRun[];
  try {
    runs = nodeCliRuns(argv, process.env);
  } catch (thrown) {
    // Bad input, told the way the host's command line tells it.
    process.stderr.write(`${nodeRunner.bin}: ${toError(thrown).message}\n`);
    process.exitCode = 2;
    return;
  }
  let worst = 0;
  for (const run of runs) {
    process.exitCode = 0;
    await runnerCli(run.argv, run.definition);
    const code = Number(process.exitCode ?? 0);
    worst = worst === 130 || code === 130 ? 130 : Math.max(worst, code);
    if (code === 130) break;
  }
  process.exitCode = worst;
}
