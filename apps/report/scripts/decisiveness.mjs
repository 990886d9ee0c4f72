#!/usr/bin/env node
// How decisive a set of results is, and how stable its answers are from one run to the next: the share of
// decision rows (one per runtime × workload × parameters, decided by core's rule as the report decides them)
// that are decisive (`wins`, or a `tie` with its recommendation, not `provisional`); the share whose family
// is decided (decisive, or provisional with the family settled: only the strategy within it is open); both
// again over the rows of work alone (without the probes noop, blocking and grain, which "what to use" leaves
// out), rows where every cell is unsupported (nothing to decide) left out and named; and, given a second
// set of the same plan, the share of rows that recommend the same family in both.
// Usage: node scripts/decisiveness.mjs RESULTS_A [RESULTS_B]      (folders or files, as paralab-report takes)
import { aggregate, decide, loadResults, NOT_WORK } from '../dist/index.js';

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

/**
 * Decision rows of a results set, by `runtime workload(params)`, and the rows left out because every cell
 * is unsupported on that runtime.
 */
async function rowsOf(path) {
  const { files, errors } = await loadResults([path]);
  for (const error of errors) process.stderr.write(`${error.path}: ${error.message}\n`);
  const rows = new Map();
  const unsupported = [];
  for (const decision of decide(aggregate(files))) {
    if (decision.kind === 'calibration') continue;
    // Nothing to decide where the runtime cannot run the workload at all (a page has no TCP sockets).
    if (decision.entries.every((entry) => entry.cell.status === 'unsupported')) {
      unsupported.push(`${decision.run.file.results.runtime.name} ${decision.group}`);
      continue;
    }
    const runtime = decision.run.file.results.runtime.name;
    rows.set(`${runtime} ${decision.group}`, { ...decision.best, probe: NOT_WORK.has(decision.workload) });
  }
  return { rows, unsupported };
}

const share = (count, total) => `${count}/${total} = ${total ? ((100 * count) / total).toFixed(0) : '-'}%`;

const decisive = (best) => best.verdict === 'wins' || best.verdict === 'tie';
const familyDecided = (best) => decisive(best) || best.familySettled !== undefined;

function decisiveness(label, { rows, unsupported }) {
  const all = [...rows.values()];
  const work = all.filter((best) => !best.probe);
  const counts = Object.entries(
    all.reduce((tally, best) => ({ ...tally, [best.verdict]: (tally[best.verdict] ?? 0) + 1 }), {}),
  ).map(([verdict, n]) => `${verdict} ${n}`);
  const count = (list, test) => list.filter(test).length;
  process.stdout.write(
    `${label}: decisive rows ${share(count(all, decisive), all.length)} (${counts.join(', ')}); family decided ${share(count(all, familyDecided), all.length)}\n` +
      `  rows of work (without noop, blocking, grain): decisive ${share(count(work, decisive), work.length)}; family decided ${share(count(work, familyDecided), work.length)}\n`,
  );
  for (const [row, best] of rows)
    if (!decisive(best))
      process.stdout.write(
        `  ${best.verdict.padEnd(11)} ${row}${best.familySettled ? ` (family settled: ${best.familySettled})` : ''}\n`,
      );
  if (unsupported.length > 0)
    process.stdout.write(`  left out, every cell unsupported there: ${unsupported.join('; ')}\n`);
}

const setA = await rowsOf(first);
decisiveness(first, setA);
if (second) {
  const setB = await rowsOf(second);
  decisiveness(second, setB);
  const [a, b] = [setA.rows, setB.rows];
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
