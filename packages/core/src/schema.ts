import * as z from 'zod';
import { ParalabError } from './errors.js';
import { serveSchema } from './schema-serve.js';
import { migrateV1 } from './schema-v1.js';

/**
 * Version of the results file format. Bumped on any change that could break a reader; readers reject
 * other versions with a one-line error.
 */
export const SCHEMA_VERSION = 2;

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const ms = (what: string) => finite.min(0).describe(`${what}, in milliseconds`);

const statsSchema = z
  .object({
    median: ms('median of the samples'),
    ci95: z
      .tuple([ms('lower bound'), ms('upper bound')])
      .describe('Distribution-free CI of the median (order statistics)'),
    ciConfidence: finite
      .min(0)
      .max(1)
      .describe('Confidence the CI actually achieves (below 0.95 when n < 6)'),
    min: ms('fastest sample'),
    max: ms('slowest sample'),
    mean: ms('mean of the samples'),
    mad: ms('median absolute deviation (raw, not scaled)'),
    cv: finite.min(0).describe('Coefficient of variation: standard deviation / mean (unitless)'),
    p10: ms('10th percentile (linear interpolation, numpy default)').optional(),
    p25: ms('25th percentile, lower box edge (linear interpolation)').optional(),
    p75: ms('75th percentile, upper box edge (linear interpolation)').optional(),
    p90: ms('90th percentile (linear interpolation)').optional(),
  })
  .describe('Statistics of the wall-time samples');

const ratioSchema = z
  .object({
    ratio: finite.describe('Point estimate (ratio of medians)'),
    lo: finite.optional().describe('Lower bound of the bootstrap 95% CI (absent for the baseline itself)'),
    hi: finite.optional().describe('Upper bound of the bootstrap 95% CI (absent for the baseline itself)'),
    baseline: z
      .boolean()
      .optional()
      .describe('True for the sequential cell itself: its speedup is exactly 1, with no CI'),
  })
  .describe('A ratio of medians with its bootstrap CI');

const footprintSchema = z
  .object({
    baselineBytes: finite
      .min(0)
      .describe('Memory of the measuring process (and its children) before the cell was created, bytes'),
    peakBytes: finite
      .min(0)
      .describe('Highest memory while the cell was created and warmed up, the only cell being set up, bytes'),
    deltaBytes: finite.describe(
      "peakBytes - baselineBytes: the cell's own footprint (its threads, processes and data), bytes",
    ),
    source: z.string().describe('How the memory was read'),
  })
  .describe("The cell's own memory, read while it was the only cell being created and warmed up");

const tasksSchema = z
  .object({
    n: z.number().int().min(1).describe('Tasks timed (one untimed batch on the measuring thread)'),
    phase: z
      .enum(['whole', 'cpu'])
      .describe("What was timed: each whole task, or only a split task's CPU phase"),
    totalMs: ms('the sum of the tasks'),
    meanMs: ms('the mean task'),
    medianMs: ms('the median task'),
    p90Ms: ms('the 90th percentile task'),
    maxMs: ms('the largest task'),
    perTaskMs: z
      .array(ms('one task'))
      .optional()
      .describe('Every task, in input order (kept when there are at most 1000)'),
  })
  .describe(
    "Each task's own duration on the measuring thread, one at a time: the work the cost model divides",
  );

const metricsSchema = z
  .object({
    cpuUserMs: ms('user CPU time over all samples, every thread and child process included').optional(),
    cpuSystemMs: ms('system CPU time over all samples, every thread and child process included').optional(),
    utilization: finite
      .min(0)
      .optional()
      .describe('CPU time / wall time over the samples: how many cores were busy on average'),
    peakRssBytes: finite
      .min(0)
      .optional()
      .describe('Highest resident set size seen during the samples, bytes (children included)'),
    heapUsedBytes: finite
      .min(0)
      .optional()
      .describe('Highest main-thread JS heap use seen during the samples, bytes'),
    eventLoopDelay: z
      .object({
        p50Ms: ms('median delay'),
        p99Ms: ms('99th percentile delay'),
        maxMs: ms('largest delay').optional(),
      })
      .optional()
      .describe('Main-thread event-loop delay during the samples: how long a timer waited past its due time'),
    footprint: footprintSchema.optional(),
    bytesMovedPerSample: finite
      .min(0)
      .optional()
      .describe(
        'Estimated bytes copied between threads or processes per sample (inputs and outputs); 0 when shared',
      ),
    longTasks: z
      .object({
        count: z.number().int().min(0).describe('Long tasks seen'),
        totalMs: ms('their summed duration'),
        maxMs: ms('the longest one'),
      })
      .optional()
      .describe(
        "Main-thread long tasks (over 50 ms, PerformanceObserver 'longtask') during the samples: what a user feels as jank (browsers)",
      ),
    serve: serveSchema.optional(),
    source: z.string().optional().describe('How the metrics were read (APIs used)'),
  })
  .describe('Resource use of the cell while sampling');

