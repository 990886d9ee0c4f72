import { describe, expect, it } from 'vitest';
import { ParalabError } from './errors.js';
import { createResults, type MachineInfo, machineFingerprint, type ResultsInput } from './results.js';
import { type Cell, parseResults, type Results, resultsJsonSchema, SCHEMA_VERSION } from './schema.js';

/** Parsed JSON, whose fields the tests edit freely. */
// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary fields of untyped JSON.
type Json = Record<string, any>;

const machine: MachineInfo = {
  os: 'linux',
  arch: 'x64',
  cpuModel: 'Test CPU @ 3.0GHz',
  logicalCores: 8,
  availableParallelism: 8,
  totalMemory: 16 * 2 ** 30,
};

const okCell: Cell = {
  id: 'primes(n=10)/pool@4',
  workload: 'primes',
  kind: 'cpu',
  module: '@paralab/core/workloads',
  strategy: 'pool',
  family: 'threads',
  concurrency: 4,
  params: { n: 10, mode: 'fast', cold: false },
  options: { inFlight: 4, thread: 'worker', library: 'piscina' },
  status: 'ok',
  samples: [10, 11, 12],
  warmups: [15],
  tasksPerSample: 8,
  stats: { median: 11, ci95: [10, 12], ciConfidence: 0.75, min: 10, max: 12, mean: 11, mad: 1, cv: 0.09 },
  throughput: (8 * 1000) / 11,
  startupMs: 3.5,
  speedup: { ratio: 3.2, lo: 2.9, hi: 3.4 },
  flags: ['ci-wide'],
};

const erroredCell: Cell = {
  id: 'primes(n=10)/broken@4',
  workload: 'primes',
  kind: 'cpu',
  strategy: 'broken',
  family: 'threads',
  concurrency: 4,
  params: { n: 10 },
  options: {},
  status: 'errored',
  reason: 'starting broken failed: no workers',
  samples: [],
  warmups: [],
  tasksPerSample: 8,
  flags: [],
};

const input = (overrides: Partial<ResultsInput> = {}): ResultsInput => ({
  toolVersion: '0.1.0',
  runtime: { name: 'node', version: '22.11.0' },
  machine,
  timer: { source: 'performance.now', resolutionMs: 0.001 },
  startedAt: new Date('2025-01-02T03:04:05.678Z'),
  finishedAt: new Date('2025-01-02T03:05:00.000Z'),
  complete: true,
  profile: 'quick',
  seed: 7,
  cells: [okCell, erroredCell],
  ...overrides,
});

const valid: Results = createResults(input());

