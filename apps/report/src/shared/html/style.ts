/**
 * The base stylesheet of paralab's pages (report.html and compare.html), inlined: the pages open offline.
 * Verdict badges use a colour-blind-safe pair (blue for a positive answer, vermillion for a negative one)
 * and always carry their word; dashed borders mark "not measured".
 */
export const BASE_STYLE = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#fff; --soft:#f6f8fa; --accent:#0b5cad; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 14px; }
h1 { font-size: 22px; margin: 0 0 2px; }
h2 { font-size: 19px; margin: 0; display: inline; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.intro, p.note, .method, figcaption { color: var(--muted); max-width: 110ch; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
a, details summary { color: var(--accent); }
:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
tbody tr:nth-child(even) { background: #fbfcfd; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; white-space: nowrap; border: 1px solid transparent; }
.b-holds, .b-wins, .b-faster { background: #e3effa; color: #0b3d6e; border-color: #0072b2; }
.b-tie { background: #eef6fb; color: #0b3d6e; border-color: #56b4e9; }
.b-partly-holds, .b-provisional { background: #fdf3dc; color: #6b4400; border-color: #e69f00; border-style: dotted; }
.b-does-not-hold, .b-errored, .b-invalid, .b-slower, .b-interrupted { background: #fbe7dc; color: #7a2700; border-color: #d55e00; }
.b-inconclusive, .b-none { background: #eef1f4; color: #3a4048; border-color: #8c959f; }
.b-not-measured-here, .b-unsupported { background: #fff; color: var(--muted); border-color: var(--line); border-style: dashed; }
.b-noisy, .b-oversubscribed, .b-ci-wide, .b-budget-limited, .b-below-timer-resolution, .b-under-sampled, .b-multimodal, .b-long-warmup { background: #fff; color: #6b4400; border-color: #e69f00; }
details { margin: 6px 0; }
details summary { cursor: pointer; }
.warning { border: 1px solid #e69f00; background: #fdf3dc; padding: 6px 12px; border-radius: 6px; margin: 8px 0; }
footer { color: var(--muted); padding: 24px 20px; }
svg { max-width: 100%; height: auto; }
`;
