import type { Entry } from '../../aggregate.js';
import { html, raw, type SafeHtml } from './escape.js';

/** What a filterable element is about; each list may hold several values. */
export interface FilterKeys {
  runtime?: readonly string[];
  workload?: readonly string[];
  kind?: readonly string[];
}

/** A filter value as it appears in data attributes and option values (spaces separate values). */
export function filterValue(value: string): string {
  return encodeURIComponent(value);
}

/** ` data-f data-runtime="…" data-workload="…" data-kind="…"`: marks an element for the page's filters. */
export function filterAttrs(keys: FilterKeys): SafeHtml {
  const attr = (name: string, values: readonly string[] | undefined) =>
    values && values.length > 0
      ? html` data-${name}="${[...new Set(values)].map(filterValue).join(' ')}"`
      : '';
  return html` data-f${attr('runtime', keys.runtime)}${attr('workload', keys.workload)}${attr('kind', keys.kind)}`;
}

/** Filter keys of one entry. */
export function entryKeys(entry: Entry): FilterKeys {
  return { runtime: [entry.run.runtime], workload: [entry.cell.workload], kind: [entry.cell.kind] };
}

/** Text that may break after each comma (`<wbr>`), for long `workload(a=1,b=2)` names; escaped. */
export function breakable(text: string): SafeHtml {
  const pieces = text.split(',');
  return html`${pieces.map((piece, i) => html`${piece}${i < pieces.length - 1 ? raw(',<wbr>') : ''}`)}`;
}

/** A verdict as a coloured label: holds, partly holds, does not hold, inconclusive, not measured here, wins ... */
export function badge(verdict: string): SafeHtml {
  return html`<span class="badge b-${verdict.replace(/[^a-z]+/g, '-')}">${verdict}</span>`;
}

/** A table: header cells and rows of already-rendered cells; `rowAttrs` adds attributes to each row. */
export function table(
  header: readonly string[],
  rows: readonly { cells: readonly unknown[]; attrs?: SafeHtml }[],
  className = '',
): SafeHtml {
  return html`<div class="scroll"><table class="${className}"><thead><tr>${header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => html`<tr${row.attrs ?? ''}>${row.cells.map((cell) => html`<td>${cell}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

/** `data-cell="run-1:7"`: lets the page show a cell's raw samples when its row is clicked. */
export function cellRef(entry: Entry): SafeHtml {
  const index = entry.run.file.results.cells.indexOf(entry.cell);
  return html` data-cell="${entry.run.id}:${index}" tabindex="0"`;
}

/** A section with its number, title and intro. */
export function section(id: string, title: string, intro: SafeHtml | string, body: SafeHtml): SafeHtml {
  return html`<section id="${id}"><h2>${title}</h2><p class="intro">${intro}</p>${body}</section>`;
}
