import { parseArgs } from 'node:util';
import { ParalabError, profileNames } from '@paralab/core';

/** An option a runner adds to the shared command line (`--browser <path>`). */
export interface CliOption {
  /** Long name, without the dashes. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** How the value is shown in `--help` (`<path>`); string options only. */
  readonly value?: string;
  /** One line for `--help`. */
  readonly help: string;
}

/** The parsed command line of `paralab-node` (and of the runners built on it). */
export interface CliArgs {
  help: boolean;
  version: boolean;
  list: boolean;
  plan: boolean;
  calibration?: boolean;
  verbose: boolean;
  workloads?: string[];
  strategies?: string[];
  concurrency?: number[];
  modules: string[];
  params: Record<string, Record<string, string>>;
  profile?: string;
  seed?: number;
  heapLimitMb?: number;
  out: string;
  /** Values of the runner's own options (`CliOption`), by name. */
  extra: Record<string, string | boolean | undefined>;
}

/** The `--help` lines of a runner's own options. */
const extraHelp = (options: readonly CliOption[]): string =>
  options
    .map((option) => {
      const flag = `      --${option.name}${option.type === 'string' ? ` ${option.value ?? '<value>'}` : ''}`;
      return `\n${flag.padEnd(29)}${option.help}`;
    })
    .join('');

/** The `--help` text of a runner's CLI. */
export const helpText = (
  bin: string,
  runtime: string,
  out: string,
  extra: readonly CliOption[] = [],
  example = `${bin} -w primes,http -s sequential,piscina -c 1,2 --profile quick`,
): string => `Usage: ${bin} [options]

Measures which concurrency strategy runs each workload fastest on ${runtime}, and writes a results file.

Options:
  -w, --workloads <ids>      comma-separated workload ids (default: the plan's, or all of --module)
  -s, --strategies <names>   comma-separated strategies; given, every workload runs under each of them
                             (default: the plan's choice per workload; see --list and --plan)
  -c, --concurrency <list>   comma-separated levels, e.g. 1,2,4 (default: the plan's, or cores for CPU
                             work and 10 for I/O)
  -m, --module <path>        a module exporting your own workloads (.js or .ts); repeatable
  -p, --param <w.name=value> set a workload parameter, e.g. primes.list=seeds; repeatable
      --profile <name>       ${profileNames.join(' | ')} (default: $PARALAB_PROFILE or default)
      --seed <n>             seed of the interleaving order and generated inputs (default 1)
      --heap-limit <MB>      heap limit of the measuring process and of each worker or child (default
                             $PARALAB_HEAP_LIMIT_MB or 4096): a task over it ends as "out of memory"
  -o, --out <file>           results file (default: ${out})
      --skip-calibration     do not measure the calibration floors first
      --list                 list workloads and strategies, then exit
      --plan                 show what a run with these options would measure, and why, then exit
      --verbose              show stack traces on errors${extraHelp(extra)}
  -h, --help                 show this help
  -v, --version              print the version

Exit codes: 0 every cell ok (or unsupported here), 1 a cell errored or gave a wrong answer (the results are
written all the same), 2 bad input, 130 interrupted (partial results written).
Example: ${example}`;

/** Parses argv; throws `ParalabError` (`ERR_OPTION`) with a one-line message on bad input. */
export function parseCliArgs(
  argv: readonly string[],
  defaultOut = 'results/node.json',
  extra: readonly CliOption[] = [],
): CliArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv, extra).values;
  } catch (thrown) {
    throw new ParalabError('ERR_OPTION', `${(thrown as Error).message} (see --help)`);
  }
  return {
    help: values.help === true,
    version: values.version === true,
    list: values.list === true,
    plan: values.plan === true,
    calibration: values['skip-calibration'] === true ? false : undefined,
    verbose: values.verbose === true,
    workloads: list(values.workloads),
    strategies: list(values.strategies),
    concurrency: list(values.concurrency)?.map(positiveInteger('--concurrency')),
    modules: values.module ?? [],
    params: paramOverrides(values.param ?? []),
    profile: values.profile,
    seed: values.seed === undefined ? undefined : integer('--seed')(values.seed),
    heapLimitMb:
      values['heap-limit'] === undefined ? undefined : positiveInteger('--heap-limit')(values['heap-limit']),
    out: values.out ?? defaultOut,
    extra: Object.fromEntries(
      extra.map((option) => [
        option.name,
        (values as Record<string, string | boolean | undefined>)[option.name],
      ]),
    ),
  };
}

function parse(argv: readonly string[], extra: readonly CliOption[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      ...Object.fromEntries(extra.map((option) => [option.name, { type: option.type }])),
      workloads: { type: 'string', short: 'w' },
      strategies: { type: 'string', short: 's' },
      concurrency: { type: 'string', short: 'c' },
      module: { type: 'string', short: 'm', multiple: true },
      param: { type: 'string', short: 'p', multiple: true },
      profile: { type: 'string' },
      seed: { type: 'string' },
      'heap-limit': { type: 'string' },
      out: { type: 'string', short: 'o' },
      list: { type: 'boolean' },
      plan: { type: 'boolean' },
      'skip-calibration': { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0)
    throw new ParalabError('ERR_OPTION', `expected a comma-separated list, got "${value}"`);
  return items;
}

const integer =
  (flag: string) =>
  (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value))
      throw new ParalabError('ERR_OPTION', `${flag} must be an integer, got "${text}"`);
    return value;
  };

const positiveInteger =
  (flag: string) =>
  (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > 100_000) {
      throw new ParalabError('ERR_OPTION', `${flag} must hold integers from 1 to 100000, got "${text}"`);
    }
    return value;
  };

function paramOverrides(entries: readonly string[]): Record<string, Record<string, string>> {
  const params: Record<string, Record<string, string>> = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)\.([A-Za-z0-9_]+)=(.*)$/.exec(entry);
    if (!match)
      throw new ParalabError('ERR_OPTION', `--param must look like workload.name=value, got "${entry}"`);
    const [, workload = '', name = '', value = ''] = match;
    params[workload] = { ...params[workload], [name]: value };
  }
  return params;
}
