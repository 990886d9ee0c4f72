import { type Cell, fastest, type MeasureEvent, type Results } from '@paralab/core';

const ms = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** One progress line per event (or undefined for events not worth a line). */
export function progressLine(event: MeasureEvent | { type: 'lock-wait' }): string | undefined {
  switch (event.type) {
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
  const name = `${cell.strategy}@${cell.concurrency}`.padEnd(16);
  if (cell.status !== 'ok' || !cell.stats) return `✗ ${name} ${cell.status}: ${cell.reason ?? ''}`;
  const { median, ci95 } = cell.stats;
  const speed = cell.speedup ? `×${cell.speedup.ratio.toFixed(2)}` : '';
  return `✓ ${name} ${ms(median).padStart(8)} ms [${ms(ci95[0])}, ${ms(ci95[1])}] ${speed}`;
}

/** The end-of-run table: per workload, every cell's median, CI, speedup over sequential and throughput. */
export function summaryTable(results: Results): string {
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
  const rows: string[][] = [];
  for (const cell of results.cells) {
    const s = cell.stats;
    const notes = cell.status === 'ok' ? cell.flags.join(' ') : `${cell.status}: ${cell.reason ?? ''}`;
    rows.push([
      cell.workload,
      cell.strategy,
      String(cell.concurrency),
      s ? ms(s.median) : '-',
      s ? `${ms(s.ci95[0])}-${ms(s.ci95[1])}` : '-',
      cell.speedup
        ? `${cell.speedup.ratio.toFixed(2)} [${cell.speedup.lo.toFixed(2)}, ${cell.speedup.hi.toFixed(2)}]`
        : '-',
      cell.throughput !== undefined ? cell.throughput.toFixed(0) : '-',
      notes.length > 60 ? `${notes.slice(0, 57)}...` : notes,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((value, i) => (i >= 2 && i <= 6 ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    ...fastestLines(results),
  ].join('\n');
}

function fastestLines(results: Results): string[] {
  const byWorkload = new Map<string, Cell[]>();
  for (const cell of results.cells)
    byWorkload.set(cell.workload, [...(byWorkload.get(cell.workload) ?? []), cell]);
  return [...byWorkload].flatMap(([workload, cells]) => {
    const verdict = fastest(cells);
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
