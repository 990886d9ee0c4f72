import { ms, percent } from '../../shared/format.js';
import type { PerSecond, ServingRow, ServingTable } from '../serving.js';

/** The columns of a serving table, the same in report.html and report.md. */
export const SERVING_HEADER: readonly string[] = [
  'CPU per request (ms)',
  'strategy',
  'requests/s [95% CI]',
  'p99 latency (ms)',
  'server CPU (ms/request; cores)',
  'generator CPU (cores; ms/request)',
  'generator loop busy',
  'note',
];

/** `15230 [15010, 15400]`; ` (CI covers 88%)` when fewer samples make it narrower than 95%. */
export function perSecondText(value: PerSecond): string {
  const head = `${Math.round(value.value)}`;
  if (value.lo === undefined || value.hi === undefined) return `${head} (one sample, no CI)`;
  const covers =
    value.confidence !== undefined && value.confidence < 0.949
      ? ` (CI covers ${percent(value.confidence)})`
      : '';
  return `${head} [${Math.round(value.lo)}, ${Math.round(value.hi)}]${covers}`;
}

const figure = (value: number | undefined, text: (v: number) => string): string =>
  value === undefined ? '–' : text(value);

/** One row's cells as text: a cell that is not ok shows its status and reason in the requests/s column. */
export function servingCells(row: ServingRow): string[] {
  const cpu = row.cpuMs === undefined ? row.group : String(row.cpuMs);
  if (!row.requestsPerSecond) return [cpu, row.strategy, row.status, '–', '–', '–', '–', ''];
  const server =
    row.serverCpuMsPerRequest === undefined
      ? 'not read'
      : `${ms(row.serverCpuMsPerRequest)}; ${figure(row.serverCores, (v) => v.toFixed(2))}`;
  return [
    cpu,
    row.strategy,
    perSecondText(row.requestsPerSecond),
    figure(row.p99Ms, ms),
    server,
    `${figure(row.generatorCores, (v) => v.toFixed(2))}; ${figure(row.generatorCpuMsPerRequest, ms)}`,
    figure(row.generatorUtilization, percent),
    row.generatorLimit ?? '',
  ];
}

/** What the serving tables measure, in one paragraph (report.html and report.md say the same). */
export const SERVING_METHOD =
  'Each served cell is a server under HTTP load from the load generator (its own process, keep-alive connections, every response checked): requests/s is the median over the batches with the distribution-free 95% CI of that median; p99 is the median of the batches’ 99th percentiles; server CPU is every server process’s user + system time per request and the cores it kept busy; generator CPU is the load generator’s own. The decision per CPU per request is the one in “Every workload”, and C12 judges “web server → async” on it.';

/** A table's title line: `node: 9 served cells`. */
export function servingTitle(table: ServingTable, title: string): string {
  return `${title}: ${table.rows.length} served cell${table.rows.length === 1 ? '' : 's'}`;
}
