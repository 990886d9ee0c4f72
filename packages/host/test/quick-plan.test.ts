import { describe, expect, it } from 'vitest';
import { type PlanEntry, type PlanStrategies, questionPlan } from '../dist/index.js';

const ROLES: PlanStrategies = {
  threads: ['worker'],
  pipelined: ['worker-pipelined'],
  pools: ['piscina', 'workerpool', 'tinypool'],
  processes: ['process'],
  cold: ['process-cold'],
  transfer: ['transfer'],
  shared: ['shared'],
  hybrid: ['hybrid'],
  database: true,
  floors: ['worker_threads/message-roundtrip'],
  serve: ['serve-loop', 'serve-cluster', 'serve-offload', 'serve-reuseport'],
};

/** An entry's parameters in the profile, `(list=balanced)`; empty when it has none. */
function params(entry: PlanEntry, quick: PlanEntry['quick']): string {
  const all = { ...entry.params, ...(quick ? quick.params : {}) };
  const keys = Object.keys(all).sort();
  return keys.length === 0 ? '' : `(${keys.map((k) => `${k}=${all[k]}`).join(',')})`;
}

/** The cells (`workload(params)/strategy@level`) of the plan's entries, in the quick profile or not. */
function cells(entries: readonly PlanEntry[], quick: boolean): Set<string> {
  const out = new Set<string>();
  for (const entry of entries) {
    const q = quick ? entry.quick : undefined;
    if (q === false) continue;
    for (const name of q?.strategies ?? entry.strategies)
      for (const level of name === 'sequential' ? [1] : (q?.concurrency ?? entry.concurrency))
        out.add(`${entry.workload}${params(entry, q)}/${name}@${level}`);
  }
  return out;
}

describe('the quick plan', () => {
  const plan = questionPlan(2, ROLES);
  // Bun's and Deno's roles: two raw thread kinds, Web Workers and worker_threads.
  const twoKinds = cells(
    questionPlan(2, {
      ...ROLES,
      threads: ['worker', 'worker-threads'],
      pipelined: ['worker-pipelined', 'worker-threads-pipelined'],
    }),
    true,
  );
  const quick = cells(plan, true);

  it("takes subsets of each entry's strategies and levels, and about half the default's cells", () => {
    for (const entry of plan) {
      if (!entry.quick) continue;
      for (const name of entry.quick.strategies ?? []) expect(entry.strategies).toContain(name);
      for (const level of entry.quick.concurrency ?? []) expect(entry.concurrency).toContain(level);
    }
    const all = cells(plan, false);
    expect(quick.size).toBeLessThan(all.size * 0.6);
  });

  it('keeps every cell the performance targets read', () => {
    for (const cell of [
      'noop/worker@1',
      'noop/worker-pipelined@1',
      'primes(list=balanced-small)/sequential@1',
      'primes(list=balanced-small)/worker@2',
      'primes(list=balanced-small)/process@2',
      'http(latencyMs=50,requests=100)/async@100',
      'http(latencyMs=50,requests=100)/promise-all@100',
      'blocking(timers=20)/worker@10',
      'blocking(timers=20)/sequential@1',
    ])
      expect(quick).toContain(cell);
    for (const cell of ['noop/worker-threads@1', 'noop/worker-threads-pipelined@1'])
      expect(twoKinds).toContain(cell);
  });

  it('asks each question of one strategy per family: no second pool, no sweep over levels on primes', () => {
    for (const cell of quick) expect(cell).not.toMatch(/workerpool|tinypool|process-cold|serve-reuseport/);
    expect([...quick].filter((cell) => cell.startsWith('primes(list=balanced-small)/worker@'))).toEqual([
      'primes(list=balanced-small)/worker@2',
    ]);
  });
});
