#!/usr/bin/env node
// The fault-by-strategy table (issue 13): a module whose tasks misbehave (exit the process, throw null,
// leave a rejection unhandled, loop for ever, run out of heap, return something no message can carry),
// beside a healthy `double`, run under every strategy of Node and Bun and in Chromium, through the runners'
// public APIs with a 2 s watchdog and a 64 MB heap limit. Prints one row per fault and strategy with the
// recorded status and reason, and whether the healthy workload was measured. Then a syntax error in a
// module, through the CLI: its one-line error must keep file, line and column.
//
//   pnpm build && node scripts/fault-matrix.mjs [node,bun,chromium]
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const say = (line = '') => process.stdout.write(`${line}\n`);
const { runNode } = await import(join(root, 'packages/node-runner/dist/index.js'));
const { runBun } = await import(join(root, 'packages/bun-runner/dist/index.js'));
const { runBrowser } = await import(join(root, 'packages/browser-runner/dist/index.js'));
const { profiles } = await import(join(root, 'packages/core/dist/index.js'));

const MODULE = `
const tasks = { type: 'integer', default: 4, min: 2, description: 'tasks per sample' };
const inputs = ({ tasks: n }) => Array.from({ length: n }, (_, i) => i);
const held = [];
const faulty = (id, description, fault) => ({
  id, kind: 'cpu', description, params: { tasks }, prepare: inputs,
  run: (n) => (n === 1 ? fault(n) : n),
  verify: (output, n) => (output === n ? true : 'expected ' + n + ', got ' + String(output)),
});
export const workloads = [
  faulty('exits', 'task 1 calls process.exit(7)', () => process.exit(7)),
  faulty('throws-null', 'task 1 throws null', () => { throw null; }),
  faulty('rejects-unhandled', 'task 1 leaves a rejection unhandled', (n) => {
    Promise.reject(new Error('nobody handles this'));
    return n;
  }),
  faulty('loops', 'task 1 loops for ever', () => { for (;;) {} }),
  faulty('bloats', 'task 1 fills the heap', () => { for (;;) held.push(new Array(1_000_000).fill(held.length)); }),
  faulty('uncloneable', 'task 1 returns a function', () => () => 1),
  { id: 'double', kind: 'cpu', description: 'doubles a number (healthy)', params: { tasks }, prepare: inputs,
    run: (n) => n * 2, verify: (output, n) => (output === n * 2 ? true : 'wrong') },
];
`;

const RUNTIMES = {
  node: {
    run: runNode,
    strategies:
      'sequential,async,worker,worker-pipelined,piscina,workerpool,tinypool,process,process-cold,hybrid',
  },
  bun: {
    run: runBun,
    strategies:
      'sequential,async,worker,worker-pipelined,worker-threads,worker-threads-pipelined,piscina,tinypool,workerpool-web,process,process-cold,fork,hybrid',
  },
  chromium: { run: runBrowser, strategies: 'sequential,async,worker,worker-pipelined,workerpool,hybrid' },
};

const chosen = (process.argv[2] ?? 'node,bun,chromium').split(',');
const dir = await mkdtemp(join(tmpdir(), 'paralab-faults-'));
const module = join(dir, 'faults.mjs');
await writeFile(module, MODULE);
const profile = { ...profiles.quick, minSamples: 3, maxSamples: 3, sampleTimeoutMs: 2_000 };
const short = (text) => (text ?? '').replace(/\s+/g, ' ').slice(0, 110);

try {
  for (const name of chosen) {
    const { run, strategies } = RUNTIMES[name];
    const started = performance.now();
    const results = await run({
      modules: [module],
      strategies: strategies.split(','),
      concurrency: [2],
      profile,
      heapLimitMb: 64,
      calibration: false,
      lock: true,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    say(`\n## ${name}: ${results.cells.length} cells in ${seconds} s, complete: ${results.complete}\n`);
    say('| fault | strategy | status | reason |');
    say('|---|---|---|---|');
    for (const cell of results.cells) {
      const measured = cell.status === 'ok' ? `${cell.samples.length} samples` : short(cell.reason);
      say(`| ${cell.workload} | ${cell.strategy} | ${cell.status} | ${measured} |`);
    }
  }

  // A syntax error: the module cannot load, so it is a one-line error with its location, exit 2.
  const broken = join(dir, 'broken.ts');
  await writeFile(broken, 'export const workloads = [\n  { id: "x", run: (n) => n +, },\n];\n');
  const cli = join(root, 'packages/node-runner/dist/cli.js');
  const ran = await promisify(execFile)(process.execPath, [
    cli,
    '--module',
    broken,
    '--profile',
    'quick',
  ]).then(
    () => ({ code: 0, stderr: '' }),
    (error) => ({ code: error.code, stderr: error.stderr }),
  );
  say(`\nsyntax error, paralab-node --module broken.ts: exit ${ran.code}: ${ran.stderr.trim()}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
