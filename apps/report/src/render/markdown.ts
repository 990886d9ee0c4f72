import { runTitle } from '../aggregate.js';
import type { ClaimResult } from '../claims/types.js';
import { ms, ratioCi } from '../format.js';
import type { Report } from '../report.js';
import { mdDetails, mdTable, mdText } from './markdown-text.js';
import { decisionRows, environmentRow, matrixText, scopeLine } from './rows.js';

/** Column headers of the Markdown decision table. */
export const DECISION_HEADER = [
  'machine',
  'runtime',
  'workload',
  'kind',
  'fastest',
  '× sequential [95% CI]',
  'margin over runner-up [95% CI]',
  'p',
  'verdict',
];

function decisionsPart(report: Report): string {
  const rows = decisionRows(report.decisions).map((row) => [
    row.machine,
    row.runtime,
    row.group,
    row.kind,
    row.fastest,
    row.vsSequential,
    row.margin,
    row.p,
    row.verdict,
  ]);
  return [
    '## 1. Decision table',
    'Fastest strategy (any concurrency) per workload and runtime. It wins when it beats the runner-up with Mann-Whitney p < 0.05 and the CI of the margin above 1.02; otherwise there is no clear winner.',
    mdTable(DECISION_HEADER, rows),
  ].join('\n\n');
}

/** Column headers of the Markdown claims table. */
export const CLAIMS_HEADER = ['claim', 'runtime', 'verdict', 'measured answer'];

function claimsPart(report: Report): string {
  const rows = report.claims.flatMap((claim) =>
    claim.answers.map((answer) => [
      claim.id,
      runTitle(answer.run, report.aggregate),
      answer.verdict,
      answer.answer,
    ]),
  );
  return [
    '## 2. Claims check',
    'Each claim of the seeds (C1-C12), answered per runtime from the cells above.',
    mdTable(CLAIMS_HEADER, rows),
    mdDetails(
      'The claims, how each is tested, and the numbers behind each verdict',
      claimNumbers(report.claims, report),
    ),
  ].join('\n\n');
}

function claimNumbers(claims: readonly ClaimResult[], report: Report): string {
  return claims
    .map((claim) => {
      const lines = claim.answers.flatMap((answer) =>
        answer.parts.map(
          (p) =>
            `- ${mdText(runTitle(answer.run, report.aggregate))} · ${mdText(p.subject)}: **${p.verdict}**: ${mdText(p.numbers)}`,
        ),
      );
      return [`**${claim.id}**: ${mdText(claim.claim)}`, `*Test*: ${mdText(claim.method)}`, ...lines].join(
        '\n',
      );
    })
    .join('\n\n');
}

function speedupPart(report: Report): string {
  const rows = report.speedup.flatMap((panel) =>
    panel.points
      .filter((point) => point.strategy !== 'sequential')
      .map((point) => [
        panel.machine.label,
        panel.group,
        point.series,
        String(point.n),
        ratioCi(point),
        point.efficiency.toFixed(2),
        `${point.ideal.toFixed(2)}×${panel.bound ? '' : ' (task sizes unknown)'}`,
      ]),
  );
  const table = mdTable(
    ['machine', 'workload', 'runtime · strategy', 'N', 'speedup [95% CI]', 'efficiency S/N', 'ideal'],
    rows,
  );
  return [
    '## 3. Speedup vs concurrency',
    'Charts in report.html.',
    mdDetails(`${rows.length} speedups over sequential`, table),
  ].join('\n\n');
}

