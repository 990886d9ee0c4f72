// The `serve-cluster` server: a node:cluster primary and N workers, each a node:http event loop running
// the tasks. Node's primary shares one listening handle (every worker asks for port 0 and gets the same);
// Bun's workers bind with reusePort instead, and port 0 would give each its own, so under Bun the first
// worker takes a free port and the others join it. A worker that dies ends the server.
import cluster, { type Worker } from 'node:cluster';
import { type FromServer, importWorkload } from '@paralab/core/peer';
import { listen, taskServer } from './_serve-http.js';
import { exitWithParent, fatal, serverSetup, tell } from './server-process.js';

const isBun = 'Bun' in globalThis;
const PORT_ENV = 'PARALAB_CLUSTER_PORT';

if (cluster.isPrimary) await primary();
else await worker();

async function primary(): Promise<void> {
  const workers: Worker[] = [];
  exitWithParent(() => {
    for (const w of workers) w.process.kill('SIGKILL');
  });
  try {
    const { concurrency } = serverSetup();
    let port = 0;
    for (let i = 0; i < concurrency; i++) {
      const next = cluster.fork({ [PORT_ENV]: String(isBun ? port : 0) });
      workers.push(next);
      watch(next);
      const listened = await listening(next);
      if (i === 0) port = listened;
      else if (listened !== port) throw new Error(`cluster worker ${i} listens on ${listened}, not ${port}`);
    }
    tell({
      type: 'paralab:listening',
      port,
      pids: [process.pid, ...workers.map((w) => w.process.pid as number)],
    });
  } catch (thrown) {
    fatal(thrown);
  }
}

/** Ends the server when worker `w` ends, saying how and what it reported (a workload that did not load). */
function watch(w: Worker): void {
  let fault = '';
  w.on('message', (message: FromServer) => {
    if (message?.type === 'paralab:server-fault') fault = `: ${message.message}`;
  });
  w.once('exit', (code, signal) => {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    fatal(new Error(`cluster worker ${w.process.pid} ${how}${fault}`));
  });
}

/** The port `w` listens on, once it does. */
function listening(w: Worker): Promise<number> {
  return new Promise((resolve) => w.once('listening', (address) => resolve(address.port)));
}

async function worker(): Promise<void> {
  process.on('disconnect', () => process.exit(0));
  try {
    const setup = serverSetup();
    const workload = await importWorkload(setup.ref);
    await listen(
      taskServer((input) => workload.run(input)),
      Number(process.env[PORT_ENV] ?? 0),
    );
  } catch (thrown) {
    // `tell` in a worker speaks to the primary, which names the fault when this worker's exit ends the server.
    fatal(thrown);
  }
}
