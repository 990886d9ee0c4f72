import { parseArgs } from 'node:util';
import { ParalabError, toError } from '@paralab/core';

/** How `paralab-report compare` prints its result. */
export type CompareFormat = 'terminal' | 'markdown' | 'json';

/** The parsed command line of `paralab-report compare`. */
export interface CompareArgs {
  help: boolean;
  quiet: boolean;
  verbose: boolean;
  base: string;
  current: string;
  format: CompareFormat;
  /** The practical gate as a fraction: `--noise 2` is 0.02. */
  noise: number;
  /** `--fail-on-regression` in percent, when given. */
  failOnRegression?: number;
  /** Folder for compare.html, when given. */
  out?: string;
}

/** The `compare --help` text. */
export const COMPARE_HELP = `Usage: paralab-report compare BASE CURRENT [options]

Compares two sets of paralab results, each a results file or a folder of them (every *.json directly
inside): a baseline against now, or one runtime against another (paralab-report compare node.json bun.json).
One file on each side: those two are compared. Folders: runtime by runtime, each file paired with the file
of the same runtime from the same machine when there is one; each pair is reported separately. Cells are
matched by id, workload(params)/strategy@concurrency; cells on one side only are listed, never dropped.

Same machine (same fingerprint): per cell, ratio = median(current) / median(base), above 1 is slower, with a
bootstrap 95% CI; a two-sided Mann-Whitney U test, Holm-Bonferroni across all compared cells; a change is
real only when the adjusted p < 0.05 and the CI lies outside ±noise. Anything else prints "~".
Different machines: only dimensionless figures are compared (speedup over sequential with its CI,
efficiency, overhead over floor); raw times are never compared across machines, and the output says so.
Summary: the geometric mean of the ratios per workload kind, with a warning when the sets cover different
cells.

Options:
      --noise <pct>                 the practical gate, in percent (default 2; more on noisy CI machines)
      --fail-on-regression <pct>    exit 1 when a cell is significantly slower by more than pct percent
                                    (across machines: its speedup fell by more than that factor)
      --markdown                    print GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY or a PR comment)
      --json                        print JSON (per cell: id, runtime, base, current, ratio, ci, p, pAdjusted,
                                    verdict; plus a summary and the warnings)
  -o, --out <dir>                   also write <dir>/compare.html, one self-contained page (created if missing)
  -q, --quiet                       print nothing on stdout (the exit code and stderr still tell)
      --verbose                     show stack traces on errors
  -h, --help                        show this help

Every file is validated against the results schema; one bad file is fatal here.
Exit codes: 0 no significant regression over --fail-on-regression (always 0 without it);
            1 a significant regression over --fail-on-regression (or, with a message, a bug in paralab);
            2 bad input: a malformed or foreign file (one line naming the file and the field), a missing
              path, a folder without results files, or bad flags.
Example (CI): paralab-report compare baseline/ results/ --fail-on-regression 10 --markdown >> "$GITHUB_STEP_SUMMARY"`;

function option(message: string): ParalabError {
  return new ParalabError('ERR_OPTION', `${message} (see paralab-report compare --help)`);
}

/** `10`, `10%` or `2.5` as a number of percent; throws on anything else. */
function percentage(
  name: string,
  text: string | undefined,
  max = Number.POSITIVE_INFINITY,
): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\s*\d+(\.\d+)?\s*%?\s*$/.test(text) ? Number.parseFloat(text) : Number.NaN;
  if (!(Number.isFinite(value) && value >= 0 && value < max)) {
    const range = Number.isFinite(max) ? ` below ${max}` : '';
    throw option(`--${name} must be a percentage, a number from 0${range}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Parses the arguments after `compare`; throws `ParalabError` (`ERR_OPTION`) with a one-line message. */
export function parseCompareArgs(argv: readonly string[]): CompareArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (thrown) {
    throw option(toError(thrown).message);
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  if (!help && positionals.length !== 2) {
    throw option(`compare needs two paths, BASE and CURRENT, got ${positionals.length}`);
  }
  if (values.markdown && values.json) throw option('--markdown and --json cannot be combined');
  if (values.out === '') throw option('--out needs a folder');
  const noise = percentage('noise', values.noise, 100) ?? 2;
  const failOnRegression = percentage('fail-on-regression', values['fail-on-regression']);
  return {
    help,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    base: positionals[0] ?? '',
    current: positionals[1] ?? '',
    format: values.markdown ? 'markdown' : values.json ? 'json' : 'terminal',
    noise: noise / 100,
    ...(failOnRegression !== undefined ? { failOnRegression } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      noise: { type: 'string' },
      'fail-on-regression': { type: 'string' },
      markdown: { type: 'boolean' },
      json: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
