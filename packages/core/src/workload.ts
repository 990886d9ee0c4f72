import { ParalabError } from './errors.js';

/** What a workload mostly spends its time on. */
export type WorkloadKind = 'cpu' | 'io' | 'mixed';

/** A parameter value. Parameters are plain data so they can be written to results files and sent to workers. */
export type ParamValue = number | string | boolean;

/** The declaration of one workload parameter: its type, default and bounds. */
export type ParamSpec =
  | {
      readonly type: 'integer' | 'number';
      readonly default: number;
      readonly description: string;
      /** Smallest allowed value (inclusive). */
      readonly min?: number;
      /** Largest allowed value (inclusive). */
      readonly max?: number;
    }
  | {
      readonly type: 'enum';
      readonly default: string;
      readonly description: string;
      readonly values: readonly string[];
    }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string };

/** A workload's parameter declarations, keyed by parameter name. */
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** The resolved parameter values for a set of declarations. */
export type ParamsOf<S extends ParamSpecs> = string extends keyof S
  ? Record<string, ParamValue>
  : DeclaredParams<S>;

type DeclaredParams<S extends ParamSpecs> = {
  -readonly [K in keyof S]: S[K] extends { type: 'enum'; values: readonly (infer V)[] }
    ? V
    : S[K] extends { type: 'boolean' }
      ? boolean
      : number;
};

/**
 * The loopback services a run provides, each when the host started it (or was told where it is). A workload
 * that needs one that is absent throws `ParalabError('ERR_UNSUPPORTED', reason)` from `prepare`: its cells
 * are then recorded `unsupported` with that reason.
 */
export interface Services {
  /**
   * Base URL (`http://127.0.0.1:PORT`) of the runner's loopback latency server, when the runner started one.
   * The server answers `GET /latency/:ms/:id` after `ms` milliseconds with the body `paralab:<id>` and
   * `GET /doc/:ms/:id/:size` with a deterministic document of `size` bytes (see `latencyDocument`).
   */
  readonly serverUrl?: string;
  /** Connection URL (`postgres://...`) of the run's PostgreSQL server, when one is available. */
  readonly databaseUrl?: string;
  /** Control URL of the run's HTTP load generator (a process of its own), when one is running. */
  readonly loadGeneratorUrl?: string;
  /** Why a service is absent, by service name (`databaseUrl`), for the workloads that need it. */
  readonly missing?: Readonly<Record<string, string>>;
}

/** A loopback service a workload may need (the host starts it only when a planned workload does). */
export type ServiceName = 'latency-server' | 'database' | 'load-generator';

/** What a runner provides to `prepare`: the run's services and the seed. */
export interface PrepareContext extends Services {
  /** Seed for any pseudo-random input generation; the same seed gives the same inputs. */
  readonly seed: number;
}

/** The outcome of checking one task's output: `true` when right, otherwise a short reason. */
export type VerifyResult = true | string;

/**
 * A workload: a task function and everything needed to feed it and check it.
 *
 * The object must be exported from a module that workers, child processes and pages can import by
 * specifier: runners send the module specifier and the workload id across threads, never the functions.
 */
export interface Workload<S extends ParamSpecs = ParamSpecs, I = unknown, O = unknown> {
  /** Stable identifier, kebab-case (`primes`, `regex-meta`). */
  readonly id: string;
  readonly kind: WorkloadKind;
  /** One sentence for `--help` and reports. */
  readonly description: string;
  readonly params: S;
  /**
   * Builds the inputs of one sample's tasks (one element per task). Runs on the main thread before
   * measuring; its time is never counted. Inputs must be structured-cloneable.
   */
  prepare(params: ParamsOf<S>, context: PrepareContext): I[] | Promise<I[]>;
  /** The task: runs once per input, on whatever thread or process the strategy chooses. */
  run(input: I): O | Promise<O>;
  /**
   * Checks one output against a known answer. When absent, runners check outputs by checksum against a
   * reference run of the task on the main thread (see `fingerprint`).
   */
  // A method, not a function-typed property, so a workload with typed inputs still fits `AnyWorkload`.
  verify?(output: O, input: I, params: ParamsOf<S>): VerifyResult;
  /**
   * The loopback services `prepare` needs (the host starts each only when a planned workload needs it).
   * I/O and mixed workloads that say nothing get the latency server.
   */
  readonly services?: readonly ServiceName[];
  /** Optional: the task as an I/O phase then a CPU phase (used by the `hybrid` strategy). */
  readonly split?: WorkloadSplit<I, O>;
  /** Optional: the task run in place on shared memory (used by the `shared` strategy). */
  readonly shared?: SharedMemoryTask<I, O>;
  /**
   * Optional: the task served over HTTP, one request per input (used by the serving strategies, and only
   * by them). A server answers each request with `run(input)`, which must return an ASCII string.
   */
  readonly served?: ServedTask<I>;
}

/**
 * How a task is checked when it is served over HTTP: the load generator checks every response against the
 * known answer, which must therefore be cheap to compute without running the task (a closed form).
 */
