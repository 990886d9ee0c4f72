import { parseArgs } from 'node:util';
import { ParalabError, toError } from '@paralab/core';

/** The parsed command line of `paralab-report`. */
export interface CliArgs {
  help: boolean;
  version: boolean;
  strict: boolean;
  quiet: boolean;
  /** Print every workload's decision and each claim's answer after the one-screen summary. */
  details: boolean;
  verbose: boolean;
  /** Files and folders; empty means `results`. */
  inputs: string[];
  out: string;
}

/** The `--help` text. */
export const HELP = `Usage: paralab-report [FILES or FOLDERS ...] [options]
       paralab-report compare BASE CURRENT [options]   (see paralab-report compare --help)

Reads paralab results files (every *.json directly inside each folder; default: results), validates each,
groups them by machine and runtime, and writes report.html (one self-contained page that opens offline)
and report.md (GitHub-flavoured, for a CI step summary or a pull-request comment), then prints a summary
that fits one screen: what to use per runtime and kind of work, and the claims' verdicts.

Options:
  -o, --out <dir>   folder for report.html and report.md (default: results; created if missing)
      --strict      a malformed or foreign file is fatal (exit 2) instead of being skipped
  -q, --quiet       no terminal summary (errors still go to stderr)
      --details     after the one-screen summary, every workload's decision and each claim's answer
      --verbose     show stack traces on errors
  -h, --help        show this help
  -v, --version     print the version

A bad file gets one line on stderr naming the file and the field; the other files are still reported.
Exit codes: 0 report written, 1 a bug in paralab, 2 bad flags, no valid results file, or a bad file with --strict.
Example: paralab-report results ~/ci-results/node.json --out /tmp/report

compare BASE CURRENT: baseline against now, or runtime against runtime, with statistics, for CI: per cell
the ratio of medians with a bootstrap 95% CI, Mann-Whitney U with Holm-Bonferroni and a noise gate;
--fail-on-regression PCT exits 1 on a significant regression over PCT. To report on a file or folder named
"compare", write ./compare.`;

/** Parses argv; throws `ParalabError` (`ERR_OPTION`) with a one-line message on bad input. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (thrown) {
    throw new ParalabError('ERR_OPTION', `${toError(thrown).message} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.out === '') throw new ParalabError('ERR_OPTION', '--out needs a folder (see --help)');
  return {
    help: values.help === true,
    version: values.version === true,
    strict: values.strict === true,
    quiet: values.quiet === true,
    details: values.details === true,
    verbose: values.verbose === true,
    inputs: positionals,
    out: values.out ?? 'results',
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o' },
      strict: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      details: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