const paramValue = z.union([z.number(), z.string(), z.boolean()]);

const modelSchema = z
  .union([
    z.object({
      predictedMs: ms("the batch time the cost model predicts from the run's floors and task sizes"),
      measuredMs: ms('the measured median batch time (stats.median)'),
      ratio: finite.min(0).describe('predictedMs / measuredMs: 1 is exact, above 1 the model is pessimistic'),
      terms: z
        .record(z.string(), finite)
        .describe(
          'What each cost adds to the prediction, ms, summing to predictedMs: work (the tasks alone on the lanes and cores), wait, startup, dispatch, wake, overhead, payload',
        ),
      inputs: z
        .record(z.string(), finite)
        .optional()
        .describe('The floors and sizes used (ms unless the name says bytes or a count), by name'),
      assumptions: z
        .array(z.string())
        .describe('Every assumption the prediction rests on, one sentence each'),
      reference: z
        .boolean()
        .optional()
        .describe(
          'True for a cell the model reads its work or a floor from (the sequential cell, the empty-task cells): not an independent prediction, left out of error figures',
        ),
      lowerBound: z
        .boolean()
        .optional()
        .describe(
          'True when a term is only known from below (a nominal latency): the prediction is a lower bound',
        ),
    }),
    z.object({
      unknown: z
        .string()
        .min(1)
        .describe('Why the model cannot predict this cell (a term it would have to guess)'),
    }),
  ])
  .describe("The cost model's prediction for the cell beside its measured median, or why there is none");

/** The flags a cell may carry; readers should ignore flags they do not know. */
export const CELL_FLAGS = [
  'noisy',
  'oversubscribed',
  'below-timer-resolution',
  'budget-limited',
  'under-sampled',
  'ci-wide',
  'multimodal',
  'long-warmup',
] as const;

const cellSchema = z
  .object({
    id: z.string().min(1).describe('Stable key of the cell: workload, params, strategy and concurrency'),
    workload: z.string().min(1).describe('Workload id'),
    kind: z
      .enum(['cpu', 'io', 'mixed', 'calibration'])
      .describe("What the workload mostly spends time on; `calibration` cells measure a primitive's floor"),
    module: z.string().optional().describe('Module specifier the workload was loaded from'),
    services: z
      .array(z.enum(['latency-server', 'database', 'load-generator']))
      .optional()
      .describe('The loopback services the workload declared it needs (a database, a load generator)'),
    strategy: z.string().min(1).describe('Strategy name'),
    family: z
      .string()
      .min(1)
      .describe(
        "The strategy's family, cheapest first: 'sequential', 'async', 'threads', 'hybrid', 'processes', or another name (ranked after them); decides ties between equally fast cells",
      ),
    concurrency: z.number().int().min(1).describe('Tasks in flight at once (pool size for pools)'),
    params: z.record(z.string(), paramValue).describe('Resolved workload parameters'),
    options: z
      .record(z.string(), paramValue)
      .describe('What the strategy used: library, version, in-flight policy, serialization'),
    status: z
      .enum(['ok', 'errored', 'unsupported', 'invalid', 'interrupted'])
      .describe(
        'ok, or why there is no valid time: errored (it failed), unsupported (it cannot run here), invalid (wrong output), interrupted (the run was stopped before its samples were complete; kept out of decisions)',
      ),
    reason: z.string().optional().describe('Why the cell is not ok (required when status is not ok)'),
    samples: z.array(ms('one sample: the wall time of one batch of tasks')).describe('Raw samples, in ms'),
    warmups: z.array(ms('one warm-up batch')).describe('Warm-up batches, not used in statistics'),
    tasksPerSample: z.number().int().min(0).describe('Tasks in one sample'),
    stats: statsSchema.optional(),
    throughput: finite.min(0).optional().describe('Tasks per second at the median sample'),
    startupMs: ms('creation of the pool or workers until every one is ready').optional(),
    speedup: ratioSchema
      .optional()
      .describe('median(sequential) / median(this cell), same workload and params'),
    tasks: tasksSchema.optional(),
    model: modelSchema.optional(),
    flags: z.array(z.string()).describe(`Warnings about the cell: ${CELL_FLAGS.join(', ')}`),
    metrics: metricsSchema.optional(),
  })
  .refine((cell) => cell.status === 'ok' || (cell.reason !== undefined && cell.reason.length > 0), {
    message: 'a cell whose status is not ok needs a reason',
    path: ['reason'],
  })
  .describe('One workload x strategy x concurrency x parameter set on one runtime');

