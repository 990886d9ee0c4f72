import { BASE_STYLE } from '../../../shared/html/style.js';

/** The report page's stylesheet: the base, then the answer's layout, the parts and the charts. */
export const REPORT_STYLE = `${BASE_STYLE}
.intro { margin: 2px 0 8px; }
#answer h2, #claims-grid h2 { display: block; font-size: 19px; margin: 6px 0 4px; }
.answer-grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; align-items: start; }
.answer-grid .answer-chart { max-width: 760px; }
table.answer { width: 100%; margin: 0; }
table.answer td { min-width: 150px; font-size: 13px; line-height: 1.35; }
table.answer details.why summary { font-size: 12px; color: #555; cursor: pointer; }
table.answer th[scope=row] { white-space: nowrap; }
.fam strong { font-size: 14.5px; }
.agree, .eq, .also, .settle, .headline, .model { color: var(--muted); }
.speed { margin: 2px 0; }
.answer-chart { margin: 0; }
.answer-chart figcaption { font-size: 12.5px; }
#filters { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.97); border-bottom: 1px solid var(--line); padding: 8px 0; margin-top: 14px; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
#filters label { color: var(--muted); }
#filters select { font: inherit; }
details.part { border-top: 1px solid var(--line); padding: 6px 0; }
details.part > summary { padding: 4px 0; }
details.part > summary .sum { color: var(--muted); font-size: 13px; margin-left: 6px; }
.part-body { padding: 4px 0 12px; }
tr[data-cell] { cursor: pointer; }
tr[data-cell]:hover, tr[data-cell]:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
table.decisions td:nth-child(5), table.problems td:nth-child(3) { white-space: nowrap; }
.why { color: var(--muted); font-size: 12.5px; }
.claim-text { max-width: 60ch; color: var(--muted); }
.claim { border: 1px solid var(--line); border-radius: 8px; padding: 4px 14px 10px; margin: 12px 0; }
.claim h3 { margin: 8px 0 2px; }
.claim-id { display: inline-block; min-width: 34px; color: var(--accent); }
.answers { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 10px; }
.claim-answer { background: var(--soft); border-radius: 6px; padding: 6px 10px; }
.claim-answer ul { padding-left: 18px; margin: 4px 0; }
.runtime { font-weight: 600; }
.charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 14px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px 10px; }
.kind { font-weight: normal; color: var(--muted); font-size: 12px; }
table.matrix td { white-space: nowrap; }
table.matrix td.f-missing { background: #fff; color: var(--muted); }
tr.geomean th, tr.geomean td { border-bottom: 2px solid var(--fg); }
.missing { color: var(--muted); }
#inspector { position: fixed; right: 16px; bottom: 16px; width: min(460px, 92vw); max-height: 70vh; overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.15); padding: 8px 12px; z-index: 10; }
#inspector pre { white-space: pre-wrap; font: 12px ui-monospace, monospace; margin: 4px 0; }
#inspector button { float: right; }
.errors-box { border: 1px solid #e69f00; background: #fdf3dc; padding: 8px 12px; border-radius: 6px; }
`;
