import { fingerprint } from './fingerprint.js';
import { type Cell, type Results, SCHEMA_VERSION } from './schema.js';

/** The machine a run happened on, as a runner reads it. */
export interface MachineInfo {
  os: string;
  arch: string;
  cpuModel: string;
  logicalCores: number;
  availableParallelism: number;
  /** Bytes. */
  totalMemory: number;
}

/** What a runner knows at the end of a run; `createResults` adds the rest. */
export interface ResultsInput {
  toolVersion: string;
  /** The runtime; browser runners add what the page saw (see the results schema's `runtime`). */
  runtime: {
    name: string;
    version: string;
    /** The JavaScript engine and its version. */
    engine?: string;
    /** `navigator.userAgent`. */
    userAgent?: string;
    /** `crossOriginIsolated`: SharedArrayBuffer existed and the timer was fine-grained. */
    crossOriginIsolated?: boolean;
    /** `navigator.hardwareConcurrency`, an integer >= 1. */
    hardwareConcurrency?: number;
  };
  machine: MachineInfo;
  timer: { source: string; resolutionMs: number };
  startedAt: Date;
  finishedAt?: Date;
  complete: boolean;
  profile: string;
  seed: number;
  /** The loopback services the run used, each with what results record of it. */
  services?: Record<string, Record<string, string | number | boolean>>;
  /** The memory limits of the run. */
  limits?: { heapMb?: number };
  cells: Cell[];
}

/**
 * A stable hash of what makes a machine a machine (os, arch, cpu model, cores, memory): results with the
 * same fingerprint came from comparable hardware; raw times are never pooled across fingerprints.
 */
export function machineFingerprint(machine: MachineInfo): string {
  const { os, arch, cpuModel, logicalCores, totalMemory } = machine;
  // Memory is rounded to GiB so the same machine keeps its fingerprint across kernel reservations.
  return fingerprint([os, arch, cpuModel, logicalCores, Math.round(totalMemory / 2 ** 30)]);
}

/** Assembles a results file object (schema version, machine fingerprint, ISO dates). */
export function createResults(input: ResultsInput): Results {
  return {
    $schema: `https://paralab.dev/schema/results-v${SCHEMA_VERSION}.json`,
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'paralab', version: input.toolVersion },
    runtime: input.runtime,
    machine: { ...input.machine, fingerprint: machineFingerprint(input.machine) },
    timer: input.timer,
    startedAt: input.startedAt.toISOString(),
    ...(input.finishedAt ? { finishedAt: input.finishedAt.toISOString() } : {}),
    complete: input.complete,
    profile: input.profile,
    seed: input.seed,
    ...(input.services ? { services: input.services } : {}),
    ...(input.limits ? { limits: input.limits } : {}),
    cells: input.cells,
  };
}
