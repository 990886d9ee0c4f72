import { type BestDecision, type Cell, speedupWithCi } from '@paralab/core';
import { familyWords, plural, ranFaster, strategyName, words } from '../shared/format.js';
import { DELTA, type Decision } from './decisions.js';

/** A decision in words, the same strings in every rendering. */
export interface DecisionText {
  verdict: BestDecision['verdict'];
  /** The recommended cell, `worker@2`, when there is one. */
  pick?: string;
  /** The recommended cell's family (`cell.family`). */
  family?: string;
  /** hyperfine's sentence: `worker@2 ran 1.89 ± 0.05 times faster than sequential`, or what stands for it. */
  speed: string;
  /** The recommended cell's speedup over sequential with its CI, when it has one. */
  speedup?: { ratio: number; lo: number; hi: number };
  /** The other contenders shown within 5% of the fastest (`piscina@2`), the fastest itself included. */
  equivalents: string[];
  /** The other contenders not yet told apart from the fastest (a provisional verdict). */
  undecided: string[];
  /** When every contender shares a family: `worker threads at N = 2 (= cores); the library does not matter`. */
  headline?: string;
  /** Why this verdict, in one line. */
  why: string;
  /** For a provisional verdict: what would settle it. */
  settle?: string;
  /**
   * For a provisional verdict whose family no undecided comparison can change (`familySettled`): the
   * family in words, `worker threads`; only the strategy within it stays open.
   */
  familySettled?: string;
  /** Ok cells kept out of the decision, with why (`primes/worker@2: under-sampled (n=3, needs 5)`). */
  excluded: string[];
}

const BASIS: Readonly<Record<string, string>> = {
  fastest: 'the fastest',
  family: 'the cheapest family',
  cores: 'it fits the cores',
  'built-in': 'built in rather than a library',
  memory: 'the least memory',
  startup: 'the quickest start-up',
  median: 'the lowest median',
};

/** A sequential pick: nothing faster by more than 5%, or (a tie or provisional) how much faster the fastest ran. */
function sequentialPick(decision: Decision, pick: Cell): Pick<DecisionText, 'speed'> {
  const name = strategyName(pick);
  const fastest = decision.best.best;
  const against = decision.best.comparisons.find((c) => c.cell === pick);
  if (!fastest || fastest === pick || !against)
    return { speed: `${name}: no other cell ran more than ${DELTA * 100}% faster` };
  const provisional = decision.best.verdict === 'provisional';
  const open = provisional ? 'not yet told apart' : 'equivalent';
  const faster = ranFaster(strategyName(fastest), against.ratio, name);
  return { speed: `${name}${provisional ? ' for now' : ''}: ${faster}, ${open} within ${DELTA * 100}%` };
}

function speedText(decision: Decision, pick: Cell): Pick<DecisionText, 'speed' | 'speedup'> {
  const speedup = speedupWithCi(pick);
  const name = strategyName(pick);
  if (pick.family === 'sequential') return sequentialPick(decision, pick);
  if (speedup && pick.speedup?.baseline !== true)
    return { speed: ranFaster(name, speedup, 'sequential'), speedup };
  const next = decision.best.comparisons.find((c) => c.state === 'worse');
  if (pick === decision.best.best && next)
    return { speed: `${ranFaster(name, next.ratio, strategyName(next.cell))} (no sequential cell here)` };
  return { speed: `${name} (no sequential cell here to compare it with)` };
}

/** `worker threads at N = 2 (= cores); the library does not matter`, when every contender shares a family. */
export function familyHeadline(best: BestDecision, cores: number): string | undefined {
  const family = best.familyHeadline;
  if (family === undefined) return undefined;
  const levels = new Set(best.contenders.map((cell) => cell.concurrency));
  const [n] = levels;
  const at = levels.size === 1 && n !== undefined ? ` at N = ${n}${n === cores ? ' (= cores)' : ''}` : '';
  const libraries = new Set(best.contenders.map((cell) => String(cell.options.library ?? cell.strategy)));
  const what = libraries.size > 1 ? 'the library does not matter' : 'which of them does not matter';
  return `${familyWords(family)}${at}; ${what}`;
}

function whyText(best: BestDecision, pick: Cell | undefined): string {
  const zone = `${best.delta * 100}%`;
  const basis = BASIS[best.recommendation?.basis ?? 'fastest'] ?? 'the tie-break';
  if (best.verdict === 'wins') {
    const others = best.comparisons.length;
    return others === 0
      ? 'the only cell that could take part'
      : `every other cell is more than ${zone} slower (95% CI)`;
  }
  if (best.verdict === 'tie') {
    const chosen = `${pick ? strategyName(pick) : 'the pick'}: ${basis}`;
    const open = best.unseparated ?? [];
    if (open.length === 0) return `${best.contenders.length} cells within ${zone} of the fastest; ${chosen}`;
    const equivalent = best.contenders.length - open.length;
    const within = equivalent > 1 ? `${equivalent} cells within ${zone} of the fastest; ` : '';
    return `${within}${chosen}; not yet told apart within ${zone}: ${words(open.map(strategyName))} (the pick is at most ${zone} slower than each, and the stated tie-break does not prefer them)`;
  }
  if (best.verdict === 'provisional') {
    const open = best.comparisons.filter((c) => c.state === 'undecided').map((c) => strategyName(c.cell));
    const settled =
      best.familySettled === undefined
        ? ''
        : `; the family is settled (${familyWords(best.familySettled)}, however they settle)`;
    return `not yet told apart from the fastest within ${zone}: ${words(open)}; picked for now: ${basis}${settled}`;
  }
  return 'no cell could take part';
}

function settleText(best: BestDecision): string | undefined {
  const settle = best.samplesToSettle;
  if (!settle) return undefined;
  if (settle.capped)
    return `a ratio sits on the ${best.delta * 100}% bound within noise: no practical number of samples settles it`;
  return `about ${settle.samples} samples per cell would settle it`;
}

function contenderNames(best: BestDecision, pick: Cell): Pick<DecisionText, 'equivalents' | 'undecided'> {
  const undecided = new Set(best.comparisons.filter((c) => c.state === 'undecided').map((c) => c.cell));
  // A pick not yet told apart from the fastest leaves the fastest itself undecided against it.
  if (undecided.has(pick) && best.best) undecided.add(best.best);
  const others = best.contenders.filter((cell) => cell !== pick);
  return {
    equivalents: others.filter((cell) => !undecided.has(cell)).map(strategyName),
    undecided: others.filter((cell) => undecided.has(cell)).map(strategyName),
  };
}

/** The decision in words: the pick, its speed, its equivalents, the family headline and why. */
export function explain(decision: Decision): DecisionText {
  const { best } = decision;
  const pick = best.recommendation?.cell;
  const excluded = best.excluded.map((e) => `${strategyName(e.cell)}: ${e.reason}`);
  const base = { verdict: best.verdict, excluded, why: whyText(best, pick) };
  if (!pick) {
    const none = excluded.length > 0 ? `none: ${plural(excluded.length, 'cell')} kept out` : 'no valid cell';
    return { ...base, speed: none, equivalents: [], undecided: [] };
  }
  const headline = familyHeadline(best, decision.cores);
  const settle = settleText(best);
  return {
    ...base,
    pick: strategyName(pick),
    family: pick.family,
    ...speedText(decision, pick),
    ...contenderNames(best, pick),
    ...(headline ? { headline } : {}),
    ...(settle ? { settle } : {}),
    ...(best.familySettled === undefined ? {} : { familySettled: familyWords(best.familySettled) }),
  };
}
