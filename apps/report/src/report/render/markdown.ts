import { type Run, runHeading, runTitle } from '../../shared/aggregate.js';
import { lowEndText } from '../../shared/floors.js';
import { ms, plusMinus, ratioCi, times } from '../../shared/format.js';
import { mdDetails, mdTable, mdText } from '../../shared/markdown-text.js';
import { KIND_WORDS, KINDS } from '../answers.js';
import type { Report } from '../build.js';
import type { Decision } from '../decisions.js';
import { explain } from '../explain.js';
import { accuracyMarkdown, grainMarkdown } from './markdown-model.js';
import { servingMarkdown } from './markdown-serving.js';
import {
  ANSWER_METHOD,
  answerText,
  environmentRow,
  factorText,
  machinesLine,
  matrixNote,
  scopeLine,
  verdictLine,
  verdictWord,
} from './rows.js';

function answerCell(report: Report, run: Run, kind: string): string {
  const answer = report.answers.find((a) => a.run === run && a.kind === kind);
  if (!answer) return 'not measured here';
  const text = answerText(answer);
  const typical = text.typical;
  const head = `**${mdText(text.family)}** (${mdText(text.agreement)})`;
  if (!typical?.pick) return head;
  const parts = [
    `${head}: ${mdText(typical.speed)} on ${mdText(text.workload ?? '')}`,
    mdText(verdictLine(typical)),
    ...(typical.headline ? [mdText(typical.headline)] : []),
    ...(typical.settle ? [mdText(typical.settle)] : []),
    ...(text.model ? [mdText(text.model)] : []),
    ...(text.others ? [`also: ${mdText(text.others)}`] : []),
  ];
  return parts.join('<br>');
}

function answerPart(report: Report): string {
  const runs = report.aggregate.runs;
  const kinds = KINDS.filter((kind) => report.answers.some((a) => a.kind === kind));
  const header = `| kind of work | ${runs.map((run) => mdText(runHeading(run, report.aggregate))).join(' | ')} |`;
  const rows = kinds.map(
    (kind) =>
      `| ${KIND_WORDS[kind] ?? kind} | ${runs.map((run) => answerCell(report, run, kind)).join(' | ')} |`,
  );
  const table = [header, `|---|${runs.map(() => '---').join('|')}|`, ...rows].join('\n');
  return ['## What to use', table, `*How*: ${mdText(ANSWER_METHOD)}`].join('\n\n');
}

function decisionCell(decision: Decision | undefined): string {
  if (!decision) return '–';
  const text = explain(decision);
  const speed = text.speedup ? ` ${plusMinus(text.speedup)}×` : '';
  const others = [...text.equivalents.map((n) => ` ≡ ${n}`), ...text.undecided.map((n) => ` ? ${n}`)].join(
    '',
  );
  const settle = text.settle ? `; ${text.settle}` : '';
  return `${text.pick ?? 'none'}${speed} · ${verdictWord(text)}${others}${settle}`;
}

function workloadsPart(report: Report): string {
  const runs = report.aggregate.runs;
  const groups = [...new Map(report.decisions.map((d) => [`${d.kind} ${d.group}`, d])).values()];
  const rows = groups.map((g) => [
    g.kind,
    g.group,
    ...runs.map((run) => decisionCell(report.decisions.find((d) => d.run === run && d.group === g.group))),
  ]);
  const table = mdTable(['kind', 'workload', ...runs.map((run) => runTitle(run, report.aggregate))], rows);
  return [
    '## Every workload',
    mdDetails(
      `${rows.length} workloads: the pick, its speedup, the verdict (≡ equivalent within 5%, ? not yet told apart)`,
      table,
    ),
  ].join('\n\n');
}

function claimsPart(report: Report): string {
  const runs = report.aggregate.runs;
  const rows = report.claims.map((claim) => [
    claim.id,
    ...runs.map((run) => claim.answers.find((a) => a.run === run)?.verdict ?? '–'),
  ]);
  const numbers = report.claims
    .map((claim) => {
      const lines = claim.answers.flatMap((answer) => [
        ...answer.parts.map(
          (p) =>
            `- ${mdText(runTitle(answer.run, report.aggregate))} · ${mdText(p.subject)}: **${p.verdict}**: ${mdText(p.numbers)}${p.settle ? ` (to settle: ${mdText(p.settle)})` : ''}`,
        ),
        ...answer.missing.map(
          (m) => `- ${mdText(runTitle(answer.run, report.aggregate))}: not measured here: ${mdText(m)}`,
        ),
      ]);
      return [`**${claim.id}**: ${mdText(claim.claim)}`, `*Test*: ${mdText(claim.method)}`, ...lines].join(
        '\n',
      );
    })
    .join('\n\n');
  return [
    '## Claims',
    'Each claim of the seeds (C1-C12), answered per runtime. "Holds" that two things are alike needs their CI inside 1 ± 5%; an inconclusive part says what would settle it.',
    mdTable(['claim', ...runs.map((run) => runTitle(run, report.aggregate))], rows),
    mdDetails('Each claim, how it is tested, and the numbers behind each verdict', numbers),
  ].join('\n\n');
}

