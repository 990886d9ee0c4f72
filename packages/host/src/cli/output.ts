import {
  type BestDecision,
  type Cell,
  decideBest,
  type Results,
  type StrategyAdvice,
  workAdvice,
} from '@paralab/core';
import type { RunEvent } from '../run.js';

const ms = (value: number): string =>
  value >= 100
    ? value.toFixed(0)
    : value >= 10
      ? value.toFixed(1)
      : value >= 0.1 || value === 0
        ? value.toFixed(2)
        : value.toPrecision(2);

/** One progress line per event (or undefined for events not worth a line). */
export function progressLine(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'planned':
      return `plan: ${event.cells} cells in ${event.groups} groups`;
    case 'side-start':
      return `measuring in ${event.what} (${event.identity.runtime} ${event.identity.version})`;
    case 'side-lost':
      return `  ✗ ${event.reason}: the cell it was measuring is recorded errored; a fresh one takes over`;
    case 'service':
      return `service ${event.name}: ${event.detail}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'progress':
      return event.line;
    case 'calibration-start':
      return 'calibrating: the floors of workers, messages, processes and the timer ...';
    case 'lock-wait':
      return `waiting for another paralab runner (pid ${event.holder}) to finish measuring (machine-wide lock) ...`;
    case 'group-start':
      return `[${event.group}/${event.groups}] ${event.workload} (${event.params || 'no params'}): ${event.cells} cells`;
    case 'cell-done':
      return `  ${cellLine(event.cell)}`;
    default:
      return undefined;
  }
}

function cellLine(cell: Cell): string {
  // Probe names are long (`web-worker payload-roundtrip bytes=16777216 mode=transfer`): their own column.
  const name =
    cell.kind === 'calibration'
      ? probeName(cell).padEnd(56)
      : `${cell.strategy}@${cell.concurrency}`.padEnd(20);
  if (cell.status !== 'ok' || !cell.stats) return `✗ ${name} ${cell.status}: ${cell.reason ?? ''}`;
  const { median, ci95 } = cell.stats;
  const speed = cell.speedup ? `×${cell.speedup.ratio.toFixed(2)}` : '';
  return `✓ ${name} ${ms(median).padStart(8)} ms [${ms(ci95[0])}, ${ms(ci95[1])}] ${speed}`;
}

/** A calibration cell by what it measured: `web-worker payload-roundtrip bytes=1024 mode=clone`. */
function probeName(cell: Cell): string {
  const { probe, opsPerSample: _ops, ...rest } = cell.params;
  const extra = Object.entries(rest).map(([k, v]) => `${k}=${v}`);
  return [cell.strategy, String(probe ?? cell.id), ...extra].join(' ');
}

/** The group a cell belongs to: its workload and parameters (`sha256(buffers=16,kib=1024)`). */
export const groupOf = (cell: Cell): string =>
  `${cell.workload}(${Object.entries(cell.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')})`;

/** Renders rows as aligned columns; columns listed in `right` are right-aligned. */
function columns(header: string[], rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((value, i) => (right.has(i) ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const notesOf = (cell: Cell): string => {
  const notes = cell.status === 'ok' ? cell.flags.join(' ') : `${cell.status}: ${cell.reason ?? ''}`;
  return notes.length > 70 ? `${notes.slice(0, 67)}...` : notes;
};

function cellRow(cell: Cell): string[] {
  const s = cell.stats;
  const speed = cell.speedup;
  return [
    groupOf(cell),
    cell.strategy,
    String(cell.concurrency),
    s ? ms(s.median) : '-',
    s ? `${ms(s.ci95[0])}-${ms(s.ci95[1])}` : '-',
    speed
      ? speed.lo === undefined || speed.hi === undefined
        ? '1 (baseline)'
        : `${speed.ratio.toFixed(2)} [${speed.lo.toFixed(2)}, ${speed.hi.toFixed(2)}]`
      : '-',
    cell.throughput !== undefined ? cell.throughput.toFixed(0) : '-',
    notesOf(cell),
  ];
}

function calibrationLines(cells: readonly Cell[]): string[] {
  if (cells.length === 0) return [];
  const rows = cells.map((cell) => [
    probeName(cell),
    cell.stats ? ms(cell.stats.median) : '-',
    cell.stats ? `${ms(cell.stats.ci95[0])}-${ms(cell.stats.ci95[1])}` : '-',
    notesOf(cell),
  ]);
  return [
    'Calibration floors (ms per operation):',
    ...columns(['probe', 'median', '95% CI', 'notes'], rows, new Set([1, 2])),
    '',
  ];
}

/**
 * The end-of-run summary, the answer first: what to use per workload (the decision rule's verdict, with the
 * speedup the way hyperfine says it), then every cell's median, CI, speedup and throughput, then the floors.
 */
export function summaryTable(results: Results): string {
  const calibration = results.cells.filter((cell) => cell.kind === 'calibration');
  const measured = results.cells.filter((cell) => cell.kind !== 'calibration');
  const header = [
    'workload',
    'strategy',
    'conc',
    'median ms',
    '95% CI',
    'speedup [95% CI]',
    'tasks/s',
    'notes',
  ];
  return [
    'What to use (fastest, or the cheapest of those within 5% of it):',
    ...decisionLines(measured, results.machine.availableParallelism),
    '',
    ...columns(header, measured.map(cellRow), new Set([2, 3, 4, 5, 6])),
    '',
    ...calibrationLines(calibration),
  ].join('\n');
}

const nameOf = (cell: Cell): string => `${cell.strategy}@${cell.concurrency}`;

/** One line per workload group: the verdict of core's `decideBest`, in words. */
export function decisionLines(cells: readonly Cell[], cores: number): string[] {
  const byGroup = new Map<string, Cell[]>();
  for (const cell of cells) byGroup.set(groupOf(cell), [...(byGroup.get(groupOf(cell)) ?? []), cell]);
  return [...byGroup].map(
    ([workload, group]) => `  ${workload}: ${verdictText(decideBest(group, { cores }))}`,
  );
}

function verdictText(decision: BestDecision): string {
  const pick = decision.recommendation?.cell;
  if (!pick || !decision.best) return 'no valid cell';
  const speed = ranFaster(pick);
  if (decision.verdict === 'wins') return `${nameOf(pick)}${speed}`;
  const others = decision.contenders.filter((cell) => cell !== pick).map(nameOf);
  const family = decision.familyHeadline
    ? ` (all ${decision.familyHeadline}: which one does not matter)`
    : '';
  if (decision.verdict === 'tie') {
    const open = decision.unseparated ?? [];
    const asFast = decision.contenders.filter((cell) => cell !== pick && !open.includes(cell)).map(nameOf);
    const same = asFast.length > 0 ? `; as fast: ${asFast.join(', ')}` : '';
    const apart =
      open.length > 0
        ? `; not yet told apart: ${open.map(nameOf).join(', ')} (the pick is at most 5% slower, and the tie-break prefers it)`
        : '';
    return `${nameOf(pick)}${speed}${same}${apart}${family}`;
  }
  const more = decision.samplesToSettle
    ? `; ~${decision.samplesToSettle.samples} samples a cell would settle it`
    : '';
  const settled = decision.familySettled ? ` (${decision.familySettled} either way)` : '';
  return `provisional${settled}: ${nameOf(pick)}${speed}; not yet told apart from ${others.join(', ')}${more}`;
}

/** ` ran 1.89 ± 0.05 times faster than sequential`, or nothing for the baseline or without a speedup. */
function ranFaster(cell: Cell): string {
  const speedup = cell.speedup;
  if (!speedup || speedup.baseline || speedup.lo === undefined || speedup.hi === undefined) return '';
  const spread = Math.max(speedup.ratio - speedup.lo, speedup.hi - speedup.ratio);
  const [value, plusMinus] =
    speedup.ratio >= 1 ? [speedup.ratio, spread] : [1 / speedup.ratio, spread / speedup.ratio ** 2];
  const relation = speedup.ratio >= 1 ? 'faster' : 'slower';
  return ` ran ${value.toFixed(2)} ± ${plusMinus.toFixed(2)} times ${relation} than sequential`;
}

/**
 * "Is a worker worth it?" for each CPU workload of `results`, from the cost model over this run's floors:
 * the mean task with its CI, then per family off the calling thread its fastest cell, the model's speedup
 * beside the measured one, and the task size above which it pays (below it, tasks per message that keep
 * dispatch under 5% of the work); a family whose every cell failed says why, and so does a workload whose
 * sequential cell failed (every figure is relative to it). Only the workloads `only` accepts.
 */
export function adviceLines(results: Results, only: (workload: string) => boolean = () => true): string[] {
  const cores = results.machine.availableParallelism;
  const where = `on ${results.runtime.name} with ${cores} cores`;
  return workAdvice(results).flatMap((advice) => {
    if (!only(advice.workload)) return [];
    const name = groupOf({ workload: advice.workload, params: advice.params } as Cell);
    const failed = advice.failedBaseline;
    if (!advice.taskMs)
      return failed
        ? [
            `  ${name}: no answer: ${nameOf(failed)}, the time every figure is measured against, ${unansweredText(failed)}`,
          ]
        : [];
    const { value, lo, hi } = advice.taskMs;
    return [
      `  ${name}: your task takes ${ms(value)} ms [${ms(lo)}, ${ms(hi)}]; ${where}:`,
      ...advice.strategies.map((strategy) => `    ${strategyAdviceText(strategy)}`),
      ...advice.unanswered.map(
        (cell) => `    ${cell.family} (${nameOf(cell)}): no answer, ${unansweredText(cell)}`,
      ),
      ...(advice.strategies.length + advice.unanswered.length === 0
        ? ['    nothing ran it off this thread in this run']
        : []),
    ];
  });
}

/** Why a family has no answer: the cell's status and the first line of its reason, kept short. */
function unansweredText(cell: Cell): string {
  const reason = cell.reason?.split('\n')[0] ?? '';
  const short = reason.length > 100 ? `${reason.slice(0, 99)}…` : reason;
  return short ? `${cell.status}: ${short}` : cell.status;
}

function strategyAdviceText(advice: StrategyAdvice): string {
  const { cell } = advice;
  const predicted =
    advice.predictedSpeedup === undefined
      ? 'no prediction'
      : `~${advice.predictedSpeedup.toFixed(2)}x predicted`;
  const measured = cell.speedup
    ? `measured ${cell.speedup.ratio.toFixed(2)}x${cell.speedup.lo !== undefined && cell.speedup.hi !== undefined ? ` [${cell.speedup.lo.toFixed(2)}, ${cell.speedup.hi.toFixed(2)}]` : ''}`
    : 'not measured against sequential';
  const head = `${cell.family} (${nameOf(cell)}): ${predicted}, ${measured}`;
  if (advice.pays === 'always') return `${head}; pays at any task size the model tried (from 1 µs)`;
  if (advice.pays === 'never') return `${head}; does not pay within this work, at any task size`;
  if (advice.breakEvenMs === undefined) return `${head}; break-even unknown (a floor is missing)`;
  return `${head}; pays above ~${ms(advice.breakEvenMs)} ms per task (below it, batch ${advice.tasksPerMessage}+ tasks per message)`;
}
