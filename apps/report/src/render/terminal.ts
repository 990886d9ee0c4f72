import { runTitle } from '../aggregate.js';
import type { Report } from '../report.js';
import { decisionRows, scopeLine } from './rows.js';

/** Replaces control characters (escape sequences could repaint the terminal) in text from results files. */
export function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Cuts text to `width` characters, ending with `…` when cut. */
export function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Rows of cells as lines of aligned columns (two spaces apart, no trailing spaces). */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function decisionLines(report: Report, runId: string): string[] {
  const rows = decisionRows(report.decisions)
    .filter((row) => row.run.id === runId)
    .map((row) => {
      const detail = row.margin === '-' ? '' : `${row.margin}, ${row.p.startsWith('<') ? 'p' : 'p='}${row.p}`;
      return [
        plain(clip(row.group, 40)),
        row.kind,
        plain(row.fastest),
        row.vsSequential,
        row.verdict,
        plain(detail),
      ];
    });
  return columns([
    ['workload', 'kind', 'fastest', '× sequential', 'verdict', 'margin over runner-up, p'],
    ...rows,
  ]).map((l) => `  ${l}`);
}

function claimLines(report: Report, runId: string, width: number): string[] {
  return report.claims.flatMap((claim) =>
    claim.answers
      .filter((answer) => answer.run.id === runId)
      .map(
        (answer) =>
          `  ${claim.id.padEnd(4)}${answer.verdict.padEnd(18)}${plain(clip(answer.answer, width - 24))}`,
      ),
  );
}

/**
 * The end-of-bench summary: per run, the decision table and the claims' verdicts, then where the full
 * report was written. Lines are clipped to `width` columns where they hold free text.
 */
export function renderTerminal(report: Report, written: readonly string[], width = 120): string {
  const lines = [`paralab report: ${scopeLine(report)}`];
  for (const error of report.aggregate.errors) lines.push(`  not reported: ${plain(error.message)}`);
  for (const run of report.aggregate.runs) {
    const r = run.file.results;
    const title = plain(runTitle(run, report.aggregate));
    lines.push(
      '',
      `${title}: ${plain(r.runtime.version)} on ${run.machine.label} (${plain(run.machine.description)}), ${plain(r.profile)} profile`,
    );
    lines.push(
      ...decisionLines(report, run.id),
      '',
      `  claims (${title}):`,
      ...claimLines(report, run.id, width),
    );
  }
  if (written.length > 0) lines.push('', `wrote ${written.join(' and ')}`);
  return `${lines.join('\n')}\n`;
}
