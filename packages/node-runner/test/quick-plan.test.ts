// The quick profile's plan on Node: each question asked once (one strategy per family at one level),
// every cell the performance targets read kept, and a subset of the default plan's strategies and levels.
import { availableParallelism } from 'node:os';
import { cellId } from '@paralab/core';
import { planRun } from '@paralab/host';
import { nodeRunner } from '@paralab/node-runner';
import { describe, expect, it } from 'vitest';

/** The cells of Node's default plan in a profile, as `workload(params)/strategy@level`. */
async function cells(profile: string): Promise<string[]> {
  return (await planRun(nodeRunner, { profile })).plans.map(cellId);
}

/** A cell's question without its parameters (quick sizes differ): `workload/strategy@level`. */
const question = (id: string): string => id.replace(/\(.*\)\//, '/');

/** The core count the plan sizes CPU cells to. */
const n = availableParallelism();

describe('the quick plan on Node', () => {
  it("asks a subset of the default plan's questions, in under 60% of its cells", async () => {
    const [quick, all] = [await cells('quick'), await cells('default')];
    const asked = new Set(all.map(question));
    for (const id of quick) expect(asked).toContain(question(id));
    expect(quick.length).toBeLessThan(all.length * 0.6);
  });

  it('keeps every cell the performance targets read', async () => {
    const quick = (await cells('quick')).map(question);
    for (const cell of [
      'noop/worker@1',
      'noop/worker-pipelined@1',
      'primes/sequential@1',
      `primes/worker@${n}`,
      `primes/process@${n}`,
      'http/async@100',
      'http/promise-all@100',
      'http-get/async@100',
      'blocking/worker@10',
      'blocking/sequential@1',
    ])
      expect(quick).toContain(cell);
  });

  it('asks each question of one strategy per family: no second pool, no sweep over levels on primes', async () => {
    const quick = await cells('quick');
    for (const id of quick) expect(id).not.toMatch(/workerpool|tinypool|process-cold|serve-reuseport/);
    expect(quick.filter((id) => /^primes\(list=balanced-small\)\/worker@/.test(id))).toEqual([
      `primes(list=balanced-small)/worker@${n}`,
    ]);
  });
});
