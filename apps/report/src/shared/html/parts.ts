import { html, raw, type SafeHtml } from './escape.js';

/** Text that may break after each comma (`<wbr>`), for long `workload(a=1,b=2)` names; escaped. */
export function breakable(text: string): SafeHtml {
  const pieces = text.split(',');
  return html`${pieces.map((piece, i) => html`${piece}${i < pieces.length - 1 ? raw(',<wbr>') : ''}`)}`;
}

/**
 * A verdict as a labelled badge (holds, does not hold, wins, tie, provisional ...): the word is always
 * written out, so colour is never the only signal.
 */
export function badge(verdict: string): SafeHtml {
  return html`<span class="badge b-${verdict.replace(/[^a-z]+/g, '-')}">${verdict}</span>`;
}

/** One row of `table`: already-rendered cells, and attributes for the `<tr>`. */
export interface TableRow {
  cells: readonly unknown[];
  attrs?: SafeHtml;
}

/** A table in a horizontally scrolling box: header cells, then rows; cells are escaped unless SafeHtml. */
export function table(header: readonly string[], rows: readonly TableRow[], className = ''): SafeHtml {
  return html`<div class="scroll"><table class="${className}"><thead><tr>${header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => html`<tr${row.attrs ?? ''}>${row.cells.map((cell) => html`<td>${cell}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}