/** The schema of a results file (one runner invocation). */
export const resultsSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(SCHEMA_VERSION).describe('Version of this format'),
    tool: z.object({ name: z.literal('paralab'), version: z.string() }).describe('What wrote the file'),
    runtime: z
      .object({
        name: z
          .string()
          .min(1)
          .describe('node, bun, deno, chromium, firefox, or node@22 for another Node version'),
        version: z.string().min(1).describe("The runtime's exact version (20.20.2, 1.4.5, 156.0.8078.73)"),
        engine: z
          .string()
          .optional()
          .describe(
            'The JavaScript engine and its version (V8 11.3.244.8-node.33, JavaScriptCore, SpiderMonkey 153)',
          ),
        userAgent: z
          .string()
          .optional()
          .describe("The page's `navigator.userAgent`; recorded by browser runners"),
        crossOriginIsolated: z
          .boolean()
          .optional()
          .describe(
            'The page was cross-origin isolated, so SharedArrayBuffer existed and the timer was fine-grained; recorded by browser runners',
          ),
        hardwareConcurrency: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('`navigator.hardwareConcurrency` as the page saw it; recorded by browser runners'),
      })
      .describe('Runtime that executed the workloads (node, bun, chromium ...)'),
    machine: z
      .object({
        os: z.string(),
        arch: z.string(),
        cpuModel: z.string(),
        logicalCores: z.number().int().min(1),
        availableParallelism: z.number().int().min(1),
        totalMemory: z.number().min(0).describe('Bytes'),
        fingerprint: z
          .string()
          .describe('Hash of os, arch, cpu model, cores and memory: groups files by machine'),
      })
      .describe('The machine the run happened on'),
    timer: z
      .object({
        source: z.string(),
        resolutionMs: finite.min(0).describe('Smallest observed timer step, ms'),
      })
      .describe('The clock used for samples'),
    startedAt: z.iso.datetime().describe('ISO 8601 time the run started'),
    finishedAt: z.iso.datetime().optional().describe('ISO 8601 time the run ended'),
    complete: z.boolean().describe('false when the run was interrupted: cells hold what was measured'),
    profile: z.string().describe('Measurement profile: quick, default, thorough'),
    services: z
      .record(z.string(), z.record(z.string(), paramValue))
      .optional()
      .describe(
        'The loopback services the run used (PostgreSQL, the HTTP load generator): version, source, settings',
      ),
    limits: z
      .object({
        heapMb: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Heap limit of the measuring process and of every peer, MB'),
      })
      .optional()
      .describe('The memory limits of the run'),
    seed: z.number().int().describe('Seed of the interleaving order and of generated inputs'),
    cells: z.array(cellSchema),
  })
  .describe('paralab results file');

/** A results file, as validated. */
export type Results = z.infer<typeof resultsSchema>;
/** One cell of a results file. */
export type Cell = z.infer<typeof cellSchema>;
/** Status of a cell. */
export type CellStatus = Cell['status'];
/** Resource use of a cell. */
export type CellMetrics = z.infer<typeof metricsSchema>;
/** The cost model's record of a cell (see `modelResults`). */
export type CellModel = z.infer<typeof modelSchema>;
/** What the load generator measured of a served cell (`metrics.serve`). */
export type ServeMetrics = z.infer<typeof serveSchema>;
/** Statistics of a cell. */
export type CellStats = z.infer<typeof statsSchema>;

/** The JSON Schema (draft 2020-12) of a results file; shipped as `@paralab/core/results.schema.json`. */
export function resultsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(resultsSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: `https://paralab.dev/schema/results-v${SCHEMA_VERSION}.json`,
    title: 'paralab results',
  };
}

/**
 * Validates parsed JSON as a results file (version 1 files are migrated first, see `migrateV1`). Throws `ParalabError` (code `ERR_RESULTS_INVALID`) whose
 * one-line message names the source and the first offending field, e.g.
 * `results/node.json: cells[3].status: Invalid option: expected one of "ok"|"errored"|...`.
 */
export function parseResults(raw: unknown, source = 'results'): Results {
  const data = migrateV1(raw);
  if (data && typeof data === 'object' && 'schemaVersion' in data && data.schemaVersion !== SCHEMA_VERSION) {
    const got = JSON.stringify(data.schemaVersion);
    throw new ParalabError(
      'ERR_RESULTS_INVALID',
      `${source}: schemaVersion ${got} is not supported (this paralab reads versions 1 and ${SCHEMA_VERSION})`,
    );
  }
  const parsed = resultsSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? formatPath(issue.path) : '';
  const message = issue?.message ?? 'invalid';
  throw new ParalabError('ERR_RESULTS_INVALID', `${source}: ${where ? `${where}: ` : ''}${message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
