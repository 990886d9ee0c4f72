import { ParalabError } from './errors.js';
import type { AnyWorkload } from './workload.js';

/** True when `value` looks like a workload made by `defineWorkload`. */
export function isWorkload(value: unknown): value is AnyWorkload {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<AnyWorkload>;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.run === 'function' &&
    typeof candidate.prepare === 'function'
  );
}

/** Every workload exported by a module namespace (named exports, arrays of workloads included). */
export function workloadsOf(namespace: Readonly<Record<string, unknown>>): AnyWorkload[] {
  const found = new Map<string, AnyWorkload>();
  for (const value of Object.values(namespace)) {
    const candidates = Array.isArray(value) ? value : [value];
    for (const candidate of candidates) if (isWorkload(candidate)) found.set(candidate.id, candidate);
  }
  return [...found.values()];
}

/**
 * Finds the workload `id` among a module's exports. Throws `ParalabError` (`ERR_UNKNOWN_WORKLOAD`)
 * listing the ids the module does export.
 */
export function findWorkload(
  namespace: Readonly<Record<string, unknown>>,
  id: string,
  module: string,
): AnyWorkload {
  const all = workloadsOf(namespace);
  const workload = all.find((w) => w.id === id);
  if (workload) return workload;
  const known = all.map((w) => w.id).join(', ') || 'none';
  throw new ParalabError(
    'ERR_UNKNOWN_WORKLOAD',
    `${module} exports no workload "${id}" (it exports: ${known})`,
  );
}
