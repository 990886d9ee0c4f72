import type { Aggregate } from '../../shared/aggregate.js';
import { words } from '../../shared/format.js';
import type { Decision } from '../decisions.js';
import { c5, c7 } from './async.js';
import { c6, c9, c11 } from './costs.js';
import { c3, c4, c8 } from './cpu.js';
import { c10, c12 } from './guide.js';
import { c1, c2 } from './io.js';
import type { ClaimAnswer, ClaimEvaluator, ClaimPart, ClaimResult, ClaimVerdict, Finding } from './types.js';

/** Every claim of SEEDS.md, in order. */
export const CLAIMS: readonly ClaimEvaluator[] = [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12];

/**
 * The verdict of a set of parts: `holds` or `does not hold` when every decided part agrees and nothing is
 * inconclusive (does not hold also when the rest is inconclusive), `partly holds` when some parts hold and
 * others do not or are inconclusive, `inconclusive` when no part is decided, `not measured here` when
 * there is no part.
 */
export function combine(parts: readonly ClaimPart[]): ClaimVerdict {
  if (parts.length === 0) return 'not measured here';
  const holds = parts.some((p) => p.verdict === 'holds');
  const fails = parts.some((p) => p.verdict === 'does not hold');
  const unsure = parts.some((p) => p.verdict === 'inconclusive');
  if (holds) return fails || unsure ? 'partly holds' : 'holds';
  return fails ? 'does not hold' : 'inconclusive';
}

/**
 * Merges missing pieces that give the same reason for several groups of the run:
 * `a(x=1): no timed async cell` and `b: no timed async cell` become `a(x=1) and b: no timed async cell`.
 */
export function mergeMissing(missing: readonly string[], groups: ReadonlySet<string>): string[] {
  const merged: Array<{ reason: string; groups: string[] }> = [];
  for (const item of missing) {
    const group = [...groups].find((name) => item.startsWith(`${name}: `));
    const reason = group ? item.slice(group.length + 2) : item;
    const same = group ? merged.find((m) => m.groups.length > 0 && m.reason === reason) : undefined;
    if (same && group) same.groups.push(group);
    else merged.push({ reason, groups: group ? [group] : [] });
  }
  return merged.map((m) => (m.groups.length > 0 ? `${words(m.groups)}: ${m.reason}` : m.reason));
}

function answerText(finding: Finding): string {
  const clauses = (['holds', 'does not hold', 'inconclusive'] as const).flatMap((verdict) => {
    const subjects = finding.parts.filter((p) => p.verdict === verdict).map((p) => p.subject);
    return subjects.length > 0 ? [`${verdict} for ${words(subjects)}`] : [];
  });
  if (finding.missing.length > 0) clauses.push(`not measured here: ${finding.missing.join('; ')}`);
  return clauses.join('; ');
}

/**
 * Evaluates every claim on every run. A claim that two things perform alike holds only when their ratio's
 * CI lies inside 1 ± 5%; a claim that one is faster, only when the CI lies above 1.05; an inconclusive part
 * says what would settle it.
 */
export function checkClaims(aggregate: Aggregate, decisions: readonly Decision[]): ClaimResult[] {
  return CLAIMS.map((claim) => ({
    id: claim.id,
    claim: claim.claim,
    method: claim.method,
    answers: aggregate.runs.map((run): ClaimAnswer => {
      const found = claim.evaluate({ run, decisions: decisions.filter((d) => d.run === run) });
      const groups = new Set(run.entries.map((entry) => entry.group));
      const finding = { parts: found.parts, missing: mergeMissing(found.missing, groups) };
      return { run, verdict: combine(finding.parts), answer: answerText(finding), ...finding };
    }),
  }));
}
