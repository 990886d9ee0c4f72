import { runTitle } from '../../shared/aggregate.js';
import { clip, columns, plain } from '../../shared/terminal-text.js';
import type { Report } from '../build.js';
import type { ServingRow, ServingTable } from '../serving.js';

/** A row's CPU per request as the grid's row key: `0 ms`, or the group when the workload has no `cpuMs`. */
const keyOf = (row: ServingRow): string => (row.cpuMs === undefined ? row.group : `${row.cpuMs} ms`);

/** The row with the highest median requests/s of a table at `key`. */
function leader(table: ServingTable, key: string): ServingRow | undefined {
  let best: ServingRow | undefined;
  for (const row of table.rows) {
    const rate = row.requestsPerSecond?.value;
    if (rate === undefined || keyOf(row) !== key) continue;
    if (rate > (best?.requestsPerSecond?.value ?? -1)) best = row;
  }
  return best;
}

/** `serve-loop@1 10816`, starred where the load generator may have set the pace. */
function cellText(row: ServingRow | undefined): string {
  if (!row) return '–';
  return `${plain(row.strategy)} ${Math.round(row.requestsPerSecond?.value ?? 0)}${row.generatorLimit ? '*' : ''}`;
}

/**
 * The short serving block of the terminal summary: a grid of CPU per request (rows) by runtime (columns),
 * each cell the strategy with the highest median requests/s and that rate (`*`: the load generator may have
 * set the pace). Empty without served cells, so a run without them keeps its one screen.
 */
export function servingLines(report: Report, width: number): string[] {
  if (report.serving.length === 0) return [];
  const keys = [...new Set(report.serving.flatMap((t) => t.rows.map(keyOf)))];
  const header = ['CPU/request', ...report.serving.map((t) => plain(runTitle(t.run, report.aggregate)))];
  const rows = keys.map((key) => [key, ...report.serving.map((t) => cellText(leader(t, key)))]);
  const limited = report.serving.some((t) => t.rows.some((row) => row.generatorLimit));
  return [
    '',
    clip('Serving HTTP: most requests/s (the load generator shares the machine)', width),
    ...columns([header, ...rows]).map((line) => clip(`  ${line}`, width)),
    ...(limited ? [clip('  *: the load generator may have set the pace', width)] : []),
  ];
}
