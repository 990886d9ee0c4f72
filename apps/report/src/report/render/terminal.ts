import { runHeading, runTitle } from '../../shared/aggregate.js';
import { plusMinus, strategyName } from '../../shared/format.js';
import { clip, columns, plain } from '../../shared/terminal-text.js';
import { KIND_WORDS, type KindAnswer } from '../answers.js';
import type { Report } from '../build.js';
import type { ClaimVerdict } from '../claims/types.js';
import { explain } from '../explain.js';
import { answerText, machinesLine, scopeLine, verdictWord } from './rows.js';
import { servingLines } from './terminal-serving.js';

/** The line that ends the summary: everything above it fits one screen, details follow. */
export const DETAILS_RULE = '── details ──';

const SHORT: Readonly<Record<ClaimVerdict, string>> = {
  holds: 'holds',
  'partly holds': 'partly',
  'does not hold': 'no',
  inconclusive: '?',
  'not measured here': '–',
};

function answerLine(answer: KindAnswer, width: number): string {
  const text = answerText(answer);
  const kind = (KIND_WORDS[answer.kind] ?? answer.kind).replace(' work', '').padEnd(6);
  if (answer.family === undefined) return clip(`  ${kind} ${text.agreement}`, width);
  const head = `  ${kind} ${answer.family} ${answer.agreeing.length}/${answer.workloads.length}`;
  const typical = text.typical;
  if (!typical?.pick) return clip(head, width);
  const speed = typical.speedup ? ` ${plusMinus(typical.speedup)}×` : '';
  return clip(
    `${head} · ${typical.pick}${speed} · ${verdictWord(typical)} · ${plain(text.workload ?? '')}`,
    width,
  );
}

function answerLines(report: Report, width: number): string[] {
  return report.aggregate.runs.flatMap((run) => [
    plain(runHeading(run, report.aggregate)),
    ...report.answers.filter((answer) => answer.run === run).map((answer) => answerLine(answer, width)),
  ]);
}

function claimLines(report: Report): string[] {
  const runs = report.aggregate.runs;
  const header = ['claims', ...runs.map((run) => plain(clip(runTitle(run, report.aggregate), 12)))];
  const rows = report.claims.map((claim) => [
    claim.id,
    ...runs.map((run) => SHORT[claim.answers.find((a) => a.run === run)?.verdict ?? 'not measured here']),
  ]);
  return [
    ...columns([header, ...rows]),
    '(partly: partly holds · no: does not hold · ?: inconclusive · –: not measured)',
  ];
}

function decisionLines(report: Report, runId: string, width: number): string[] {
  const rows = report.decisions
    .filter((decision) => decision.run.id === runId)
    .map((decision) => {
      const text = explain(decision);
      const speed = text.speedup ? `${plusMinus(text.speedup)}×` : '-';
      const others = [...text.equivalents.map((n) => `≡${n}`), ...text.undecided.map((n) => `?${n}`)].join(
        ' ',
      );
      return [
        plain(clip(decision.group, 30)),
        plain(text.pick ?? '-'),
        speed,
        verdictWord(text),
        plain(others),
      ];
    });
  return columns([['workload', 'use', '× sequential', 'verdict', '≡ equivalent, ? open'], ...rows]).map((l) =>
    clip(`  ${l}`, width),
  );
}

function detailLines(report: Report, width: number): string[] {
  return report.aggregate.runs.flatMap((run) => {
    const title = plain(runTitle(run, report.aggregate));
    const claims = report.claims.flatMap((claim) =>
      claim.answers
        .filter((answer) => answer.run === run && answer.answer !== '')
        .map((answer) => clip(`  ${claim.id.padEnd(4)}${plain(answer.answer)}`, width)),
    );
    const excluded = report.decisions
      .filter((d) => d.run === run)
      .flatMap((d) => d.best.excluded.map((e) => `${d.group}/${strategyName(e.cell)}`));
    const kept =
      excluded.length > 0 ? [clip(`  kept out of decisions: ${plain(excluded.join(', '))}`, width)] : [];
    return [
      '',
      `${title}: every workload`,
      ...decisionLines(report, run.id, width),
      ...kept,
      `  claims (${title}):`,
      ...claims,
    ];
  });
}

/** How the terminal summary is printed. */
export interface TerminalOptions {
  /** Columns to fit; default 80. */
  width?: number;
  /** Add every workload's decision and each claim's answer after `DETAILS_RULE`; default false. */
  details?: boolean;
}

/**
 * The end-of-bench summary, answer first: what to use per runtime and kind of work (the typical workload's
 * pick with its speedup ± the wider half of its 95% CI, and the verdict), then the claims' verdicts in one
 * grid, then where the report was written; this fits one screen (80 columns, about 40 lines). With
 * `details`, `DETAILS_RULE` and every workload's decision per runtime and each claim's answer follow. Every
 * line is clipped to `width` columns; control characters from results files are replaced.
 */
export function renderTerminal(
  report: Report,
  written: readonly string[],
  options: TerminalOptions = {},
): string {
  const width = options.width ?? 80;
  const lines = [
    `paralab report: ${scopeLine(report)}`,
    plain(machinesLine(report.aggregate)),
    ...report.aggregate.errors.map((error) => `  not reported: ${plain(error.message)}`),
    'What to use: family, workloads agreeing · typical pick, × sequential ± 95% CI',
    '             · verdict (within 5% counts as equal) · typical workload',
    ...answerLines(report, width),
    '',
    ...claimLines(report),
    ...servingLines(report, width),
  ].map((line) => clip(line, width));
  if (!options.details)
    lines.push(clip('(every workload and the numbers behind each claim: report.md, or --details)', width));
  if (written.length > 0) lines.push('', `wrote ${written.join(' and ')}`);
  const details = options.details ? ['', DETAILS_RULE, ...detailLines(report, width)] : [];
  return `${[...lines, ...details].join('\n')}\n`;
}
