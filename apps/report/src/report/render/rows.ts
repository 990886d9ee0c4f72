import type { Results } from '@paralab/core';
import { type Aggregate, type Run, runTitle } from '../../shared/aggregate.js';
import { familyWords, ms, plural, ratioCi, words } from '../../shared/format.js';
import type { KindAnswer } from '../answers.js';
import type { Report } from '../build.js';
import { DELTA, entryOf } from '../decisions.js';
import type { DecisionText } from '../explain.js';
import type { FactorValue, Matrix } from '../matrix.js';
import { modelOf, modelText } from '../model-note.js';

/** How the answer is decided, in one paragraph (report.md and report.html say the same). */
export const ANSWER_METHOD = `Decided per workload by the rule of METHOD.md: the fastest cell, and every cell whose 95% CI of its time against the fastest stays below 1 + ${DELTA * 100}%, are contenders; one contender wins, equivalent ones tie and the stated tie-break picks (cheapest family, then fitting the cores, built-in over a library, less memory, quicker start-up); undecided ones make the verdict provisional. Per kind of work: the family picked for most workloads, shown on its typical workload (the median speedup among them). "±" is the wider half of the bootstrap 95% CI.`;

/** One answer (a kind of work on a run) in words, the same in every rendering. */
export interface AnswerText {
  /** `worker threads`, with how many workloads agree: `4 of 5 CPU workloads`. */
  family: string;
  agreement: string;
  /** The typical workload's decision, in words. */
  typical?: DecisionText;
  /** The typical workload: `primes(list=balanced)`. */
  workload?: string;
  /** `json: sequential; file: async`, when some workloads want another family. */
  others: string;
  /** The cost model's break-even and prediction for the typical pick, when the file carries them. */
  model?: string;
}

/** A kind of work's answer in words. */
export function answerText(answer: KindAnswer): AnswerText {
  const { typical } = answer;
  const count = answer.workloads.length;
  const family =
    answer.family !== undefined
      ? familyWords(answer.family)
      : answer.unsupported
        ? 'unsupported here'
        : 'no answer';
  const agreement =
    answer.family !== undefined
      ? `${answer.agreeing.length} of ${plural(count, 'workload')}`
      : (answer.unsupported ?? `no workload of ${count} could be decided`);
  const others = answer.others.map((o) => `${familyWords(o.family)} for ${words(o.groups)}`).join('; ');
  const pick = typical ? entryOf(typical.decision, typical.decision.best.recommendation?.cell) : undefined;
  const note = pick ? modelOf(pick) : undefined;
  return {
    family,
    agreement,
    others,
    ...(typical ? { typical: typical.text, workload: typical.decision.group } : {}),
    ...(note ? { model: modelText(note) } : {}),
  };
}

/** The verdict in a word or two: `provisional (family settled)` when only the strategy within a family is open. */
export function verdictWord(text: Pick<DecisionText, 'verdict' | 'familySettled'>): string {
  return text.familySettled ? `${text.verdict} (family settled)` : text.verdict;
}

/**
 * `provisional (family settled: worker threads); equivalent within 5%: piscina@2; not yet told apart:
 * tinypool@2`: verdict and contenders.
 */
export function verdictLine(text: DecisionText): string {
  const settled = text.familySettled ? ` (family settled: ${text.familySettled})` : '';
  const equivalent =
    text.equivalents.length > 0 ? `; equivalent within 5%: ${text.equivalents.join(', ')}` : '';
  const open = text.undecided.length > 0 ? `; not yet told apart: ${text.undecided.join(', ')}` : '';
  return `${text.verdict}${settled}${equivalent}${open}`;
}

/** A cross-runtime value as text: `1.00 (fastest)`, `1.32 [1.20, 1.41]`, `~1.01`, `1.05` (untestable), `–`. */
export function factorText(value: FactorValue): string {
  if (!value.entry) return '–';
  const factor = value.factor ?? 1;
  if (value.verdict === 'fastest') return `1.00 (${ms(value.entry.cell.stats?.median ?? 0)} ms)`;
  if (value.verdict === 'slower' && value.versus) return ratioCi(value.versus).replace('×', '');
  if (value.verdict === 'same') return `~${factor.toFixed(2)}`;
  return factor.toFixed(2);
}

/** What the cross-runtime table says about its own power, in words (never just "~"). */
export function matrixNote(matrix: Matrix): string {
  const [fewest, most] = matrix.samples;
  const counts = fewest === most ? `${fewest}` : `${fewest} to ${most}`;
  const method = `Mann-Whitney U against each row's fastest runtime, Benjamini-Hochberg over ${plural(matrix.tests, 'comparison')} (an exploratory table: false discoveries are controlled at 5% across it, not each row), and a ±2% practical gate`;
  if (!matrix.canReach)
    return `${method}. With ${counts} samples per cell no difference in this table can reach significance: the factors are shown without a verdict, and none is called a difference.`;
  return `${method}. "~" marks a difference that is not significant; a bare factor marks a comparison whose sample counts can never be significant alone.`;
}

/** `3 results files from 1 machine`. */
export function scopeLine(report: Report): string {
  const files = report.aggregate.runs.length;
  const machines = report.aggregate.machines.length;
  return `${plural(files, 'results file')} from ${plural(machines, 'machine')}`;
}

/** The machines of the report in words: `M1: AMD EPYC · 2 cores · 24 GiB · linux/x64`. */
export function machinesLine(aggregate: Aggregate): string {
  return aggregate.machines.map((m) => `${m.label}: ${m.description}`).join('; ');
}

/** The environment of one file as label/value pairs (runtime with its engine, machine, profile ...). */
export function environmentRow(run: Run, aggregate: Aggregate): Record<string, string> {
  const r = run.file.results;
  const seconds = r.finishedAt
    ? ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)
    : undefined;
  const services = Object.entries(r.services ?? {}).map(([name, info]) =>
    `${name} ${String(info.version ?? '')}`.trim(),
  );
  return {
    file: run.file.path,
    runtime: `${runTitle(run, aggregate)}: ${r.runtime.name} ${r.runtime.version}${browserDetails(r.runtime)}`,
    engine: r.runtime.engine ?? 'not recorded',
    tool: `${r.tool.name} ${r.tool.version}`,
    machine: `${run.machine.label}: ${run.machine.description}`,
    fingerprint: r.machine.fingerprint,
    profile: r.profile,
    seed: String(r.seed),
    started: r.startedAt,
    duration: seconds !== undefined ? `${seconds} s` : 'unknown',
    complete: r.complete ? 'yes' : 'no (interrupted)',
    timer: `${r.timer.source}, step ${r.timer.resolutionMs.toPrecision(2)} ms`,
    services: services.length > 0 ? services.join(', ') : 'none',
    limits: r.limits?.heapMb ? `heap ${r.limits.heapMb} MB` : 'none recorded',
    cells: `${r.cells.length} (${r.cells.filter((c) => c.status === 'ok').length} ok)`,
  };
}

/** What a browser runner adds about its page: ` (cross-origin isolated, 2 cores seen; Mozilla/5.0 ...)`. */
function browserDetails(runtime: Results['runtime']): string {
  const details = [
    runtime.crossOriginIsolated === undefined
      ? undefined
      : runtime.crossOriginIsolated
        ? 'cross-origin isolated'
        : 'not cross-origin isolated',
    runtime.hardwareConcurrency === undefined ? undefined : `${runtime.hardwareConcurrency} cores seen`,
  ].filter(Boolean);
  const agent = runtime.userAgent ? `; ${runtime.userAgent}` : '';
  return details.length > 0 || agent ? ` (${details.join(', ')}${agent})` : '';
}
