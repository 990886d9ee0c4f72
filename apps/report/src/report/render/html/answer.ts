import { speedupWithCi } from '@paralab/core';
import { type Run, runHeading, runTitle } from '../../../shared/aggregate.js';
import { ratioCi } from '../../../shared/format.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { badge, breakable, table } from '../../../shared/html/parts.js';
import { KIND_WORDS, KINDS } from '../../answers.js';
import type { Report } from '../../build.js';
import { answerChart, type PickPoint, shortWorkload } from '../../charts/answer.js';
import { ANSWER_METHOD, answerText } from '../rows.js';
import { filterAttrs } from './filters.js';

function answerCell(report: Report, run: Run, kind: string): SafeHtml {
  const answer = report.answers.find((a) => a.run === run && a.kind === kind);
  const keys = filterAttrs({ runtime: [run.runtime], kind: [kind] });
  if (!answer) return html`<td${keys} class="none">${badge('not measured here')}</td>`;
  const text = answerText(answer);
  const t = text.typical;
  // The answer in three lines; the contenders, what would settle it, the model and the other workloads'
  // picks one click away, so that every runtime's answer fits the first screen.
  const why = t?.pick
    ? [
        t.equivalents.length > 0 ? html`<div class="eq">equivalent: ${t.equivalents.join(', ')}</div>` : '',
        t.undecided.length > 0
          ? html`<div class="eq">not yet told apart: ${t.undecided.join(', ')}</div>`
          : '',
        t.headline ? html`<div class="headline">${t.headline}</div>` : '',
        t.familySettled
          ? html`<div class="headline">the family is settled (${t.familySettled}); only the strategy within it is open</div>`
          : '',
        t.settle ? html`<div class="settle">${t.settle}</div>` : '',
        text.model ? html`<div class="model">${text.model}</div>` : '',
      ]
    : [];
  if (text.others) why.push(html`<div class="also">also: ${text.others}</div>`);
  const details = why.some((part) => part !== '')
    ? html`<details class="why"><summary>why, and the rest</summary>${why}</details>`
    : '';
  const pick = t?.pick
    ? html`<div class="speed">${t.speed}</div>
<div class="on">on <code>${breakable(text.workload ?? '')}</code> ${badge(t.verdict)}</div>`
    : '';
  return html`<td${keys}><div class="fam"><strong>${text.family}</strong> <span class="agree">${text.agreement}</span></div>${pick}${details}</td>`;
}

function answerTable(report: Report): SafeHtml {
  const runs = report.aggregate.runs;
  const kinds = KINDS.filter((kind) => report.answers.some((a) => a.kind === kind));
  const head = runs.map(
    (run) =>
      html`<th scope="col"${filterAttrs({ runtime: [run.runtime] })}>${runHeading(run, report.aggregate)}</th>`,
  );
  const rows = kinds.map(
    (kind) =>
      html`<tr><th scope="row">${KIND_WORDS[kind] ?? kind}</th>${runs.map((run) => answerCell(report, run, kind))}</tr>`,
  );
  return html`<table class="answer"><thead><tr><th scope="col">kind of work</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function pickPoints(report: Report): PickPoint[] {
  return report.answers.flatMap((answer) =>
    answer.workloads.flatMap(({ decision, text }) => {
      const cell = decision.best.recommendation?.cell;
      const speed = cell ? speedupWithCi(cell) : undefined;
      if (!cell || !speed) return [];
      const pick = text.pick ?? cell.strategy;
      return [
        {
          runtime: runTitle(answer.run, report.aggregate),
          workload: shortWorkload(decision.group),
          pick,
          ...speed,
        },
      ];
    }),
  );
}

function picture(report: Report): SafeHtml {
  const runtimes = report.aggregate.runs.map((run) => runTitle(run, report.aggregate));
  const points = pickPoints(report);
  const chart = answerChart(points, runtimes);
  if (!chart) return html`<p class="note">No pick has a speedup over sequential to draw.</p>`;
  const rows = points.map((p) => ({ cells: [p.workload, p.runtime, p.pick, ratioCi(p)] }));
  return html`<figure class="answer-chart">${chart}<figcaption>Every workload’s pick per runtime: speedup over sequential (log scale) with its 95% CI; left of the grey line is slower than sequential.</figcaption>
<details><summary>the numbers</summary>${table(['workload', 'runtime', 'pick', 'speedup [95% CI]'], rows)}</details></figure>`;
}

/**
 * The first screen: what to use per kind of work (rows) and runtime (columns): the family the decision
 * rule picks for most workloads, the typical workload's pick in hyperfine's words with its CI, the verdict
 * and the equivalent cells; beside it, one picture of every workload's pick.
 */
export function answerSection(report: Report): SafeHtml {
  return html`<section id="answer" aria-labelledby="answer-title">
<h2 id="answer-title">What to use</h2>
<div class="answer-grid"><div class="scroll">${answerTable(report)}</div>${picture(report)}</div>
<p class="note">${ANSWER_METHOD}</p>
</section>`;
}
