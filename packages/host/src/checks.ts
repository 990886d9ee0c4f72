// What the host refuses before measuring anything, so that no measurement is lost to bad input found late:
// an output path that cannot be written, and concurrency levels no machine can hold.
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type CellPlan, ParalabError, type StrategyInfo } from '@paralab/core';

/** The most threads or processes one cell may start: beyond it a run would die of memory, not measure. */
export const MAX_PEERS = 256;

/**
 * Refuses cells that would start more threads or processes than `MAX_PEERS` (a level of 100000 is fine for
 * `async`, which starts none). Throws a one-line `ParalabError` naming the cell and the limit.
 */
export function checkLevels(plans: readonly CellPlan<StrategyInfo>[], cores: number): void {
  for (const plan of plans) {
    const { family } = plan.strategy;
    const starts = family === 'threads' || family === 'processes';
    if (starts && plan.concurrency > MAX_PEERS) {
      const what = family === 'threads' ? 'threads' : 'processes';
      throw new ParalabError(
        'ERR_OPTION',
        `concurrency ${plan.concurrency} with ${plan.strategy.name} would start ${plan.concurrency} ${what}: at most ${MAX_PEERS} per cell (this machine has ${cores} cores)`,
      );
    }
  }
}

/**
 * Checks, before measuring, that the results file can be written: its folder exists or can be made, is a
 * folder, and is writable, and the path is not a folder itself. Rejects with a one-line `ParalabError`.
 */
export async function checkOut(out: string): Promise<void> {
  const path = resolve(out);
  const dir = dirname(path);
  const fail = (why: string): never => {
    throw new ParalabError('ERR_OPTION', `cannot write the results to ${out}: ${why}`);
  };
  try {
    await mkdir(dir, { recursive: true });
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    // mkdir says EEXIST (or ENOTDIR) when a file stands where a folder of the path should be.
    if (code === 'EEXIST' || code === 'ENOTDIR') fail(`${dir} is not a folder (a file is in the way)`);
    fail(`its folder ${dir} cannot be made (${code ?? 'error'})`);
  }
  const folder = await stat(dir).catch(() => undefined);
  if (!folder?.isDirectory()) fail(`${dir} is not a folder`);
  await access(dir, constants.W_OK).catch(() => fail(`${dir} is not writable`));
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) fail('it is a folder');
}