/** A deep copy of the valid results with one change, as JSON would carry it. */
function edited(change: (data: Json) => void): unknown {
  const data = JSON.parse(JSON.stringify(valid)) as Json;
  change(data);
  return data;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('createResults', () => {
  it('assembles the file: version, tool, fingerprint, ISO dates', () => {
    expect(valid).toEqual({
      $schema: 'https://paralab.dev/schema/results-v2.json',
      schemaVersion: 2,
      tool: { name: 'paralab', version: '0.1.0' },
      runtime: { name: 'node', version: '22.11.0' },
      machine: { ...machine, fingerprint: machineFingerprint(machine) },
      timer: { source: 'performance.now', resolutionMs: 0.001 },
      startedAt: '2025-01-02T03:04:05.678Z',
      finishedAt: '2025-01-02T03:05:00.000Z',
      complete: true,
      profile: 'quick',
      seed: 7,
      cells: [okCell, erroredCell],
    });
  });

  it('leaves finishedAt out when the run has no end time', () => {
    expect('finishedAt' in createResults(input({ finishedAt: undefined }))).toBe(false);
  });
});

describe('parseResults', () => {
  it('accepts what createResults builds', () => {
    expect(parseResults(valid)).toEqual(valid);
  });

  it('accepts it after a round trip through JSON', () => {
    const text = JSON.stringify(valid);
    expect(parseResults(JSON.parse(text), 'node.json')).toEqual(valid);
  });

  it('keeps a cell family and the stats quantiles through JSON, and requires the family', () => {
    const stats = {
      ...(okCell.stats as NonNullable<Cell['stats']>),
      p10: 10.2,
      p25: 10.5,
      p75: 11.5,
      p90: 11.8,
    };
    const cell: Cell = { ...okCell, family: 'threads', stats };
    const results = createResults(input({ cells: [cell, erroredCell] }));
    expect(parseResults(JSON.parse(JSON.stringify(results)))).toEqual(results);
    expect(parseResults(valid).cells[0]?.family).toBe('threads');
    expect(() => parseResults(edited((data) => (data.cells[0].family = '')))).toThrow(
      'results: cells[0].family: Too small',
    );
  });

  it('accepts what browser runners add (runtime facts, long tasks) and keeps it through JSON', () => {
    const runtime = {
      name: 'chromium',
      version: '131.0.6778.33',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.6778.33',
      crossOriginIsolated: true,
      hardwareConcurrency: 8,
    };
    const cell: Cell = { ...okCell, metrics: { longTasks: { count: 2, totalMs: 130.5, maxMs: 80 } } };
    const results = createResults(input({ runtime, cells: [cell] }));
    expect(results.runtime).toEqual(runtime);
    expect(parseResults(JSON.parse(JSON.stringify(results)), 'chromium.json')).toEqual(results);
  });

  it('accepts an interrupted run with no cells and no end time', () => {
    const partial = createResults(input({ complete: false, cells: [], finishedAt: undefined }));
    expect(parseResults(partial)).toEqual(partial);
  });

  it.each([
    [
      'a cell status that does not exist',
      (d: Json) => {
        d.cells[0].status = 'fast';
      },
      'node.json: cells[0].status: Invalid option: expected one of "ok"|"errored"|"unsupported"|"invalid"|"interrupted"',
    ],
    [
      'a non-ok cell without a reason',
      (d: Json) => {
        delete d.cells[1].reason;
      },
      'node.json: cells[1].reason: a cell whose status is not ok needs a reason',
    ],
    [
      'a non-ok cell with an empty reason',
      (d: Json) => {
        d.cells[0].status = 'invalid';
        d.cells[0].reason = '';
      },
      'node.json: cells[0].reason: a cell whose status is not ok needs a reason',
    ],
    [
      'a negative sample',
      (d: Json) => {
        d.cells[0].samples[2] = -1;
      },
      'node.json: cells[0].samples[2]: Too small: expected number to be >=0',
    ],
    [
      'a one-sided CI',
      (d: Json) => {
        d.cells[0].stats.ci95 = [10];
      },
      'node.json: cells[0].stats.ci95: Too small: expected array to have >=2 items',
    ],
    [
      'a concurrency of 0',
      (d: Json) => {
        d.cells[1].concurrency = 0;
      },
      'node.json: cells[1].concurrency: Too small: expected number to be >=1',
    ],
    [
      'no machine cores',
      (d: Json) => {
        d.machine.logicalCores = 0;
      },
      'node.json: machine.logicalCores: Too small: expected number to be >=1',
    ],
    [
      'a date that is not ISO 8601',
      (d: Json) => {
        d.startedAt = 'yesterday';
      },
      'node.json: startedAt: Invalid ISO datetime',
    ],
    [
      'another tool',
      (d: Json) => {
        d.tool.name = 'benchmark.js';
      },
      'node.json: tool.name: Invalid input: expected "paralab"',
    ],
    [
      'a missing cells array',
      (d: Json) => {
        delete d.cells;
      },
      'node.json: cells: Invalid input: expected array, received undefined',
    ],
    [
      'a runtime.crossOriginIsolated that is not a boolean',
      (d: Json) => {
        d.runtime.crossOriginIsolated = 'yes';
      },
      'node.json: runtime.crossOriginIsolated: Invalid input: expected boolean, received string',
    ],
    [
      'a runtime.hardwareConcurrency of 0',
      (d: Json) => {
        d.runtime.hardwareConcurrency = 0;
      },
      'node.json: runtime.hardwareConcurrency: Too small: expected number to be >=1',
    ],
    [
      'a fractional long-task count',
      (d: Json) => {
        d.cells[0].metrics = { longTasks: { count: 1.5, totalMs: 60, maxMs: 60 } };
      },
      'node.json: cells[0].metrics.longTasks.count: Invalid input: expected int, received number',
    ],
    [
      'a missing schemaVersion',
      (d: Json) => {
        delete d.schemaVersion;
      },
      'node.json: schemaVersion: Invalid input: expected 2',
    ],
  ])('rejects %s with a one-line message naming the source and field', (_what, change, message) => {
    const error = thrown(() => parseResults(edited(change), 'node.json'));
    expect(error).toBeInstanceOf(ParalabError);
    expect(error).toMatchObject({ code: 'ERR_RESULTS_INVALID', message });
    expect(message).not.toMatch(/\n/);
  });

  it('reads a version 1 file, giving each cell the family its strategy name meant then', () => {
    const v1 = edited((d) => {
      d.schemaVersion = 1;
      d.cells[0].strategy = 'worker_threads';
      d.cells[1].strategy = 'child_process.fork';
      for (const cell of d.cells) delete cell.family;
    });
    const read = parseResults(v1, 'results/old.json');
    expect(read.schemaVersion).toBe(2);
    expect(read.cells.map((cell) => [cell.strategy, cell.family])).toEqual([
      ['worker_threads', 'threads'],
      ['child_process.fork', 'processes'],
    ]);
  });

  it.each([
    [3, 'results/old.json: schemaVersion 3 is not supported (this paralab reads versions 1 and 2)'],
    [0, 'results/old.json: schemaVersion 0 is not supported (this paralab reads versions 1 and 2)'],
    ['1', 'results/old.json: schemaVersion "1" is not supported (this paralab reads versions 1 and 2)'],
  ])('rejects schemaVersion %j with its own message', (version, message) => {
    const error = thrown(() =>
      parseResults(
        edited((d) => {
          d.schemaVersion = version;
          d.cells[0].status = 'fast'; // the version is reported first, not the fields of a format it cannot read
        }),
        'results/old.json',
      ),
    );
    expect(error).toMatchObject({ code: 'ERR_RESULTS_INVALID', message });
  });

  it.each([
    [null, 'results: Invalid input: expected object, received null'],
    [[], 'results: Invalid input: expected object, received array'],
    ['{}', 'results: Invalid input: expected object, received string'],
  ])('rejects %j at the top level, naming the default source', (data, message) => {
    expect(() => parseResults(data)).toThrow(message);
  });
});

describe('resultsJsonSchema', () => {
  const schema = resultsJsonSchema() as {
    $schema: string;
    $id: string;
    title: string;
    required: string[];
    properties: Json;
  };

  it('is draft 2020-12 with an $id carrying the schema version', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://paralab.dev/schema/results-v${SCHEMA_VERSION}.json`);
    expect(schema.title).toBe('paralab results');
  });

  it('requires every field a reader relies on', () => {
    expect(schema.required).toEqual([
      'schemaVersion',
      'tool',
      'runtime',
      'machine',
      'timer',
      'startedAt',
      'complete',
      'profile',
      'seed',
      'cells',
    ]);
    expect(schema.properties.schemaVersion).toEqual({
      type: 'number',
      const: SCHEMA_VERSION,
      description: 'Version of this format',
    });
  });

  it('describes cells: status values, required fields, units', () => {
    const item = schema.properties.cells.items;
    expect(item.properties.status).toEqual({
      type: 'string',
      enum: ['ok', 'errored', 'unsupported', 'invalid', 'interrupted'],
      description:
        'ok, or why there is no valid time: errored (it failed), unsupported (it cannot run here), invalid (wrong output), interrupted (the run was stopped before its samples were complete; kept out of decisions)',
    });
    expect(item.required).toEqual([
      'id',
      'workload',
      'kind',
      'strategy',
      'family',
      'concurrency',
      'params',
      'options',
      'status',
      'samples',
      'warmups',
      'tasksPerSample',
      'flags',
    ]);
    expect(item.properties.samples.items).toEqual({
      type: 'number',
      minimum: 0,
      description: 'one sample: the wall time of one batch of tasks, in milliseconds',
    });
  });

  it('describes the optional fields browser runners record', () => {
    const runtime = schema.properties.runtime;
    expect(runtime.required).toEqual(['name', 'version']);
    expect(runtime.properties.crossOriginIsolated).toEqual({
      type: 'boolean',
      description:
        'The page was cross-origin isolated, so SharedArrayBuffer existed and the timer was fine-grained; recorded by browser runners',
    });
    expect(Object.keys(runtime.properties)).toEqual([
      'name',
      'version',
      'engine',
      'userAgent',
      'crossOriginIsolated',
      'hardwareConcurrency',
    ]);
    const longTasks = schema.properties.cells.items.properties.metrics.properties.longTasks;
    expect([longTasks.description, longTasks.required]).toEqual([
      "Main-thread long tasks (over 50 ms, PerformanceObserver 'longtask') during the samples: what a user feels as jank (browsers)",
      ['count', 'totalMs', 'maxMs'],
    ]);
  });

  it('is plain JSON (survives a round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe('machineFingerprint', () => {
  it('is stable for equal machines', () => {
    expect(machineFingerprint({ ...machine })).toBe(machineFingerprint(machine));
    expect(machineFingerprint(machine)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores availableParallelism and memory differences under half a GiB', () => {
    const same = machineFingerprint(machine);
    expect(machineFingerprint({ ...machine, availableParallelism: 2 })).toBe(same);
    expect(machineFingerprint({ ...machine, totalMemory: machine.totalMemory - 200 * 2 ** 20 })).toBe(same);
  });

  it.each<[string, Partial<MachineInfo>]>([
    ['cores', { logicalCores: 16 }],
    ['os', { os: 'darwin' }],
    ['arch', { arch: 'arm64' }],
    ['cpu model', { cpuModel: 'Other CPU' }],
    ['memory', { totalMemory: 32 * 2 ** 30 }],
  ])('differs when the %s differ', (_what, change) => {
    expect(machineFingerprint({ ...machine, ...change })).not.toBe(machineFingerprint(machine));
  });
});
