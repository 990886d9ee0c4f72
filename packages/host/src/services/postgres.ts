import { type ChildProcess, fork } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ParalabError, toError } from '@paralab/core';
import { Client } from 'pg';
import type { FromKeeper, KeeperSetup, ToKeeper } from './_postgres-messages.js';
import { findPostgresBinDir, findSetpriv, serverAccount } from './_postgres-setup.js';

/** Where the run's PostgreSQL comes from. */
export type DatabaseSource = 'PARALAB_DATABASE_URL' | 'throwaway';

/** The run's PostgreSQL server (see `startDatabase`). */
export interface Database {
  /** Connection URL. A throwaway server's carries a random password: record `displayUrl` instead. */
  readonly url: string;
  /** `url` without its password, fit for logs and results files. */
  readonly displayUrl: string;
  readonly source: DatabaseSource;
  /** The server's `server_version`, such as `15.18 (Debian 15.18-0+deb12u1)`. */
  readonly version: string;
  /** The server's `max_connections`: no strategy can hold more connections than this at once. */
  readonly maxConnections: number;
  /**
   * Settings as the server reports them (`SHOW`): the durability ones (`fsync`, `synchronous_commit`,
   * `full_page_writes`, `wal_level`), `shared_buffers`, `autovacuum`, `max_connections`. A throwaway server
   * runs with `THROWAWAY_SETTINGS`; a server of `PARALAB_DATABASE_URL` with whatever it has.
   */
  readonly settings: Readonly<Record<string, string>>;
  /** Throwaway only: the temporary directory (data, Unix socket, server log), removed by `close()`. */
  readonly dir?: string;
  /** Throwaway only: the process id of the postmaster. */
  readonly pid?: number;
  /**
   * Throwaway: stops the server and removes its directory, then resolves. `PARALAB_DATABASE_URL`: does
   * nothing (the server is not ours). Never rejects; safe to call more than once.
   */
  close(): Promise<void>;
}

/** Options of `startDatabase`. */
export interface StartDatabaseOptions {
  /** A server to use instead of a throwaway one (the runner passes `PARALAB_DATABASE_URL`). */
  readonly url?: string;
  /** How long starting (or reaching `url`) may take, in milliseconds (default 60000). */
  readonly timeoutMs?: number;
  /** The directory of `postgres` and `initdb`; when given, no other place is looked at. */
  readonly binDir?: string;
}

/**
 * What a throwaway server runs with besides its port and socket directory: durability relaxed for speed
 * (nothing in it outlives the run), room for 100 connections in flight plus workers, no autovacuum (the
 * run's tables are written once, then only read; the workload runs ANALYZE itself).
 */
export const THROWAWAY_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_connections: '200',
  shared_buffers: '64MB',
  autovacuum: 'off',
});

/** The settings read back from every server and recorded. */
const REPORTED = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers'];
REPORTED.push('autovacuum', 'max_connections');

const KEEPER = fileURLToPath(new URL('../entry/postgres-keeper.js', import.meta.url));
/** Longest a keeper takes to stop its server (its own SIGINT, SIGQUIT, SIGKILL steps) and clean up, ms. */
const KEEPER_STOP_MS = 25_000;

/**
 * The `PARALAB_DATABASE_URL` of `env` (default `process.env`), or undefined when it is unset or blank.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.PARALAB_DATABASE_URL?.trim() || undefined;
}

/**
 * The run's PostgreSQL. With `options.url`: checks that it answers and reads its version and settings.
 * Otherwise starts a throwaway cluster of this machine's PostgreSQL: initdb into a fresh temporary
 * directory (as the `postgres` user when this process is root), the server on 127.0.0.1 and a free port
 * (and a Unix socket in that directory) with `THROWAWAY_SETTINGS`, password authentication over TCP.
 * A keeper process owns it and removes it when `close()` is called or this process dies, even by SIGKILL;
 * neither it nor its channel keeps this process alive. Rejects with `ParalabError` `ERR_UNSUPPORTED` when
 * there is no PostgreSQL (saying how to get one) or `url` does not answer, `ERR_DATABASE` when the server
 * fails to start (with its log's last lines), `ERR_TIMEOUT` when it takes longer than `timeoutMs`.
 */
export async function startDatabase(options: StartDatabaseOptions = {}): Promise<Database> {
  const { url, timeoutMs, binDir } = checkOptions(options);
  return url === undefined ? startThrowaway(binDir, timeoutMs) : useServer(url, timeoutMs);
}

