import type { Results } from '@paralab/core';
import { buildReport as build, type Report } from '../src/index.js';
import { type CellSpec, cells, MACHINE_A, resultsOf } from './_fixtures.js';

export { explain, type Report } from '../src/index.js';
export type { CellSpec } from './_fixtures.js';

/** A report of one or more node files on machine A, each from its cell specs (or a ready Results). */
export function buildReport(files: ReadonlyArray<readonly CellSpec[] | Results>): Report {
  const loaded = files.map((file, i) => {
    const results = Array.isArray(file)
      ? resultsOf('node', MACHINE_A, cells(file as CellSpec[]))
      : (file as Results);
    return { path: `f${i}.json`, results };
  });
  return build({ files: loaded, errors: [] }, new Date('2026-01-02T04:00:00.000Z'));
}
