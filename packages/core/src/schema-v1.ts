// Results files of schema version 1 (paralab before strategies carried their family) are still read: this
// is the one place that knows what their strategy names meant. Version 2 files record each cell's family.

/** The strategy names version 1 files used, by family. Frozen with that version: never extended. */
const V1_FAMILIES: Readonly<Record<string, string>> = {
  sequential: 'sequential',
  async: 'async',
  worker: 'threads',
  'worker-pipelined': 'threads',
  piscina: 'threads',
  workerpool: 'threads',
  'workerpool-web': 'threads',
  'workerpool-process': 'processes',
  tinypool: 'threads',
  shared: 'threads',
  transfer: 'threads',
  worker_threads: 'threads',
  'worker_threads-pipelined': 'threads',
  process: 'processes',
  'process-cold': 'processes',
  'child_process.fork': 'processes',
  hybrid: 'hybrid',
};

/**
 * Turns a parsed version 1 results object into version 2: each cell gains its `family` (calibration cells
 * are `calibration`; a name version 1 did not know is `other`). Returns other values unchanged.
 */
export function migrateV1(data: unknown): unknown {
  if (!data || typeof data !== 'object' || (data as { schemaVersion?: unknown }).schemaVersion !== 1)
    return data;
  const v1 = data as { cells?: unknown };
  const cells = Array.isArray(v1.cells) ? v1.cells : [];
  return {
    ...data,
    schemaVersion: 2,
    cells: cells.map((cell) => {
      if (!cell || typeof cell !== 'object') return cell;
      const { strategy, kind } = cell as { strategy?: unknown; kind?: unknown };
      const family = kind === 'calibration' ? 'calibration' : (V1_FAMILIES[String(strategy)] ?? 'other');
      return { ...cell, family };
    }),
  };
}
