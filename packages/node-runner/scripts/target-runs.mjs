#!/usr/bin/env node
// How reliably the Node runner meets its performance targets: N consecutive quick runs of the cells the
// targets read (noop with the round trip beside it, primes, http and http-get), each target judged in each
// run from numbers measured side by side in that run; prints the pass counts and every run's ratios.
// Usage: node scripts/target-runs.mjs [--runs 10] [--profile quick]      (a benchmark: run it alone)
import { parseArgs } from 'node:util';
import { performanceTargets } from '@paralab/host';
import { runNode } from '../dist/index.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, profile: { type: 'string', default: 'quick' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new RangeError(`--runs must be a positive integer, got ${values.runs}`);

const tally = new Map();
const begin = performance.now();
for (let run = 1; run <= runs; run++) {
  const results = await runNode({
    workloads: ['noop', 'primes', 'http', 'http-get'],
    profile: values.profile,
    calibration: false,
    seed: run,
  });
  for (const target of performanceTargets(results)) {
    const entry = tally.get(target.id) ?? {
      name: target.name,
      limit: `${target.comparison} ${target.limit}`,
      pass: 0,
      ratios: [],
    };
    if (target.status === 'pass') entry.pass++;
    entry.ratios.push(target.ratio === undefined ? 'n/m' : target.ratio.toFixed(2));
    tally.set(target.id, entry);
  }
  process.stdout.write(`run ${run}/${runs} done (${((performance.now() - begin) / 1000).toFixed(0)} s)\n`);
}
process.stdout.write(`\nPerformance targets over ${runs} consecutive ${values.profile} Node runs:\n`);
for (const [id, { name, limit, pass, ratios }] of tally)
  process.stdout.write(
    `${`${pass}/${runs}`.padStart(6)}  ${id.padEnd(18)} ${limit.padEnd(8)} ${name}\n        ratios: ${ratios.join(' ')}\n`,
  );
