import { runTitle } from '../../shared/aggregate.js';
import { clip, plain } from '../../shared/terminal-text.js';
import type { Report } from '../build.js';
import type { ServingRow, ServingTable } from '../serving.js';

/** The row with the highest median requests/s at each CPU per request, in order. */
function leaders(table: ServingTable): ServingRow[] {
  const best = new Map<string, ServingRow>();
  for (const row of table.rows) {
    const rate = row.requestsPerSecond?.value;
    if (rate === undefined) continue;
    const key = row.cpuMs === undefined ? row.group : String(row.cpuMs);
    const seen = best.get(key)?.requestsPerSecond?.value ?? -1;
    if (rate > seen) best.set(key, row);
  }
  return [...best.values()];
}

function runLine(table: ServingTable, report: Report, width: number): string {
  const title = plain(runTitle(table.run, report.aggregate));
  const steps = leaders(table).map(
    (row) =>
      `${row.cpuMs ?? '?'} ms ${plain(row.strategy)} ${Math.round(row.requestsPerSecond?.value ?? 0)}/s${row.generatorLimit ? '*' : ''}`,
  );
  return clip(`  ${title}: ${steps.join(' · ')}`, width);
}

/**
 * The short serving block of the terminal summary: per runtime, the strategy with the highest median
 * requests/s at each CPU per request (`*`: the load generator may have set the pace). Empty without served
 * cells, so a run without them keeps its one screen.
 */
export function servingLines(report: Report, width: number): string[] {
  if (report.serving.length === 0) return [];
  const limited = report.serving.some((t) => t.generatorNote);
  return [
    '',
    clip('Serving HTTP: most requests/s per CPU per request (report.md: every cell)', width),
    ...report.serving.map((t) => runLine(t, report, width)),
    ...(limited ? [clip('  *: the load generator shared the cores and may have set the pace', width)] : []),
  ];
}
