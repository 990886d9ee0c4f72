import { runTitle } from '../../../shared/aggregate.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { badge } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import type { ClaimAnswer, ClaimResult } from '../../claims/types.js';
import { filterAttrs, part } from './filters.js';

function answerBlock(answer: ClaimAnswer, report: Report): SafeHtml {
  const parts = answer.parts.map(
    (p) =>
      html`<li>${badge(p.verdict)} <code>${p.subject}</code>: <span class="numbers">${p.numbers}</span>${p.settle ? html` <span class="settle">To settle: ${p.settle}.</span>` : ''}</li>`,
  );
  const missing = answer.missing.map((m) => html`<li>${badge('not measured here')} ${m}</li>`);
  return html`<div class="claim-answer"${filterAttrs({ runtime: [answer.run.runtime] })}>
<div><span class="runtime">${runTitle(answer.run, report.aggregate)}</span> ${badge(answer.verdict)}</div>
<ul>${parts}${missing}</ul></div>`;
}

function claimBlock(claim: ClaimResult, report: Report): SafeHtml {
  return html`<article class="claim" id="claim-${claim.id}">
<h3><span class="claim-id">${claim.id}</span> ${claim.claim}</h3>
<p class="method">How it is tested: ${claim.method}</p>
<div class="answers">${claim.answers.map((answer) => answerBlock(answer, report))}</div>
</article>`;
}

/** The claims' verdicts in one grid (short: it stays open below the answer). */
export function claimsGrid(report: Report): SafeHtml {
  const runs = report.aggregate.runs;
  const head = runs.map(
    (run) =>
      html`<th scope="col"${filterAttrs({ runtime: [run.runtime] })}>${runTitle(run, report.aggregate)}</th>`,
  );
  const rows = report.claims.map(
    (claim) =>
      html`<tr><th scope="row"><a href="#claim-${claim.id}">${claim.id}</a></th><td class="claim-text">${claim.claim}</td>${claim.answers.map(
        (answer) => html`<td${filterAttrs({ runtime: [answer.run.runtime] })}>${badge(answer.verdict)}</td>`,
      )}</tr>`,
  );
  return html`<section id="claims-grid" aria-labelledby="claims-title"><h2 id="claims-title">Claims C1-C12</h2>
<p class="note">The articles’ claims, answered per runtime. That two things are alike holds only when their ratio’s 95% CI lies inside 1 ± 5%; that one is faster, only when it lies above 1.05; an inconclusive answer says what would settle it (open the claim).</p>
<div class="scroll"><table class="claims-summary"><thead><tr><th scope="col">claim</th><th scope="col">what it says</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** Each claim with its method and, per runtime, the numbers behind each verdict. */
export function claimsPart(report: Report): SafeHtml {
  return part(
    'claims',
    'Claims in detail',
    'how each claim is tested, the numbers behind each verdict, what would settle an inconclusive one',
    html`${report.claims.map((claim) => claimBlock(claim, report))}`,
  );
}
