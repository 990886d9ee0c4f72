import type { Entry } from '../../../shared/aggregate.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import type { Report } from '../../build.js';

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

/**
 * ` data-cell="run-1:7" tabindex="0"`: the page shows the cell's raw samples when its row is clicked, or
 * focused and Enter or Space pressed.
 */
export function cellRef(entry: Entry): SafeHtml {
  return html` data-cell="${entry.run.id}:${entry.index}" tabindex="0"`;
}

function select(name: string, values: readonly string[]): SafeHtml {
  const options = [...new Set(values)].map(
    (value) => html`<option value="${filterValue(value)}">${value}</option>`,
  );
  return html`<label>${name} <select name="${name}"><option value="">all</option>${options}</select></label>`;
}

/** The filter bar (runtime, workload, kind): hidden until the page's script shows it. */
export function filterBar(report: Report): SafeHtml {
  const cells = report.aggregate.runs.flatMap((run) => run.entries.map((entry) => entry.cell));
  return html`<div id="filters" role="search" aria-label="filter the details" hidden>${select(
    'runtime',
    report.aggregate.runs.map((run) => run.runtime),
  )}${select(
    'workload',
    cells.map((cell) => cell.workload),
  )}${select(
    'kind',
    cells.map((cell) => cell.kind),
  )}<span id="filter-status" class="note" aria-live="polite"></span></div>`;
}

/**
 * A part of the details, collapsed: `<details id>` whose summary holds the part's title and a one-line
 * summary, then the body (loaded with the page, shown on demand).
 */
export function part(id: string, title: string, summary: string, body: SafeHtml): SafeHtml {
  return html`<details class="part" id="${id}"><summary><h2>${title}</h2> <span class="sum">${summary}</span></summary><div class="part-body">${body}</div></details>`;
}
