import type { Entry } from '../aggregate.js';
import { quickest, timed } from '../compare.js';
import type { Decision } from '../decisions.js';
import { FAMILY_WORDS, type Family, familyOf } from '../families.js';
import { strategyName } from '../format.js';
import { bestOf, compare, comparisonText, groupsOfKind, notMeasured, part } from './_helpers.js';
import { parallelOf } from './cpu.js';
import type { ClaimEvaluator, ClaimPart, Finding } from './types.js';

function hybridPart(group: string, entries: Entry[]): ClaimPart | string {
  const hybrid = bestOf(entries, 'hybrid');
  if (!hybrid) return `${group}: no hybrid cells`;
  const rivals = [bestOf(entries, 'async'), quickest(parallelOf(entries))].filter(
    (e): e is Entry => e !== undefined,
  );
  if (rivals.length === 0) return `${group}: no async or pool cells to compare the hybrid with`;
  const results = rivals.map((rival) => ({ rival, result: compare(hybrid, rival) }));
  const verdict = results.every(({ result }) => result.outcome === 'faster')
    ? 'holds'
    : results.some(({ result }) => result.outcome === 'slower')
      ? 'does not hold'
      : 'inconclusive';
  return part(
    group,
    verdict,
    results.map(({ rival, result }) => comparisonText(hybrid, rival, result)).join('; '),
  );
}

/** C10: async I/O plus a pool for CPU beats either alone on mixed work. */
export const c10: ClaimEvaluator = {
  id: 'C10',
  claim: 'For mixed workloads, async I/O plus a process/worker pool for CPU beats either alone.',
  method:
    'On every mixed workload: holds when the best hybrid cell is faster (p < 0.05, CI outside ±2%) than both the best async cell and the best worker/pool/process cell.',
  evaluate: ({ run }) => {
    const groups = groupsOfKind(run, 'mixed');
    if (groups.size === 0) return notMeasured('no mixed workloads in these results');
    const finding: Finding = { parts: [], missing: [] };
    for (const [group, entries] of groups) {
      const found = hybridPart(group, entries);
      if (typeof found === 'string') finding.missing.push(found);
      else finding.parts.push(found);
    }
    return finding;
  },
};

/** The articles' selection guide, each task mapped to the paralab workloads that stand for it. */
const GUIDE: ReadonlyArray<{ task: string; advice: Family; workloads: readonly string[]; none?: string }> = [
  { task: 'web scraping', advice: 'async', workloads: ['pipeline'] },
  { task: 'file processing', advice: 'threads', workloads: ['file'] },
  { task: 'data analysis', advice: 'processes', workloads: ['json'] },
  { task: 'web server', advice: 'async', workloads: [], none: 'paralab has no server workload' },
  { task: 'video encoding', advice: 'processes', workloads: ['blur'] },
  { task: 'batch file I/O', advice: 'threads', workloads: ['file'] },
];

function guidePart(task: string, advice: Family, decision: Decision): ClaimPart | string {
  const { verdict, group } = decision;
  const advised = FAMILY_WORDS[advice];
  if (!verdict) return `${task}: no valid ${group} cell`;
  const measured = decision.entries.some((entry) => timed(entry.cell) && familyOf(entry.cell) === advice);
  const top = [verdict.best, verdict.runnerUp].filter((cell) => cell !== undefined);
  const winner = `${strategyName(verdict.best)}${verdict.clear ? ' wins' : `, no clear winner over ${verdict.runnerUp ? strategyName(verdict.runnerUp) : '-'}`}`;
  if (!measured)
    return `${task} (${group}): the advice is ${advised}, and no such cell was measured (fastest measured: ${winner})`;
  const picked = verdict.clear
    ? familyOf(verdict.best) === advice
      ? 'holds'
      : 'does not hold'
    : top.some((cell) => familyOf(cell) === advice)
      ? 'inconclusive'
      : 'does not hold';
  return part(`${task} (${group})`, picked, `advice: ${advised}; measured: ${winner}`);
}

/** C12: the articles' approach selection guide, against the decision table. */
export const c12: ClaimEvaluator = {
  id: 'C12',
  claim:
    'The approach selection guide: web scraping → async; file processing → threads; data analysis → processes; web server → async; video encoding → processes; batch file I/O → threads.',
  method:
    "Each task stands for a workload (web scraping: pipeline; data analysis: json; video encoding: blur; file work: file). Python's threads are worker threads here, as in SEEDS.md. Holds when the decision table's clear winner is of the advised kind; does not hold when another kind wins, or ties, without the advised one.",
  evaluate: ({ decisions }) => {
    const finding: Finding = { parts: [], missing: [] };
    for (const { task, advice, workloads, none } of GUIDE) {
      const found = decisions.filter((decision) => workloads.includes(decision.workload));
      if (found.length === 0) {
        finding.missing.push(`${task}: ${none ?? `no ${workloads.join(' or ')} cells in these results`}`);
      }
      for (const decision of found) {
        const result = guidePart(task, advice, decision);
        if (typeof result === 'string') finding.missing.push(result);
        else finding.parts.push(result);
      }
    }
    return finding;
  },
};
