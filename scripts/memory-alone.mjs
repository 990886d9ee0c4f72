#!/usr/bin/env node
// Per-cell memory (issue 13): the footprint of `sequential@1` on a memory-heavy workload (each task fills
// and sums a fresh 32 MiB buffer) measured alone, then in one group with worker, piscina and process cells,
// whose samples are interleaved with it. The cell's own footprint is read while it is the only cell being
// created and warmed up, so the two must agree within 10%; the whole-process peak is printed beside it.
//
//   pnpm build && node scripts/memory-alone.mjs
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const say = (line = '') => process.stdout.write(`${line}\n`);
const { runNode } = await import(join(root, 'packages/node-runner/dist/index.js'));

const MODULE = `
export const workloads = [{
  id: 'fill', kind: 'cpu', description: 'fills and sums a fresh 32 MiB buffer per task',
  params: { tasks: { type: 'integer', default: 4, min: 1, description: 'tasks per sample' } },
  prepare: ({ tasks }) => Array.from({ length: tasks }, (_, i) => i + 1),
  run: (n) => {
    const bytes = new Uint8Array(32 * 1024 * 1024).fill(n);
    let sum = 0;
    for (let i = 0; i < bytes.length; i += 4096) sum += bytes[i];
    return sum;
  },
  verify: (sum, n) => (sum === n * 8192 ? true : 'wrong sum ' + sum),
}];
`;

const dir = await mkdtemp(join(tmpdir(), 'paralab-memory-'));
const module = join(dir, 'fill.mjs');
await writeFile(module, MODULE);
const MB = (bytes) => (bytes / 2 ** 20).toFixed(1);

try {
  const rows = [];
  for (const strategies of [['sequential'], ['sequential', 'worker', 'piscina', 'process']]) {
    const results = await runNode({
      modules: [module],
      strategies,
      concurrency: [2],
      profile: 'quick',
      calibration: false,
    });
    const cell = results.cells.find((c) => c.strategy === 'sequential');
    rows.push({ group: strategies.join(','), cell });
  }
  say('| sequential@1 run | own footprint (delta) MB | own peak MB | whole-process peak RSS MB |');
  say('|---|---|---|---|');
  for (const { group, cell } of rows) {
    const f = cell.metrics.footprint;
    say(
      `| ${group} | ${MB(f.deltaBytes)} | ${MB(f.peakBytes)} | ${MB(cell.metrics?.peakRssBytes ?? Number.NaN)} |`,
    );
  }
  const [alone, grouped] = rows.map((r) => r.cell.metrics.footprint.deltaBytes);
  say(
    `\ngrouped / alone = ${(grouped / alone).toFixed(3)} (within 10%: ${Math.abs(grouped / alone - 1) <= 0.1})`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
