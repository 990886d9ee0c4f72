// The steps of a throwaway PostgreSQL cluster, as the keeper process (../entry/postgres-keeper.ts) runs them:
// a temporary directory, initdb, the server as the keeper's child, readiness, shutdown and removal.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../process/signal.js';
import type { KeeperSetup, ServerAccount } from './_postgres-messages.js';

/** Prefix of the temporary directories of throwaway clusters (under `os.tmpdir()`). */
export const CLUSTER_DIR_PREFIX = 'paralab-pg-';
/** The cluster's superuser and database. */
export const SUPERUSER = 'postgres';

const KEEPER_PID = 'keeper.pid';
/** A directory younger than this without a keeper.pid may still be in the making: never swept. */
const SWEEP_MIN_AGE_MS = 60_000;

/** Where a cluster's files are: the data in `data/`, the server's output in `server.log`. */
export const dataDirOf = (dir: string): string => join(dir, 'data');
export const logFileOf = (dir: string): string => join(dir, 'server.log');

/** Makes the cluster's temporary directory (mode 0700, owned by `account`) and records the keeper in it. */
export function makeClusterDir(account: ServerAccount | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), CLUSTER_DIR_PREFIX));
  writeFileSync(join(dir, KEEPER_PID), `${process.pid}\n`);
  if (account) chownSync(dir, account.uid, account.gid);
  return dir;
}

/**
 * Runs initdb into `dir/data` (no fsync, C locale, a random password over TCP; killed after `timeoutMs`)
 * and returns the password.
 */
export async function initCluster(setup: KeeperSetup, dir: string, timeoutMs: number): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (setup.account) chownSync(pwfile, setup.account.uid, setup.account.gid);
  const args = ['-D', dataDirOf(dir), '--no-sync', '--no-instructions', '-U', SUPERUSER];
  args.push(`--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8');
  args.push('--locale=C');
  try {
    await new Promise<void>((resolve, reject) => {
      const options = { env: serverEnv(), timeout: timeoutMs, ...ids(setup.account) };
      execFile(join(setup.binDir, 'initdb'), args, options, (error, _stdout, stderr) => {
        if (!error) return resolve();
        const why = lastLines(String(stderr), 2) || error.message;
        reject(new Error(`initdb failed: ${why}`));
      });
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
  return password;
}

/**
 * Starts `postgres` as this process's child (never daemonized) on 127.0.0.1:`port` with its Unix socket in
 * `dir`, output to `dir/server.log`. Through `setpriv` when there is one: as the account, with a
 * parent-death signal (SIGINT, a fast shutdown) so that the server stops even if its keeper is killed.
 */
export function startServer(setup: KeeperSetup, dir: string, port: number): ChildProcess {
  const settings = { ...setup.settings, port: String(port), unix_socket_directories: dir };
  const args = ['-D', dataDirOf(dir), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const postgres = join(setup.binDir, 'postgres');
  const log = openSync(logFileOf(dir), 'a');
  try {
    const stdio: ['ignore', number, number] = ['ignore', log, log];
    if (!setup.setpriv) return spawn(postgres, args, { stdio, env: serverEnv(), ...ids(setup.account) });
    const { account } = setup;
    const as = account ? ['--reuid', `${account.uid}`, '--regid', `${account.gid}`, '--clear-groups'] : [];
    const argv = [...as, '--pdeathsig', 'SIGINT', '--', postgres, ...args];
    return spawn(setup.setpriv, argv, { stdio, env: serverEnv() });
  } finally {
    closeSync(log);
  }
}

/**
 * Resolves once the server accepts connections (its postmaster.pid says `ready`), or early when `stopping()`
 * turns true. Rejects with the server log's last lines when it exits first or is not ready in `timeoutMs`.
 */
export async function waitAccepting(
  server: ChildProcess,
  dir: string,
  timeoutMs: number,
  stopping: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pidFile = join(dataDirOf(dir), 'postmaster.pid');
  for (;;) {
    if (stopping()) return;
    if (server.exitCode !== null || server.signalCode !== null) {
      const how = server.signalCode
        ? `was killed by ${server.signalCode}`
        : `exited with code ${server.exitCode}`;
      throw new Error(`the server ${how} before accepting connections: ${logTail(dir)}`);
    }
    if (readStatus(pidFile) === 'ready') return;
    if (Date.now() > deadline) {
      throw new Error(`the server did not accept connections within ${timeoutMs} ms: ${logTail(dir)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The postmaster's status line (the 8th of postmaster.pid: `starting`, `ready`, `stopping`), if any. */
function readStatus(pidFile: string): string | undefined {
  try {
    return readFileSync(pidFile, 'utf8').split('\n')[7]?.trim();
  } catch {
    return undefined;
  }
}

/** True when the server log says the port was taken (another process got it between probe and bind). */
export const portTaken = (dir: string): boolean =>
  /could not bind|could not create any TCP\/IP sockets|Address already in use/.test(readLog(dir));

/**
 * Stops the server: SIGINT (fast shutdown), then SIGQUIT (immediate) after 5 s, then SIGKILL after 3 s more;
 * resolves once it has exited. A server already gone resolves at once.
 */
export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', 5_000],
    ['SIGQUIT', 3_000],
    ['SIGKILL', 10_000],
  ];
  for (const [signal, waitMs] of steps) {
    server.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    const gone = await Promise.race([exited.then(() => true), waited]);
    clearTimeout(timer);
    if (gone) return;
  }
}

/** Removes a cluster directory (a few retries: a backend may still be closing a file). */
export function removeClusterDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/**
 * Removes the directories of throwaway clusters whose keeper and server are both gone (a keeper killed by
 * SIGKILL cannot clean up after itself). Never touches a directory whose keeper or server still runs.
 */
export function sweepStaleClusters(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((name) => name.startsWith(CLUSTER_DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(tmpdir(), name);
    try {
      if (isStale(dir)) removeClusterDir(dir);
    } catch {
      // Someone else's directory, or one removed meanwhile: not ours to worry about.
    }
  }
}

function isStale(dir: string): boolean {
  const keeper = readPid(join(dir, KEEPER_PID));
  if (keeper === undefined) return Date.now() - statSync(dir).mtimeMs > SWEEP_MIN_AGE_MS;
  const server = readPid(join(dataDirOf(dir), 'postmaster.pid'));
  return !isAlive(keeper) && (server === undefined || !isAlive(server));
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** A free TCP port on 127.0.0.1 (the kernel's pick; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port on 127.0.0.1'))));
    });
  });
}

/** The server log's last lines, joined into one line (for one-line errors). */
export function logTail(dir: string): string {
  return lastLines(readLog(dir), 3) || 'the server log is empty';
}

function readLog(dir: string): string {
  try {
    return readFileSync(logFileOf(dir), 'utf8');
  } catch {
    return '';
  }
}

const lastLines = (text: string, count: number): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' | ');

/** A clean environment: no PG* variables of the caller's, English messages (the log is parsed). */
const serverEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' });

const ids = (account: ServerAccount | undefined): { uid?: number; gid?: number } =>
  account ? { uid: account.uid, gid: account.gid } : {};