function matrixPart(report: Report): string {
  const tables = report.matrices.map((matrix) => {
    const header = ['workload', 'strategy', ...matrix.runs.map((run) => run.label)];
    const rows = matrix.rows.map((row) => [
      row.group,
      row.strategy,
      ...row.values.map((v) => matrixText(v, matrix.baseline)),
    ]);
    const intro = `**${matrix.machine.label}** (${matrix.machine.description}): speed relative to ${matrix.baseline.label} (above 1 is faster), bootstrap 95% CI, Holm-Bonferroni across the table; \`~\` means not significant.`;
    const note =
      matrix.runs.length < 2 ? '\n\nOnly one runtime on this machine: nothing to compare yet.' : '';
    return `${intro}${note}\n\n${mdDetails(`${rows.length} rows`, mdTable(header, rows))}`;
  });
  return ['## 4. Cross-runtime matrix', ...tables].join('\n\n');
}

function overheadsPart(report: Report): string {
  const { floors, startup, dispatch, resources } = report.overheads;
  const title = (run: Parameters<typeof runTitle>[0]) => runTitle(run, report.aggregate);
  const parts = [
    '## 5. Overheads, resources and problem cells',
    floors.length > 0
      ? mdTable(
          ['runtime', 'floor', 'per operation'],
          floors.map((f) => [title(f.run), f.probe, `${ms(f.perOperationMs)} ms`]),
        )
      : 'Calibration floors: not measured here: no calibration cells in these results.',
    mdDetails(
      `Start-up of ${startup.length} pools or worker sets`,
      mdTable(
        ['runtime', 'cell', 'start-up', 'per worker', 'floor'],
        startup.map((s) => [
          title(s.run),
          s.entry.cell.id,
          `${ms(s.startupMs)} ms`,
          `${ms(s.perWorkerMs)} ms`,
          s.floor ? `${s.floor.probe} ${ms(s.floor.perOperationMs)} ms` : 'not measured',
        ]),
      ),
    ),
    mdDetails(
      `Parallel overhead per task of ${dispatch.length} CPU cells`,
      mdTable(
        ['runtime', 'cell', 'overhead per task', 'floor'],
        dispatch.map((d) => [
          title(d.run),
          d.entry.cell.id,
          `${ms(Math.abs(d.overheadPerTaskMs))} ms${d.overheadPerTaskMs < 0 ? ' (faster than ideal)' : ''}`,
          d.floor ? `${d.floor.probe} ${ms(d.floor.perOperationMs)} ms` : 'not measured',
        ]),
      ),
    ),
    resources.length > 0
      ? `Resource metrics (memory, CPU, event-loop lag) on ${resources.length} cells: see report.html.`
      : 'Memory, CPU utilization and event-loop lag: not measured here: no cell in these results carries metrics.',
    `**Problem cells** (${report.problems.length}):`,
    mdTable(
      ['runtime', 'cell', 'issue', 'reason'],
      report.problems.map((p) => [title(p.run), p.entry.cell.id, p.issue, p.reason]),
    ),
  ];
  return parts.join('\n\n');
}

function environmentPart(report: Report): string {
  const rows = report.aggregate.runs.map((run) => Object.values(environmentRow(run)));
  const header = Object.keys(report.aggregate.runs[0] ? environmentRow(report.aggregate.runs[0]) : {});
  return ['## 6. Environment', mdTable(header, rows)].join('\n\n');
}

function errorsPart(report: Report): string {
  const { errors } = report.aggregate;
  if (errors.length === 0) return '';
  const plural = errors.length === 1 ? 'file was' : 'files were';
  return [
    `> **${errors.length} ${plural} not reported:**`,
    ...errors.map((e) => `> - ${mdText(e.message)}`),
  ].join('\n');
}

/**
 * The GitHub-flavoured Markdown summary: all six parts, compact enough for a CI step summary or a
 * pull-request comment (long tables collapsed in `<details>`). Every string from a results file is escaped.
 */
export function renderMarkdown(report: Report): string {
  const head = `# paralab report\n\n${scopeLine(report)} · generated ${report.generatedAt.toISOString()} · charts and distributions: report.html`;
  const parts = [
    head,
    errorsPart(report),
    decisionsPart(report),
    claimsPart(report),
    speedupPart(report),
    matrixPart(report),
    overheadsPart(report),
    environmentPart(report),
  ];
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
