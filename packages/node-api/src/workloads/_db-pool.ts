// The `db` workload's connections: one pg.Pool per URL per thread or process, created on first use.
import type { Pool, PoolConfig, QueryArrayConfig, QueryArrayResult } from 'pg';

/** Most connections one pool opens: generous, so that the cell's concurrency, not the pool, limits them. */
export const POOL_MAX = 1000;
/** An idle connection is closed after this long, ms (it never keeps the thread or process alive). */
export const IDLE_TIMEOUT_MS = 30_000;
/** The `application_name` of the tasks' connections (prepare's own is `paralab-db-prepare`). */
export const APPLICATION_NAME = 'paralab-db';
/** Longest wait for a connection (to open one, or for a free one), ms. */
const CONNECT_TIMEOUT_MS = 10_000;

const pools = new Map<string, Pool>();
let opened = 0;
// pg is imported on first use: threads and processes that load this module for another workload never pay
// its import (tens of milliseconds).
let loading: Promise<typeof import('pg')> | undefined;

/** The connections of this thread or process (each worker thread and child process has its own). */
export interface DbConnections {
  /** Connections opened since the module was loaded, closed ones included. */
  readonly opened: number;
  /** Connections open now, busy or idle. */
  readonly open: number;
}

/** This thread's (or process's) `db` connections: what `async` at N, or a worker, really opened. */
export function dbConnections(): DbConnections {
  let open = 0;
  for (const pool of pools.values()) open += pool.totalCount;
  return { opened, open };
}

/**
 * Closes every pool of this thread or process and resolves once their connections are closed. Idle
 * connections never keep a thread or process alive anyway (`allowExitOnIdle`); this frees them at once.
 */
export async function closeDbConnections(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}

/** Runs one query on a connection of `url`'s pool (at most one query per connection at a time). */
export async function poolQuery(url: string, query: QueryArrayConfig): Promise<QueryArrayResult> {
  const pool = pools.get(url) ?? (await createPool(url));
  return pool.query(query);
}

async function createPool(url: string): Promise<Pool> {
  loading ??= import('pg');
  const { Pool } = await loading;
  // Another task may have made it while this one waited for the import.
  const existing = pools.get(url);
  if (existing) return existing;
  const config: PoolConfig = {
    connectionString: url,
    application_name: APPLICATION_NAME,
    max: POOL_MAX,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    allowExitOnIdle: true,
  };
  const pool = new Pool(config);
  pool.on('connect', () => {
    opened++;
  });
  // An idle connection whose server went away: the pool drops it, and the next query opens another (or
  // fails, with the reason). Unheard, the 'error' would end the process.
  pool.on('error', () => {});
  pools.set(url, pool);
  return pool;
}
