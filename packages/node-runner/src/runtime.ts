import type { CancelToken, Cell, ProbeFactory, Profile, Strategy } from '@paralab/core';
import type { PlanEntry } from './plan.js';

/**
 * What a runtime brings to a run: its name and version, its strategies, its default plan, how it reads
 * a cell's resource use and how it measures its calibration floors. The Node runner is one; the Bun runner
 * reuses everything else and brings its own.
 */
export interface Runtime {
  /** Written to the results file's `runtime.name` (`node`, `bun`). */
  readonly name: 'node' | 'bun' | (string & {});
  readonly version: string;
  readonly strategies: readonly Strategy[];
  readonly plan: (cores: number) => PlanEntry[];
  readonly probe: ProbeFactory;
  readonly calibrate: (options: { profile: Profile; interrupt?: CancelToken }) => Promise<Cell[]>;
}
