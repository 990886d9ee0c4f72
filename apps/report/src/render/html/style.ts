/** The report page's stylesheet (inline: the page must open offline). */
export const STYLE = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#fff; --soft:#f6f8fa; --accent:#0969da; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 22px 0 6px; }
p.intro, p.note, .method, figcaption { color: var(--muted); max-width: 95ch; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
nav { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 8px 0; }
nav a { color: var(--accent); text-decoration: none; }
.errors-box { border: 1px solid #d4a72c; background: #fff8c5; padding: 8px 12px; border-radius: 6px; }
#filters { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line); padding: 8px 0; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
#filters label { color: var(--muted); }
#filters select { margin-left: 4px; font: inherit; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
tbody tr:nth-child(even) { background: #fbfcfd; }
tr[data-cell] { cursor: pointer; }
table.decisions td:nth-child(5), table.decisions td:nth-child(n+8), table.matrix td:nth-child(n+4), table.problems td:nth-child(3) { white-space: nowrap; }
.numbers { font-variant-numeric: tabular-nums; }
tr[data-cell]:hover, tr[data-cell]:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; white-space: nowrap; border: 1px solid transparent; }
.b-holds, .b-wins { background: #dafbe1; color: #116329; border-color: #4ac26b; }
.b-partly-holds { background: #fff8c5; color: #7d4e00; border-color: #d4a72c; }
.b-does-not-hold, .b-errored, .b-invalid { background: #ffebe9; color: #a40e26; border-color: #ff8182; }
.b-inconclusive, .b-no-clear-winner, .b-only-one-valid-cell { background: #eef1f4; color: #424a53; border-color: #afb8c1; }
.b-not-measured-here, .b-no-valid-cell, .b-unsupported { background: #fff; color: var(--muted); border-color: var(--line); border-style: dashed; }
.b-noisy, .b-oversubscribed, .b-ci-wide, .b-budget-limited, .b-below-timer-resolution { background: #fff1e5; color: #953800; border-color: #fb8f44; }
.claim-text { max-width: 70ch; color: var(--muted); }
.claim { border: 1px solid var(--line); border-radius: 8px; padding: 4px 14px 10px; margin: 14px 0; }
.claim h3 { margin: 8px 0 2px; }
.claim-id { display: inline-block; min-width: 34px; color: var(--accent); }
.answers { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 10px; }
.answer { background: var(--soft); border-radius: 6px; padding: 6px 10px; }
.answer p { margin: 4px 0; }
.answer ul { padding-left: 18px; margin: 4px 0; }
.answer li { margin: 3px 0; }
.runtime { font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 18px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px 10px; }
figure.chart h3 { margin: 6px 0; }
.kind { font-weight: normal; color: var(--muted); font-size: 12px; }
.ratio { display: inline-block; padding: 0 6px; border-radius: 4px; }
.ratio.ns { color: var(--muted); }
details { margin: 6px 0; }
details summary { cursor: pointer; color: var(--accent); }
details.dist { border-bottom: 1px solid var(--line); padding: 4px 0; }
.missing { color: var(--muted); }
#inspector { position: fixed; right: 16px; bottom: 16px; width: min(460px, 92vw); max-height: 70vh; overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.15); padding: 8px 12px; z-index: 10; }
#inspector pre { white-space: pre-wrap; font: 12px ui-monospace, monospace; margin: 4px 0; }
#inspector button { float: right; }
footer { color: var(--muted); padding: 30px 20px; }
svg { max-width: 100%; height: auto; }
`;
