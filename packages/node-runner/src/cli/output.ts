import { type Cell, fastest, type Results } from '@paralab/core';
import type { NodeRunEvent } from '../run.js';

const ms = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** One progress line per event (or undefined for events not worth a line). */
export function progressLine(event: NodeRunEvent): string | undefined {
  switch (event.type) {
    case 'calibration-start':
      return 'calibrating: the floors of worker threads, messages, processes and the timer ...';
    case 'lock-wait':
      return 'waiting for another paralab runner to finish measuring (machine-wide lock) ...';
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
    speed ? `${speed.ratio.toFixed(2)} [${speed.lo.toFixed(2)}, ${speed.hi.toFixed(2)}]` : '-',
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
 * The end-of-run summary: the calibration floors, then per workload every cell's median, CI, speedup over
 * sequential and throughput, then a verdict per workload.
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
    ...calibrationLines(calibration),
    ...columns(header, measured.map(cellRow), new Set([2, 3, 4, 5, 6])),
    '',
    ...fastestLines(measured),
  ].join('\n');
}

function fastestLines(cells: readonly Cell[]): string[] {
  const byGroup = new Map<string, Cell[]>();
  for (const cell of cells) byGroup.set(groupOf(cell), [...(byGroup.get(groupOf(cell)) ?? []), cell]);
  return [...byGroup].flatMap(([workload, group]) => {
    const verdict = fastest(group);
    if (!verdict) return [`${workload}: no valid cell`];
    const name = (cell: Cell): string => `${cell.strategy}@${cell.concurrency}`;
    const speed = verdict.best.speedup ? `, ${verdict.best.speedup.ratio.toFixed(2)}× sequential` : '';
    const { runnerUp, margin, p } = verdict;
    if (!runnerUp || !margin || p === undefined) return [`${workload}: ${name(verdict.best)}${speed}`];
    const versus = `${margin.ratio.toFixed(2)}× ${name(runnerUp)} [${margin.lo.toFixed(2)}, ${margin.hi.toFixed(2)}], p=${p.toPrecision(2)}`;
    return verdict.clear
      ? [`${workload}: ${name(verdict.best)} wins${speed} (${versus})`]
      : [`${workload}: no clear winner: ${name(verdict.best)} ~ ${name(runnerUp)}${speed} (${versus})`];
  });
}
