// Whether the cells of results files were warm when their samples began, per runtime and family: how many
// cells had their first kept sample as their slowest (by chance: the sum of 1/n over the cells), and each
// of the first four samples and the last warm-up as a multiple of the cell's median, averaged. A first
// sample slowest far more often than chance, or well above 1.00, means warm-up ended too early.
//   node packages/core/scripts/warmup-report.mjs results/*.json          (build core first; exit 2 on bad input)
import { readFileSync } from 'node:fs';
import { parseResults } from '../dist/index.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: warmup-report.mjs <results.json>...\n');
  process.exit(2);
}

const POSITIONS = 4;
const mean = (values) => values.reduce((sum, x) => sum + x, 0) / values.length;
const rows = new Map();
for (const file of files) {
  let results;
  try {
    results = parseResults(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    process.stderr.write(`${file}: ${error.message}\n`);
    process.exit(2);
  }
  for (const cell of results.cells) {
    if (cell.status !== 'ok' || cell.kind === 'calibration' || !cell.stats) continue;
    if (cell.samples.length < POSITIONS) continue;
    const key = `${results.runtime.name} ${cell.family}`;
    const row = rows.get(key) ?? { cells: 0, firstSlowest: 0, chance: 0, positions: [], lastWarmup: [] };
    const { median } = cell.stats;
    row.cells++;
    row.chance += 1 / cell.samples.length;
    if (cell.samples[0] === Math.max(...cell.samples)) row.firstSlowest++;
    row.positions.push(cell.samples.slice(0, POSITIONS).map((x) => x / median));
    if (cell.warmups.length > 0) row.lastWarmup.push(cell.warmups[cell.warmups.length - 1] / median);
    rows.set(key, row);
  }
}

process.stdout.write(
  '| runtime family | cells | first sample slowest (chance) | last warm-up | samples 1-4 / median |\n|---|---|---|---|---|\n',
);
for (const [key, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  const positions = Array.from({ length: POSITIONS }, (_, i) =>
    mean(row.positions.map((p) => p[i])).toFixed(2),
  );
  const lastWarmup = row.lastWarmup.length > 0 ? mean(row.lastWarmup).toFixed(2) : '-';
  process.stdout.write(
    `| ${key} | ${row.cells} | ${row.firstSlowest} (${row.chance.toFixed(1)}) | ${lastWarmup} | ${positions.join(' ')} |\n`,
  );
}
