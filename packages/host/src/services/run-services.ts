// The loopback services of a run, started only when a planned workload needs them, each in a process of
// its own so that serving never competes with the strategy measured; all stopped with the run.
import type { CellPlan, ParamValue, ServiceName, Services, StrategyInfo } from '@paralab/core';
import type { RunnerDefinition } from '../runner.js';
import { startLatencyServer } from './latency-server.js';
import { startLoadGenerator } from './load-generator.js';
import { type Database, databaseUrlFromEnv, startDatabase } from './postgres.js';
import { ensurePostgres } from './postgres-install.js';

/** The services of a run: the URLs handed to workloads, what results record of them, and how to stop them. */
export interface RunServices {
  readonly urls: Services;
  /** Recorded with the results: each service's version, source and settings. */
  readonly record: Record<string, Record<string, ParamValue>>;
  close(): Promise<void>;
}

/**
 * The services the planned workloads need (I/O and mixed workloads that name none get the latency server).
 * The load generator only drives serving strategies: a plan with none has no use for it.
 */
export function neededServices(plans: readonly CellPlan<StrategyInfo>[]): Set<ServiceName> {
  const needed = new Set<ServiceName>();
  for (const { workload, strategy } of plans) {
    const named = workload.services ?? (workload.kind === 'cpu' ? [] : ['latency-server']);
    for (const service of named)
      if (service !== 'load-generator' || strategy.serves === true) needed.add(service);
  }
  return needed;
}

/** Starts what `plans` need (and the latency server for calibration's fetch floor when calibrating). */
export async function startServices(
  plans: readonly CellPlan<StrategyInfo>[],
  definition: RunnerDefinition,
  calibration: boolean,
  onEvent?: (event: { type: 'service'; name: string; detail: string }) => void,
): Promise<RunServices> {
  const needed = neededServices(plans);
  const closers: Array<() => Promise<void>> = [];
  const urls: { -readonly [K in keyof Services]: Services[K] } = {};
  const missing: Record<string, string> = {};
  const record: Record<string, Record<string, ParamValue>> = {};
  try {
    if (needed.has('latency-server') || calibration) {
      const latency = await startLatencyServer();
      closers.push(() => latency.close());
      urls.serverUrl = latency.url;
    }
    if (needed.has('database')) {
      const database = await startRunDatabase(definition, onEvent);
      if ('reason' in database) missing.databaseUrl = database.reason;
      else {
        closers.push(() => database.close());
        urls.databaseUrl = database.url;
        record.postgres = describeDatabase(database);
      }
    }
    if (needed.has('load-generator')) {
      // A generator that cannot start costs the serving cells (unsupported, with why), not the run.
      const generator = await startLoadGenerator().catch((thrown: unknown) => ({
        reason: thrown instanceof Error ? thrown.message : String(thrown),
      }));
      if ('reason' in generator) missing.loadGeneratorUrl = generator.reason;
      else {
        closers.push(() => generator.close());
        urls.loadGeneratorUrl = generator.url;
        record['load-generator'] = { ...generator.generator };
      }
    } else if (plans.some(({ workload }) => workload.services?.includes('load-generator')))
      missing.loadGeneratorUrl = 'no planned strategy serves HTTP (serving strategies are named serve-*)';
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    throw error;
  }
  for (const [name, detail] of Object.entries(record))
    onEvent?.({ type: 'service', name, detail: `${detail.source ?? detail.name} ${detail.version}` });
  return {
    urls: { ...urls, ...(Object.keys(missing).length > 0 ? { missing } : {}) },
    record,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}

/** The no-TCP reason of runners whose sides cannot reach a database (a web page). */
const NO_SOCKETS =
  'a web page has no TCP sockets, so it cannot query PostgreSQL (measure database work on Node, Bun or Deno)';

/**
 * The run's PostgreSQL: `PARALAB_DATABASE_URL`, else a throwaway cluster of the machine's server
 * (installing Debian's postgresql package first where it is missing and apt-get can), or why there is none.
 */
async function startRunDatabase(
  definition: RunnerDefinition,
  onEvent?: (event: { type: 'service'; name: string; detail: string }) => void,
): Promise<Database | { reason: string }> {
  if (definition.canUseDatabase === false) return { reason: NO_SOCKETS };
  const url = databaseUrlFromEnv();
  try {
    if (!url) await ensurePostgres((line) => onEvent?.({ type: 'service', name: 'postgres', detail: line }));
    return await startDatabase(url ? { url } : {});
  } catch (thrown) {
    return { reason: thrown instanceof Error ? thrown.message : String(thrown) };
  }
}

/** What results record of the database: never its URL with a password. */
function describeDatabase(database: Database): Record<string, ParamValue> {
  const settings = Object.fromEntries(
    Object.entries(database.settings).map(([key, value]) => [`setting.${key}`, value]),
  );
  return {
    source: database.source,
    version: database.version,
    url: database.displayUrl,
    maxConnections: database.maxConnections,
    ...settings,
  };
}
