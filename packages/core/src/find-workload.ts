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

/**
 * Every workload exported by a module namespace, once each. Exported arrays of workloads come first, in
 * their own order (a module namespace lists its exports alphabetically, an array says the intended order).
 */
export function workloadsOf(namespace: Readonly<Record<string, unknown>>): AnyWorkload[] {
  const values = Object.values(namespace);
  const ordered = [
    ...values.filter(Array.isArray).flat(),
    ...values.filter((value) => !Array.isArray(value)),
  ];
  const found = new Map<string, AnyWorkload>();
  for (const candidate of ordered)
    if (isWorkload(candidate) && !found.has(candidate.id)) found.set(candidate.id, candidate);
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