export interface ServedTask<I> {
  /** The body (ASCII) a server must answer for `input`: what `run(input)` returns. */
  expectedBody(input: I): string;
}

/**
 * A task split into its waiting and its computing: `run(input)` must equal `cpu(await io(input))`. The
 * `hybrid` strategy runs `io` on the main thread's event loop and sends `cpu` to a worker pool, so the
 * intermediate value must be structured-cloneable.
 */
export interface WorkloadSplit<I, O> {
  io(input: I): Promise<unknown>;
  cpu(intermediate: unknown): O | Promise<O>;
}

/**
 * A task that can work on shared memory (`SharedArrayBuffer`): the `shared` strategy puts the inputs' typed
 * arrays and an output buffer in shared memory, so nothing is copied between threads.
 */
export interface SharedMemoryTask<I, O> {
  /** Size in bytes of the output buffer `runInto` fills for `input`. */
  outputBytes(input: I): number;
  /** Runs the task on `input`, writing the result into `output` (a view on shared memory). */
  runInto(input: I, output: Uint8Array): void;
  /** Reads what `runInto` wrote as the value `run` would have returned (for verification). */
  readOutput(output: Uint8Array, input: I): O;
}

/** A workload whose types have been erased, as runners handle them. */
// biome-ignore lint/suspicious/noExplicitAny: inputs and outputs are opaque to runners; each workload types its own.
export type AnyWorkload = Workload<ParamSpecs, any, any>;

const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declares a workload. Checks the declaration (id shape, kind, parameter defaults) and returns it frozen.
 * Throws `TypeError` on a malformed id, kind or function, `ParalabError` (`ERR_PARAM`) on a bad default.
 */
export function defineWorkload<const S extends ParamSpecs, I, O>(
  definition: Workload<S, I, O>,
): Workload<S, I, O> {
  if (typeof definition.id !== 'string' || !ID_PATTERN.test(definition.id)) {
    throw new TypeError(
      `workload.id must be kebab-case (like "regex-meta"), got ${JSON.stringify(definition.id)}`,
    );
  }
  if (!['cpu', 'io', 'mixed'].includes(definition.kind)) {
    throw new TypeError(
      `workload.kind must be "cpu", "io" or "mixed", got ${JSON.stringify(definition.kind)}`,
    );
  }
  for (const fn of ['prepare', 'run'] as const) {
    if (typeof definition[fn] !== 'function') {
      throw new TypeError(`workload.${fn} of "${definition.id}" must be a function`);
    }
  }
  for (const [name, spec] of Object.entries(definition.params)) {
    checkParam(definition.id, name, spec, spec.default);
  }
  return Object.freeze({ ...definition, params: Object.freeze({ ...definition.params }) });
}

/**
 * Resolves a workload's parameters: defaults overlaid with `overrides`. Accepts strings for numbers and
 * booleans (as given on a command line). Throws `ParalabError` (code `ERR_PARAM`) naming the parameter.
 */
export function resolveParams<S extends ParamSpecs>(
  workload: Workload<S, unknown, unknown>,
  overrides: Readonly<Record<string, unknown>> = {},
): ParamsOf<S> {
  const resolved: Record<string, ParamValue> = {};
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(workload.params, name)) {
      const known = Object.keys(workload.params).join(', ') || 'none';
      throw new ParalabError('ERR_PARAM', `${workload.id} has no parameter "${name}" (parameters: ${known})`);
    }
  }
  for (const [name, spec] of Object.entries(workload.params)) {
    const raw = name in overrides ? coerce(spec, overrides[name]) : spec.default;
    checkParam(workload.id, name, spec, raw);
    resolved[name] = raw as ParamValue;
  }
  return resolved as ParamsOf<S>;
}

function coerce(spec: ParamSpec, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (spec.type === 'integer' || spec.type === 'number') {
    const number = Number(value);
    return value.trim() === '' || Number.isNaN(number) ? value : number;
  }
  if (spec.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function checkParam(id: string, name: string, spec: ParamSpec, value: unknown): void {
  const where = `${id}.${name}`;
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (spec.type === 'number' || Number.isInteger(value));
      if (!ok)
        throw new ParalabError('ERR_PARAM', `${where} must be ${article(spec.type)}, got ${show(value)}`);
      if (spec.min !== undefined && value < spec.min) {
        throw new ParalabError('ERR_PARAM', `${where} must be at least ${spec.min}, got ${value}`);
      }
      if (spec.max !== undefined && value > spec.max) {
        throw new ParalabError('ERR_PARAM', `${where} must be at most ${spec.max}, got ${value}`);
      }
      return;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        throw new ParalabError(
          'ERR_PARAM',
          `${where} must be one of ${spec.values.join(', ')}, got ${show(value)}`,
        );
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw new ParalabError('ERR_PARAM', `${where} must be true or false, got ${show(value)}`);
      }
      return;
    default:
      throw new TypeError(`${where} has an unknown parameter type`);
  }
}

const article = (type: 'integer' | 'number'): string =>
  type === 'integer' ? 'an integer' : 'a finite number';
const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));
