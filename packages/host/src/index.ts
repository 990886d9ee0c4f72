// @paralab/host: what every runner does on the machine that drives it. Named re-exports only.
export { CACHE_ENV, paralabCacheDir } from './cache.js';
export { checkLevels, checkOut, MAX_PEERS } from './checks.js';
export { type CliArgs, type CliOption, helpText, parseCliArgs } from './cli/args.js';
export { listing, planListing } from './cli/listing.js';
export { runnerCli } from './cli/main.js';
export { adviceLines, progressLine, summaryTable } from './cli/output.js';
export { type DebianPackage, ensureDebianPackage, has } from './install.js';
export { acquireBenchLock, acquireLock, BENCH_LOCK_PATH } from './lock.js';
export { machineInfo, timerResolutionMs } from './machine.js';
export { GRAIN_SIZES_US, QUICK_GRAIN_SIZES_US, roundTripFloors } from './plan/grain-sweep.js';
export { modulePlan } from './plan/module-plan.js';
export {
  BUILTIN_MODULE,
  compileTypeScript,
  importModule,
  type ModuleLoader,
  prepareModules,
  type RunModule,
  resolveModulePath,
} from './plan/modules.js';
export type { PlanEntry, PlanStrategies } from './plan/plan-entry.js';
export { questionPlan } from './plan/questions.js';
export {
  type CatalogEntry,
  type Offer,
  planEntries,
  type Selection,
  selectCells,
  strategyNamed,
  workloadCatalog,
} from './plan/select.js';
export { readResultsFile, writeResultsFile } from './results/file.js';
export { Journal, journalPath, recoverJournal } from './results/journal.js';
export {
  type PlannedRun,
  packageVersion,
  planRun,
  type RunEvent,
  type RunOptions,
  resolveProfile,
  runWithHost,
} from './run.js';
export type { RunnerDefinition, SideContext } from './runner.js';
export { type LatencyServer, startLatencyServer } from './services/latency-server.js';
export { DEFAULT_DEADLINE_MS, loadGeneratorInfo, runLoad } from './services/load-client.js';
export {
  type LoadGenerator,
  type LoadGeneratorOptions,
  startLoadGenerator,
} from './services/load-generator.js';
export {
  type ExpectedResponse,
  type GeneratorInfo,
  type LatencySummary,
  type LoadRequest,
  type LoadResult,
  type ProcessUsage,
  type RequestSpec,
  validateLoadRequest,
} from './services/load-protocol.js';
export {
  type Database,
  type DatabaseSource,
  databaseUrlFromEnv,
  redact,
  type StartDatabaseOptions,
  startDatabase,
  THROWAWAY_SETTINGS,
} from './services/postgres.js';
export { ensurePostgres } from './services/postgres-install.js';
export { neededServices, type RunServices, startServices } from './services/run-services.js';
export { ChildSide, type ChildSideOptions, childSides } from './side/child-side.js';
export { type MeasuringSide, type SideFactory, SideLost } from './side/measuring-side.js';
export { failedCell, Supervisor, type SupervisorEvent, type SupervisorOptions } from './side/supervisor.js';
export {
  formatTargets,
  judgeTarget,
  type TargetBase,
  type TargetReport,
  type TargetStatus,
  targetNotMeasured,
} from './targets/judge.js';
export {
  cpuSpeedup,
  dispatch,
  HTTP_LATENCY_MS,
  HTTP_REQUESTS,
  interleavedRoundTrip,
  performanceTargets,
  rawWorker,
} from './targets/runtime-targets.js';
