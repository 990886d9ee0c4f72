// A child process (child_process.fork): loads one workload, then answers tasks over IPC like the worker
// entry does. A one-task child (`once`) answers one task, reports its CPU time and memory, and exits.
import { type AnyWorkload, toError } from '@paralab/core/workload';
import { loadWorkload } from '../load.js';
import { CHILD_SETUP_ENV, type ChildSetup, type FromChild, type ToChild } from '../protocol.js';

const send = process.send?.bind(process);
if (!send) throw new Error('entry/process-child.js must be started with child_process.fork');
const post = (message: FromChild, then?: () => void): void => {
  send(message, undefined, undefined, () => then?.());
};

// Never an orphan: when the parent goes away (even when it is killed), the IPC channel closes.
process.on('disconnect', () => process.exit());

const setup = JSON.parse(process.env[CHILD_SETUP_ENV] ?? 'null') as ChildSetup | null;
delete process.env[CHILD_SETUP_ENV];

try {
  if (!setup) throw new Error(`entry/process-child.js needs ${CHILD_SETUP_ENV}`);
  const workload = await loadWorkload(setup.ref);
  const once = setup.once;
  process.on('message', async (message: ToChild) => {
    await answer(workload, message);
    if (once) post(usageReport(), () => process.exit(0));
  });
  post({ type: 'paralab:ready' });
} catch (thrown) {
  post({ type: 'paralab:fatal', message: toError(thrown).message }, () => process.exit(1));
}

async function answer(workload: AnyWorkload, message: ToChild): Promise<void> {
  try {
    // Inside the try: an output that cannot be cloned becomes the task's error, as in a worker.
    post({ type: 'paralab:result', id: message.id, output: await workload.run(message.input) });
  } catch (thrown) {
    post({ type: 'paralab:error', id: message.id, message: toError(thrown).message });
  }
}

function usageReport(): FromChild {
  const { user, system } = process.cpuUsage();
  const rssBytes = process.memoryUsage.rss();
  return { type: 'paralab:usage', cpuUserMs: user / 1000, cpuSystemMs: system / 1000, rssBytes };
}
