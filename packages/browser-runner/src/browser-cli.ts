// paralab-browser: the host's command line, once per chosen browser. `--browser chromium,firefox` (or
// `$PARALAB_BROWSERS`) measures each engine in turn, each writing its own results file (by default
// `results/<engine>.json`; an `--out` with several engines must contain `{browser}`).
import { ParalabError, toError } from '@paralab/core';
import { type RunnerDefinition, runnerCli } from '@paralab/host';
import { type BrowserChoice, chooseBrowsers, executableOption, FINDERS } from './browsers.js';
import { chromiumRunner, firefoxRunner } from './definition.js';
import type { BrowserEngine } from './protocol.js';

const BIN = 'paralab-browser';

/** The runner of each engine. */
export const BROWSER_RUNNERS: Readonly<Record<BrowserEngine, RunnerDefinition>> = {
  chromium: chromiumRunner,
  firefox: firefoxRunner,
};

/** What `--out` may contain to name one file per engine. */
export const BROWSER_PLACEHOLDER = '{browser}';

/** Options that print something and exit: they run once, for the first engine, and need no browser. */
const ONCE = ['--help', '-h', '--version', '-v', '--list', '--plan'];

/**
 * Runs `paralab-browser` with `argv` and resolves with the exit code: the host's codes (0 ok, 1 a cell
 * errored, 2 bad input, 130 interrupted), the worst of the engines'; bad input or an interrupt stops
 * before the next engine. Every chosen browser is found before the first is measured: a missing one is
 * one line that says how to get it (exit 2), never a wait.
 */
export async function browserCli(argv: readonly string[]): Promise<number> {
  let choice: BrowserChoice;
  let out: string | undefined;
  try {
    choice = chooseBrowsers(optionValue(argv, '--browser'));
    out = optionValue(argv, '--out', '-o');
  } catch (thrown) {
    return fail(thrown, 2);
  }
  const [first] = choice.engines;
  if (argv.includes('--ensure-browser')) return ensureBrowsers(choice);
  if (first === undefined || argv.some((arg) => ONCE.includes(arg)))
    return runOnce(argv, first ?? 'chromium');
  for (const line of choice.skipped) process.stdout.write(`${BIN}: ${line}\n`);
  try {
    checkOut(out, choice.engines);
    for (const engine of choice.engines)
      FINDERS[engine].find(executableOption(optionValue(argv, '--browser')));
  } catch (thrown) {
    return fail(thrown, 2);
  }
  let worst = 0;
  for (const [index, engine] of choice.engines.entries()) {
    if (choice.engines.length > 1)
      process.stdout.write(
        `${index > 0 ? '\n' : ''}== ${engine} (${index + 1} of ${choice.engines.length}) ==\n`,
      );
    const code = await runOnce(withOut(argv, out, engine), engine);
    if (code === 2 || code === 130) return code;
    worst = Math.max(worst, code);
  }
  return worst;
}

/** One engine's run through the host's command line; its signal handlers are removed afterwards. */
async function runOnce(argv: readonly string[], engine: BrowserEngine): Promise<number> {
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  process.exitCode = 0;
  try {
    await runnerCli(argv, BROWSER_RUNNERS[engine]);
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      for (const listener of process.listeners(signal))
        if (!before.has(listener)) process.off(signal, listener);
  }
  return Number(process.exitCode ?? 0);
}

/** `--ensure-browser`: finds (or installs) each chosen browser, printing where it is; the exit code. */
async function ensureBrowsers(choice: BrowserChoice): Promise<number> {
  try {
    for (const engine of choice.engines) {
      const path = await FINDERS[engine].ensure((line) => process.stdout.write(`${BIN}: ${line}\n`));
      process.stdout.write(`${BIN}: using ${path}\n`);
    }
    for (const line of choice.skipped) process.stdout.write(`${BIN}: ${line}\n`);
    return 0;
  } catch (thrown) {
    return fail(thrown, 1);
  }
}

/** Several engines write several files: an `--out` must then say where each goes. */
function checkOut(out: string | undefined, engines: readonly BrowserEngine[]): void {
  if (out === undefined || engines.length < 2 || out.includes(BROWSER_PLACEHOLDER)) return;
  throw new ParalabError(
    'ERR_OPTION',
    `--out ${out} names one file, but ${engines.join(' and ')} write one each: put ${BROWSER_PLACEHOLDER} in it (results/${BROWSER_PLACEHOLDER}.json), or leave --out out for results/<browser>.json`,
  );
}

/** `argv` with `{browser}` in the `--out` value replaced by `engine`. */
function withOut(argv: readonly string[], out: string | undefined, engine: string): string[] {
  if (out === undefined || !out.includes(BROWSER_PLACEHOLDER)) return [...argv];
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--out' || arg === '-o') i++;
    else if (!arg.startsWith('--out=') && !isInlineShort(arg, '-o')) kept.push(arg);
  }
  return [...kept, '--out', out.replaceAll(BROWSER_PLACEHOLDER, engine)];
}

/** `-xvalue`: the short option `short` with its value in the same argument. */
function isInlineShort(arg: string, short: string): boolean {
  return arg.startsWith(short) && !arg.startsWith('--') && arg.length > short.length;
}

/**
 * The value of the last `--name value` / `--name=value` (or `-x value`, `-xvalue`) in `argv`; undefined
 * when absent or when the option is last without a value (the host's parser says so).
 */
export function optionValue(argv: readonly string[], long: string, short?: string): string | undefined {
  let found: string | undefined;
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') break;
    if (arg === long || arg === short) found = argv[i + 1] ?? found;
    else if (arg.startsWith(`${long}=`)) found = arg.slice(long.length + 1);
    else if (short && isInlineShort(arg, short)) found = arg.slice(short.length);
  }
  return found;
}

function fail(thrown: unknown, code: number): number {
  process.stderr.write(`${BIN}: ${toError(thrown).message}\n`);
  return code;
}
