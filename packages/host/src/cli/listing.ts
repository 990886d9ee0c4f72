// What `--list` and `--plan` print: the workloads and strategies on offer, and the cells a run would measure.
import { groupPlans } from '@paralab/core';
import { prepareModules } from '../plan/modules.js';
import { workloadCatalog } from '../plan/select.js';
import type { PlannedRun } from '../run.js';
import type { RunnerDefinition } from '../runner.js';

/** Workloads (built-in and the user's) and strategies, one line each. */
export async function listing(runner: RunnerDefinition, modules: readonly string[]): Promise<string> {
  const prepared = await prepareModules(runner.builtinModules, modules, {
    resolveBuiltin: runner.resolveBuiltin,
  });
  const catalog = await workloadCatalog(prepared, runner.loadModule);
  const workloads = catalog.map(
    ({ workload }) => `  ${workload.id.padEnd(16)} ${workload.kind.padEnd(6)} ${workload.description}`,
  );
  const strategies = runner.strategies.map(
    (s) => `  ${s.name.padEnd(26)} ${s.family.padEnd(10)} ${s.description}`,
  );
  return ['Workloads:', ...workloads, '', 'Strategies (name, family, what it is):', ...strategies].join('\n');
}

/** The cells a run with these options would measure, group by group. */
export function planListing(planned: PlannedRun): string {
  const groups = [...groupPlans(planned.plans).values()];
  const lines = groups.flatMap((group) => {
    const first = group[0];
    if (!first) return [];
    const params = Object.entries(first.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const cells = group.map((plan) => `${plan.strategy.name}@${plan.concurrency}`).join(' ');
    const reason = planned.unsupported.get(first.workload.id);
    if (reason) return [`  ${first.workload.id}(${params}): unsupported, ${reason}`];
    return [`  ${first.workload.id}(${params})`, `      ${cells}`];
  });
  const intro = `${planned.plans.length} cells in ${groups.length} groups (narrow with --workloads, --strategies and --concurrency):`;
  return [intro, ...lines].join('\n');
}
