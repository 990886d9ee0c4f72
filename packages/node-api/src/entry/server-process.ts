// What every server process of the serving strategies does as a process, whatever serves the requests
// (node:http, Bun.serve): read its setup, tell its launcher over IPC, exit with its parent, report a fault.
// Light on purpose: a server entry on any runtime imports it (`@paralab/node-api/server-process`).
import { describeThrown, type FromServer, type ServerSetup } from '@paralab/core/peer';

/** The environment variable the launcher puts the setup in (the server launcher's `SERVER_SETUP_ENV`). */
const SETUP_ENV = 'PARALAB_SERVER_SETUP';

/** This process's setup, from its environment. */
export function serverSetup(): ServerSetup {
  const text = process.env[SETUP_ENV];
  if (!text) throw new Error(`a server entry needs its setup in ${SETUP_ENV}`);
  return JSON.parse(text) as ServerSetup;
}

/** Tells the launcher (this process's parent, over IPC). */
export function tell(message: FromServer): void {
  process.send?.(message);
}

/**
 * Ends this process when its parent goes away (the IPC channel closes, even when the parent was killed)
 * or on SIGTERM, after `cleanup` (a cluster's primary ends its workers).
 */
export function exitWithParent(cleanup: () => void = () => {}): void {
  const stop = (): void => {
    cleanup();
    process.exit(0);
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
}

/** Reports a fault that ends this server to the launcher (which names it in the cell's reason), then exits with code 1. */
export function fatal(thrown: unknown): void {
  tell({ type: 'paralab:server-fault', message: describeThrown(thrown) });
  setTimeout(() => process.exit(1), 100);
}