/** A throwaway cluster under a keeper process (neither the keeper nor its channel keeps this process alive). */
async function startThrowaway(binDir: string | undefined, timeoutMs: number): Promise<Database> {
  const setup: KeeperSetup = {
    binDir: findPostgresBinDir(binDir),
    account: serverAccount(),
    setpriv: findSetpriv(),
    settings: THROWAWAY_SETTINGS,
    timeoutMs,
  };
  const keeper = fork(KEEPER, [JSON.stringify(setup)], {
    detached: true,
    execArgv: [],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const ready = await keeperReady(keeper, timeoutMs);
  keeper.unref();
  keeper.channel?.unref?.();
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= stopKeeper(keeper, ready.dir);
    return closing;
  };
  try {
    const server = await describeServer(ready.url, timeoutMs);
    return {
      url: ready.url,
      displayUrl: redact(ready.url),
      source: 'throwaway',
      ...server,
      close,
      dir: ready.dir,
      pid: ready.pid,
    };
  } catch (thrown) {
    await close();
    throw new ParalabError(
      'ERR_DATABASE',
      `the throwaway PostgreSQL does not answer: ${toError(thrown).message}`,
    );
  }
}

interface CheckedOptions {
  readonly url: string | undefined;
  readonly timeoutMs: number;
  readonly binDir: string | undefined;
}

function checkOptions(options: StartDatabaseOptions): CheckedOptions {
  const { url, timeoutMs = 60_000, binDir } = options;
  if (url !== undefined && (typeof url !== 'string' || url.trim() === ''))
    throw new TypeError(`options.url must be a non-empty connection URL, got ${JSON.stringify(url)}`);
  if (!(typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new RangeError(`options.timeoutMs must be a positive number, got ${timeoutMs}`);
  if (binDir !== undefined && (typeof binDir !== 'string' || binDir === ''))
    throw new TypeError(`options.binDir must be a non-empty path, got ${JSON.stringify(binDir)}`);
  return { url, timeoutMs, binDir };
}

/** A server given by URL: checked, described, never stopped by us. */
async function useServer(url: string, timeoutMs: number): Promise<Database> {
  try {
    const server = await describeServer(url, timeoutMs);
    const displayUrl = redact(url);
    return { url, displayUrl, source: 'PARALAB_DATABASE_URL', ...server, close: async () => {} };
  } catch (thrown) {
    const why = toError(thrown).message.replace(/\s*\n\s*/g, ' ');
    throw new ParalabError(
      'ERR_UNSUPPORTED',
      `PARALAB_DATABASE_URL (${redact(url)}) does not answer: ${why}`,
    );
  }
}

type ServerFacts = Pick<Database, 'version' | 'maxConnections' | 'settings'>;

/** Connects once and reads the server's version and the `REPORTED` settings. */
async function describeServer(url: string, timeoutMs: number): Promise<ServerFacts> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A server that goes away between queries emits 'error' on the client: the pending query fails anyway.
  client.on('error', () => {});
  try {
    await client.connect();
    const names = ['server_version', ...REPORTED];
    const { rows } = await client.query<{ name: string; value: string }>(
      'SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name',
      [names],
    );
    const settings = Object.fromEntries(rows.map(({ name, value }) => [name, value]));
    const { server_version: version = '', ...reported } = settings;
    return { version, maxConnections: Number(reported.max_connections), settings: reported };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Resolves with the keeper's `ready`; on failure, the keeper has cleaned up (or been killed) before it rejects. */
function keeperReady(
  keeper: ChildProcess,
  timeoutMs: number,
): Promise<Extract<FromKeeper, { type: 'ready' }>> {
  return new Promise((resolve, reject) => {
    const settle = (then: () => void): void => {
      clearTimeout(timer);
      keeper.off('message', onMessage).off('exit', onExit).off('error', onError);
      then();
    };
    const fail = (error: Error): void => settle(() => void endKeeper(keeper).then(() => reject(error)));
    const onMessage = (message: FromKeeper): void => {
      if (message?.type === 'ready') settle(() => resolve(message));
      else if (message?.type === 'failed')
        fail(new ParalabError('ERR_DATABASE', `the throwaway PostgreSQL did not start: ${message.message}`));
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(
        new ParalabError(
          'ERR_DATABASE',
          `the PostgreSQL keeper ended before the server was ready (code ${code}, signal ${signal})`,
        ),
      );
    const onError = (error: Error): void =>
      fail(new ParalabError('ERR_DATABASE', `the PostgreSQL keeper could not start: ${error.message}`));
    // The keeper's own deadline comes first and says more (the server log); this one catches a keeper stuck.
    const timer = setTimeout(
      () =>
        fail(
          new ParalabError('ERR_TIMEOUT', `the throwaway PostgreSQL did not start within ${timeoutMs} ms`),
        ),
      timeoutMs + 5_000,
    );
    keeper.on('message', onMessage).on('exit', onExit).on('error', onError);
  });
}

/** Stops the keeper (which stops the server and removes the directory), then removes `dir` if still there. */
async function stopKeeper(keeper: ChildProcess, dir: string): Promise<void> {
  await endKeeper(keeper);
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
}

/** Asks the keeper to stop (SIGTERM if its channel is gone), SIGKILL after `KEEPER_STOP_MS`; awaits its exit. */
async function endKeeper(keeper: ChildProcess): Promise<void> {
  if (keeper.pid === undefined || keeper.exitCode !== null || keeper.signalCode !== null) return;
  keeper.ref();
  const exited = new Promise<void>((resolve) => keeper.once('exit', () => resolve()));
  if (keeper.connected) keeper.send({ type: 'stop' } satisfies ToKeeper, () => {});
  else keeper.kill('SIGTERM');
  const timer = setTimeout(() => keeper.kill('SIGKILL'), KEEPER_STOP_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** `url` without its password; a string that is not a URL is not shown at all. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(a connection string that is not a URL)';
  }
}
