// How the host starts Node's measuring side: this Node binary running `entry/measure.js`, with the run's
// heap limit, garbage collection available (for the per-cell memory footprint) and source maps (a user's
// TypeScript keeps its lines in stack traces).
import { fileURLToPath } from 'node:url';
import { childSides, type SideContext, type SideFactory } from '@paralab/host';
import { HEAP_LIMIT_ENV } from '@paralab/host/process';

const ENTRY = fileURLToPath(new URL('./entry/measure.js', import.meta.url));

/** The measuring side of a Node run, on `command` (default: the Node running the host). */
export async function nodeSides(
  context: SideContext,
  command: string = process.execPath,
): Promise<SideFactory> {
  return childSides({
    command,
    args: [`--max-old-space-size=${context.heapLimitMb}`, '--expose-gc', '--enable-source-maps', ENTRY],
    env: { [HEAP_LIMIT_ENV]: String(context.heapLimitMb) },
    what: 'the Node measuring process',
    heapLimitMb: context.heapLimitMb,
  });
}
