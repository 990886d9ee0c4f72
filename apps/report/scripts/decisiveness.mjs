#!/usr/bin/env node
// How decisive a set of results is, and how stable its answers are from one run to the next: the share of
// decision rows (one per runtime × workload × parameters, decided by core's rule as the report decides them)
// that are decisive (`wins`, or a `tie` with its recommendation, not `provisional`), and, given a second set
// of the same plan, the share of rows that recommend the same family in both.
// Usage: node scripts/decisiveness.mjs RESULTS_A [RESULTS_B]      (folders or files, as paralab-report takes)
import { aggregate, decide, loadResults } from '../dist/index.js';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const [first, second] = process.argv.slice(2);
if (!first) {
  process.stderr.write('usage: decisiveness.mjs RESULTS_A [RESULTS_B]\n');
  process.exit(2);
}

/** Decision rows of a results set, by `runtime workload(params)`. */
async function rowsOf(path) {
  const { files, errors } = await loadResults([path]);
  for (const error of errors) process.stderr.write(`${error.path}: ${error.message}\n`);
  const rows = new Map();
  for (const decision of decide(aggregate(files))) {
    if (decision.kind === 'calibration') continue;
    const runtime = decision.run.file.results.runtime.name;
    rows.set(`${runtime} ${decision.group}`, decision.best);
  }
  return rows;
}

const share = (count, total) => `${count}/${total} = ${total ? ((100 * count) / total).toFixed(0) : '-'}%`;

function decisiveness(label, rows) {
  const verdicts = [...rows.values()].map((best) => best.verdict);
  const decisive = verdicts.filter((v) => v === 'wins' || v === 'tie').length;
  const counts = Object.entries(
    verdicts.reduce((tally, v) => ({ ...tally, [v]: (tally[v] ?? 0) + 1 }), {}),
  ).map(([verdict, n]) => `${verdict} ${n}`);
  process.stdout.write(`${label}: decisive rows ${share(decisive, rows.size)} (${counts.join(', ')})\n`);
  for (const [row, best] of rows)
    if (best.verdict !== 'wins' && best.verdict !== 'tie')
      process.stdout.write(`  ${best.verdict.padEnd(11)} ${row}\n`);
}

const a = await rowsOf(first);
decisiveness(first, a);
if (second) {
  const b = await rowsOf(second);
  decisiveness(second, b);
  const familyOf = (best) => best.recommendation?.cell.family;
  const both = [...a.keys()].filter((row) => b.has(row));
  const same = both.filter((row) => familyOf(a.get(row)) === familyOf(b.get(row)));
  process.stdout.write(`same recommended family in both: ${share(same.length, both.length)}\n`);
  for (const row of both)
    if (!same.includes(row))
      process.stdout.write(
        `  ${row}: ${familyOf(a.get(row)) ?? 'none'} (${a.get(row).recommendation?.cell.strategy ?? '-'}) then ${familyOf(b.get(row)) ?? 'none'} (${b.get(row).recommendation?.cell.strategy ?? '-'})\n`,
      );
}
