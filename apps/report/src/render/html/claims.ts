import { runTitle } from '../../aggregate.js';
import type { ClaimAnswer, ClaimResult } from '../../claims/types.js';
import type { Report } from '../../report.js';
import { badge, filterAttrs, section } from './_parts.js';
import { html, type SafeHtml } from './escape.js';

function answerBlock(answer: ClaimAnswer, report: Report): SafeHtml {
  const parts = answer.parts.map(
    (p) =>
      html`<li>${badge(p.verdict)} <code>${p.subject}</code>: <span class="numbers">${p.numbers}</span></li>`,
  );
  const missing = answer.missing.map((m) => html`<li>${badge('not measured here')} ${m}</li>`);
  return html`<div class="answer"${filterAttrs({ runtime: [answer.run.runtime] })}>
<div class="answer-head"><span class="runtime">${runTitle(answer.run, report.aggregate)}</span> ${badge(answer.verdict)}</div>
<ul>${parts}${missing}</ul>
</div>`;
}

function claimBlock(claim: ClaimResult, report: Report): SafeHtml {
  return html`<article class="claim" id="claim-${claim.id}">
<h3><span class="claim-id">${claim.id}</span> ${claim.claim}</h3>
<p class="method">How it is tested: ${claim.method}</p>
<div class="answers">${claim.answers.map((answer) => answerBlock(answer, report))}</div>
</article>`;
}

/** Part 2: the claims check, each claim with its answer per runtime. */
export function claimsSection(report: Report): SafeHtml {
  const summary = html`<div class="scroll"><table class="claims-summary"><thead><tr><th>claim</th><th>what it says</th>${report.aggregate.runs.map(
    (run) => html`<th${filterAttrs({ runtime: [run.runtime] })}>${runTitle(run, report.aggregate)}</th>`,
  )}</tr></thead><tbody>${report.claims.map(
    (claim) =>
      html`<tr><td><a href="#claim-${claim.id}">${claim.id}</a></td><td class="claim-text">${claim.claim}</td>${claim.answers.map(
        (answer) => html`<td${filterAttrs({ runtime: [answer.run.runtime] })}>${badge(answer.verdict)}</td>`,
      )}</tr>`,
  )}</tbody></table></div>`;
  return section(
    'claims',
    '2. Claims check',
    'Each claim of the seeds (C1-C12), answered per runtime: holds, partly holds, does not hold, inconclusive (measured, but not significant), or not measured here (with what is missing).',
    html`${summary}${report.claims.map((claim) => claimBlock(claim, report))}`,
  );
}
