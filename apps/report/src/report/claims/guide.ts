import type { Comparison } from '@paralab/core';
import type { Entry } from '../../shared/aggregate.js';
import { familyWords, strategyName } from '../../shared/format.js';
import type { Decision } from '../decisions.js';
import { explain } from '../explain.js';
import {
  bestOf,
  collect,
  compare,
  comparisonText,
  groupsOfKind,
  notMeasured,
  part,
  quickest,
  settleWords,
} from './_helpers.js';
import { parallelOf } from './cpu.js';
import type { ClaimEvaluator, ClaimPart } from './types.js';

function hybridPart(group: string, entries: Entry[]): ClaimPart | string {
  const hybrid = bestOf(entries, 'hybrid');
  if (!hybrid) return `${group}: no hybrid cells`;
  const rivals = [bestOf(entries, 'async'), quickest(parallelOf(entries))].filter(
    (e): e is Entry => e !== undefined,
  );
  if (rivals.length === 0) return `${group}: no async or pool cells to compare the hybrid with`;
  const results = rivals.map((rival) => compare(hybrid, rival));
  const verdict = results.every((c) => c.standing === 'faster')
    ? 'holds'
    : results.some((c) => c.standing === 'slower' || c.standing === 'equivalent')
      ? 'does not hold'
      : 'inconclusive';
  const open = results.find((c) => c.standing === 'undecided');
  return part(group, verdict, results.map(comparisonText).join('; '), open);
}

/** C10: async I/O plus a pool for CPU beats either alone on mixed work. */
export const c10: ClaimEvaluator = {
  id: 'C10',
  claim: 'For mixed workloads, async I/O plus a process/worker pool for CPU beats either alone.',
  method:
    'On every mixed workload: holds when the best hybrid cell ran more than 5% faster (CI above 1.05) than both the best async cell and the best threads or processes cell; does not hold when it did not beat one of them (CI inside or below 1 ± 5%).',
  evaluate: ({ run }) => {
    const groups = groupsOfKind(run, 'mixed');
    if (groups.size === 0) return notMeasured('no mixed workloads in these results');
    return collect([...groups].map(([group, entries]) => hybridPart(group, entries)));
  },
};

/** One task of the guide, the advised family, and the workloads that stand for it. */
interface GuideTask {
  task: string;
  advice: string;
  workloads: readonly string[];
  /**
   * Stands for every served workload (one under the load generator: `serve`, or a user's), whatever its id:
   * a web server is what those cells measure.
   */
  served?: boolean;
  /** What is missing when no cell stands for the task. */
  none?: string;
}

/** The articles' selection guide, each task mapped to the paralab workloads that stand for it. */
const GUIDE: readonly GuideTask[] = [
  { task: 'web scraping', advice: 'async', workloads: ['pipeline'] },
  { task: 'file processing', advice: 'threads', workloads: ['file'] },
  { task: 'data analysis', advice: 'processes', workloads: ['json'] },
  {
    task: 'web server',
    advice: 'async',
    workloads: [],
    served: true,
    none: 'no served cells (a workload under the load generator, such as serve) in these results',
  },
  { task: 'video encoding', advice: 'processes', workloads: ['blur'] },
  { task: 'batch file I/O', advice: 'threads', workloads: ['file'] },
];

/**
 * Where the advised family stands in the decision: `contender` when one of its cells is the fastest with
 * nothing left undecided, or is shown equivalent to the fastest; `worse` when every one of its cells is
 * shown slower; `undecided` otherwise; `excluded` when its ok cells were kept out; `absent` when none ran.
 */
function standing(
  decision: Decision,
  advice: string,
): Comparison['state'] | 'contender' | 'excluded' | 'absent' {
  const { best } = decision;
  const settled = !best.comparisons.some((c) => c.state === 'undecided');
  if (best.best?.family === advice) return settled ? 'contender' : 'undecided';
  const compared = best.comparisons.filter((c) => c.cell.family === advice);
  if (compared.some((c) => c.state === 'equivalent')) return 'contender';
  if (compared.some((c) => c.state === 'undecided')) return 'undecided';
  if (compared.length > 0) return 'worse';
  const ok = decision.entries.some((e) => e.cell.family === advice && e.cell.status === 'ok');
  return ok ? 'excluded' : 'absent';
}

/**
 * The comparisons that say where the advised family stands: its cells' with the fastest, or every one when
 * the fastest is of it (the group's own estimate does not serve: a tie whose unseparated cells are of the
 * advised family has none).
 */
function advisedComparisons(decision: Decision, advice: string): Comparison[] {
  const { best } = decision;
  if (best.best?.family === advice) return best.comparisons;
  return best.comparisons.filter((c) => c.cell.family === advice);
}

function guidePart(task: string, advice: string, decision: Decision): ClaimPart | string {
  const advised = familyWords(advice);
  const text = explain(decision);
  const rule = `the decision rule: ${text.pick ?? 'no pick'} (${text.verdict})`;
  const subject = `${task} (${decision.group})`;
  const where = standing(decision, advice);
  const fastest = decision.best.best ? strategyName(decision.best.best) : 'the fastest';
  if (where === 'absent')
    return `${subject}: the advice is ${advised}, and no such cell was measured (${rule})`;
  if (where === 'contender')
    return part(
      subject,
      'holds',
      `advice: ${advised}, within ${decision.best.delta * 100}% of the fastest; ${rule}`,
    );
  if (where === 'worse')
    return part(
      subject,
      'does not hold',
      `advice: ${advised}, shown more than ${decision.best.delta * 100}% slower than ${fastest}; ${rule}`,
    );
  const settle =
    where === 'excluded'
      ? `its cells were kept out: ${text.excluded.join('; ')}`
      : (settleWords(advisedComparisons(decision, advice), decision.best.best) ?? 'more samples per cell');
  return {
    subject,
    verdict: 'inconclusive',
    numbers: `advice: ${advised}, not yet told apart from the fastest; ${rule}`,
    settle,
  };
}

/** C12: the articles' approach selection guide, against the decision rule. */
export const c12: ClaimEvaluator = {
  id: 'C12',
  claim:
    'The approach selection guide: web scraping → async; file processing → threads; data analysis → processes; web server → async; video encoding → processes; batch file I/O → threads.',
  method:
    "Each task stands for a workload (web scraping: pipeline; data analysis: json; video encoding: blur; file work: file; web server: every served workload, such as serve at each CPU per request, where one event loop (serve-loop, async) meets a cluster, N processes sharing the port and a loop offloading to threads). Python's threads are worker threads here, as in SEEDS.md. Holds when the decision rule shows the advised family as good as any (the fastest with nothing undecided, or within 5% of the fastest); does not hold only when the rule shows it slower (its CI above 1.05 × the fastest); inconclusive when it is not yet told apart, with what would settle it.",
  evaluate: ({ decisions }) => {
    const results: (ClaimPart | string)[] = [];
    for (const { task, advice, workloads, served, none } of GUIDE) {
      const found = decisions.filter((decision) =>
        served ? decision.work === 'serve' : workloads.includes(decision.workload),
      );
      if (found.length === 0)
        results.push(`${task}: ${none ?? `no ${workloads.join(' or ')} cells in these results`}`);
      results.push(...found.map((decision) => guidePart(task, advice, decision)));
    }
    return collect(results);
  },
};