function speedupPart(report: Report): string {
  const rows = report.speedup.flatMap((panel) =>
    panel.points
      .filter((point) => point.family !== 'sequential')
      .map((point) => [
        panel.machine.label,
        panel.group,
        point.run.label,
        `${point.strategy}@${point.n}`,
        ratioCi(point),
        point.efficiency.toFixed(2),
        `${point.ideal.toFixed(2)}×${panel.bounds.some((b) => b.run === point.run) ? '' : ' (task sizes unknown)'}`,
      ]),
  );
  const header = [
    'machine',
    'workload',
    'runtime',
    'strategy',
    'speedup [95% CI]',
    'efficiency S/N',
    'ideal',
  ];
  return [
    '## Speedup vs concurrency',
    mdDetails(`${rows.length} speedups over sequential (charts in report.html)`, mdTable(header, rows)),
  ].join('\n\n');
}

function matrixPart(report: Report): string {
  if (report.matrices.length === 0) return '';
  const tables = report.matrices.map((matrix) => {
    const header = ['workload', 'strategy', ...matrix.runs.map((run) => run.label)];
    const rows = matrix.rows.map((row) => [row.group, row.strategy, ...row.values.map(factorText)]);
    const geomean =
      matrix.geomeans.length > 0
        ? [['geometric mean', `${matrix.commonRows} rows`, ...matrix.geomeans.map((g) => times(g.value))]]
        : [];
    const intro = `**${matrix.machine.label}** (${mdText(matrix.machine.description)}): each runtime's time relative to the row's fastest runtime (1.00 = fastest). ${mdText(matrixNote(matrix))}`;
    return `${intro}\n\n${mdDetails(`${rows.length} rows and the geometric mean`, mdTable(header, [...geomean, ...rows]))}`;
  });
  return ['## Across runtimes (exploratory)', ...tables].join('\n\n');
}

function overheadsPart(report: Report): string {
  const { floors, startup, dispatch } = report.overheads;
  const title = (run: Run) => runTitle(run, report.aggregate);
  const floorRows = floors.map((f) => [
    title(f.run),
    f.probe,
    `${ms(f.figures.lowMs)} ms`,
    lowEndText(f.figures),
    `${ms(f.figures.medianMs)} ms`,
  ]);
  const startupRows = startup.map((s) => [
    title(s.run),
    s.entry.cell.id,
    `${ms(s.perWorkerMs)} ms`,
    s.floor
      ? `${s.floor.probe}: ${ms(s.floor.figures.lowMs)} ms (${s.floor.figures.which}; ${(s.perWorkerMs / s.floor.figures.lowMs).toFixed(1)}×)`
      : 'not measured',
  ]);
  const dispatchRows = dispatch.map((d) => [
    title(d.run),
    d.entry.cell.id,
    `${ms(Math.abs(d.overheadPerTaskMs))} ms${d.overheadPerTaskMs < 0 ? ' (faster than ideal)' : ''}`,
    d.floor ? `${d.floor.probe}: ${ms(d.floor.figures.lowMs)} ms (${d.floor.figures.which})` : 'not measured',
  ]);
  return [
    '## Floors and overheads',
    'Floors are read from the low end of their distribution (p10 with 20 samples or more, else the minimum), with the median beside it.',
    floors.length > 0
      ? mdDetails(
          `${floors.length} calibration floors`,
          mdTable(['runtime', 'floor', 'low end per operation', 'which', 'median'], floorRows),
        )
      : 'Calibration floors: not measured here: no calibration cells in these results.',
    mdDetails(
      `Start-up of ${startup.length} pools or worker sets`,
      mdTable(['runtime', 'cell', 'start-up per worker', 'floor (low end; × floor)'], startupRows),
    ),
    mdDetails(
      `Parallel overhead per task of ${dispatch.length} CPU cells`,
      mdTable(['runtime', 'cell', 'overhead per task', 'floor (low end)'], dispatchRows),
    ),
  ].join('\n\n');
}

function problemsPart(report: Report): string {
  const rows = report.problems.map((p) => [
    runTitle(p.run, report.aggregate),
    p.entry.cell.id,
    p.issue,
    p.reason,
  ]);
  return [
    '## Problem cells',
    mdDetails(
      `${rows.length} cells that are not clean measurements`,
      mdTable(['runtime', 'cell', 'issue', 'reason'], rows),
    ),
  ].join('\n\n');
}

function environmentPart(report: Report): string {
  const runs = report.aggregate.runs;
  const rows = runs.map((run) => Object.values(environmentRow(run, report.aggregate)));
  const header = Object.keys(runs[0] ? environmentRow(runs[0], report.aggregate) : {});
  return ['## Environment', mdDetails(`${runs.length} results files`, mdTable(header, rows))].join('\n\n');
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
 * The GitHub-flavoured Markdown summary, answer first (what to use per kind of work and runtime), then the
 * claims' verdicts, then every other part collapsed in `<details>`: compact enough for a CI step summary
 * or a pull-request comment. Every string from a results file is escaped.
 */
export function renderMarkdown(report: Report): string {
  const head = `# paralab report\n\n${scopeLine(report)} (${mdText(machinesLine(report.aggregate))}) · generated ${report.generatedAt.toISOString()} · charts: report.html`;
  const parts = [
    head,
    errorsPart(report),
    answerPart(report),
    claimsPart(report),
    workloadsPart(report),
    speedupPart(report),
    servingMarkdown(report),
    grainMarkdown(report),
    accuracyMarkdown(report),
    matrixPart(report),
    overheadsPart(report),
    problemsPart(report),
    environmentPart(report),
  ];
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
