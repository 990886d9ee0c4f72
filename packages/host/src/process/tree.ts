// A process and everything it started: the memory a measuring side holds is its own and its children's
// (a pool of forked processes, a browser's renderers).
import { readdir } from 'node:fs/promises';
import { processUsage, statFields } from './usage.js';

/** The pids of `root`'s descendants (children, their children ...), found by each process's parent in /proc. */
export async function descendants(root: number): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const parents = new Map<number, number>();
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const fields = await statFields(Number(name));
        if (fields) parents.set(Number(name), Number(fields[1]));
      }),
  );
  const found: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop() as number;
    for (const [pid, ppid] of parents) {
      if (ppid === parent) {
        found.push(pid);
        frontier.push(pid);
      }
    }
  }
  return found;
}

/** Resident memory of `root` and its descendants together, bytes. */
export async function treeRss(root: number): Promise<number> {
  const usage = await processUsage([root, ...(await descendants(root))]);
  return usage.rssBytes;
}
