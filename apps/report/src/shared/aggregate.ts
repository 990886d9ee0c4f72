import { basename } from 'node:path';
import type { Cell, Results } from '@paralab/core';
import { groupName } from './format.js';
import type { LoadError, LoadedFile } from './load.js';

/** The workload id of calibration cells: floors that strategies are compared with, not workloads. */
export const CALIBRATION = 'calibration';

/** One cell of one run, with what the report needs beside it. */
export interface Entry {
  cell: Cell;
  /** The cell's index in its results file (the page's inspector finds its raw samples by it). */
  index: number;
  /** Workload and parameters, e.g. `primes(list=balanced)`: cells of a group did the same work. */
  group: string;
  run: Run;
}

/** One results file: one runtime on one machine. */
export interface Run {
  /** A stable id for HTML anchors: `run-1`, `run-2` ... in report order. */
  id: string;
  /** The runtime name, with the file name added when a machine has two files of the same runtime. */
  label: string;
  /** `runtime.name` of the file: node, bun, chromium ... */
  runtime: string;
  file: LoadedFile;
  machine: Machine;
  /** Every cell except calibration floors. */
  entries: Entry[];
  /** Calibration cells (`workload === 'calibration'`), each named by `params.probe`. */
  floors: Entry[];
}

/** Every run from one machine fingerprint: raw times are compared only within one of these. */
export interface Machine {
  fingerprint: string;
  /** Short name in report order: M1, M2 ... */
  label: string;
  /** CPU model, cores, memory, OS and architecture in words. */
  description: string;
  /** Cores the runtimes could use (`availableParallelism` of the first file). */
  cores: number;
  runs: Run[];
}

/** Every valid file grouped by machine, and every file that could not be read. */
export interface Aggregate {
  machines: Machine[];
  runs: Run[];
  errors: LoadError[];
}

const RUNTIME_ORDER = ['node', 'bun', 'deno', 'chromium', 'firefox', 'webkit'];

/**
 * Where a runtime sorts in reports: node, bun, deno, chromium, firefox, webkit, then any other; another
 * version of one (`node@22`) sorts with it (after it, by name).
 */
export function runtimeRank(name: string): number {
  const rank = RUNTIME_ORDER.indexOf(name.split('@')[0] ?? name);
  return rank === -1 ? RUNTIME_ORDER.length : rank;
}

function compareFiles(a: LoadedFile, b: LoadedFile): number {
  const ra = a.results.runtime.name;
  const rb = b.results.runtime.name;
  return (
    runtimeRank(ra) - runtimeRank(rb) ||
    ra.localeCompare(rb) ||
    a.results.startedAt.localeCompare(b.results.startedAt)
  );
}

/** Describes a machine in a few words: `Intel(R) Xeon(R) Processor · 2 cores · 24 GiB · linux/x64`. */
export function describeMachine(machine: Results['machine']): string {
  const gib = Math.round(machine.totalMemory / 2 ** 30);
  return `${machine.cpuModel} · ${machine.availableParallelism} cores · ${gib} GiB · ${machine.os}/${machine.arch}`;
}

/**
 * Groups files by machine fingerprint (machines in order of first appearance), runs within a machine by
 * runtime (node, bun, deno, chromium, then others) and start time. Never pools cells across files.
 */
export function aggregate(files: readonly LoadedFile[], errors: readonly LoadError[] = []): Aggregate {
  const byFingerprint = new Map<string, LoadedFile[]>();
  for (const file of files) {
    const key = file.results.machine.fingerprint;
    byFingerprint.set(key, [...(byFingerprint.get(key) ?? []), file]);
  }
  const machines = [...byFingerprint].map(([fingerprint, group], i) => {
    const first = group[0]?.results.machine;
    const machine: Machine = {
      fingerprint,
      label: `M${i + 1}`,
      description: first ? describeMachine(first) : fingerprint,
      cores: first?.availableParallelism ?? 1,
      runs: [],
    };
    machine.runs = [...group].sort(compareFiles).map((file) => toRun(file, machine, group));
    return machine;
  });
  const runs = machines.flatMap((machine) => machine.runs);
  runs.forEach((run, i) => {
    run.id = `run-${i + 1}`;
  });
  return { machines, runs, errors: [...errors] };
}

function toRun(file: LoadedFile, machine: Machine, siblings: readonly LoadedFile[]): Run {
  const runtime = file.results.runtime.name;
  const twins = siblings.filter((other) => other.results.runtime.name === runtime).length;
  const label = twins > 1 ? `${runtime} (${basename(file.path)})` : runtime;
  const run: Run = { id: '', label, runtime, file, machine, entries: [], floors: [] };
  file.results.cells.forEach((cell, index) => {
    const entry: Entry = { cell, index, group: groupName(cell.workload, cell.params), run };
    (cell.workload === CALIBRATION || cell.kind === 'calibration' ? run.floors : run.entries).push(entry);
  });
  return run;
}

/** `node 20.20.2`, or `node 20.20.2 · M2` with several machines: how answers name a run's column. */
export function runHeading(run: Run, aggregate: Aggregate): string {
  const machine = aggregate.machines.length > 1 ? ` · ${run.machine.label}` : '';
  return `${run.label} ${run.file.results.runtime.version}${machine}`;
}

/** The run's name with its machine when the report holds more than one machine: `node · M2`. */
export function runTitle(run: Run, aggregate: Aggregate): string {
  return aggregate.machines.length > 1 ? `${run.label} · ${run.machine.label}` : run.label;
}

/** Entries grouped by `group`, groups in order of first appearance. */
export function byGroup(entries: readonly Entry[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  return groups;
}
