import type { Run } from '../../shared/aggregate.js';
import type { Decision } from '../decisions.js';

/** The verdict on one part of a claim (one workload, one comparison). */
export type PartVerdict = 'holds' | 'does not hold' | 'inconclusive';

/**
 * The verdict on a claim for one run. `partly holds`: some parts hold and others do not (or are
 * inconclusive); `inconclusive`: measured, but the CIs do not yet decide it (each such part says what would
 * settle it); `not measured here`: the results lack the cells the claim needs (the answer says which).
 */
export type ClaimVerdict = PartVerdict | 'partly holds' | 'not measured here';

/** One measured part of a claim's answer. */
export interface ClaimPart {
  /** What was measured: usually `workload(params)`, sometimes a comparison's name. */
  subject: string;
  verdict: PartVerdict;
  /** The numbers behind the verdict, in one line. */
  numbers: string;
  /** For an inconclusive part: what would settle it (more samples, or which bound its CI must clear). */
  settle?: string;
}

/** What an evaluator found on one run. */
export interface Finding {
  parts: ClaimPart[];
  /** What the claim needs that these results lack, each with its reason. */
  missing: string[];
}

/** What a claim evaluator gets: one run, and that run's decision table. */
export interface ClaimContext {
  run: Run;
  decisions: readonly Decision[];
}

/** A claim of SEEDS.md and how to check it against measured cells. */
export interface ClaimEvaluator {
  /** C1 ... C12. */
  id: string;
  /** The claim, quoted from SEEDS.md (shortened where it lists examples). */
  claim: string;
  /** How the claim is tested here, and how the claim's own numbers scale to what was measured. */
  method: string;
  /** Looks for the cells it needs and returns the parts it could decide and what is missing. */
  evaluate(context: ClaimContext): Finding;
}

/** The answer to one claim on one run. */
export interface ClaimAnswer {
  run: Run;
  verdict: ClaimVerdict;
  /** One sentence: the verdict per part in words, then what was not measured. */
  answer: string;
  parts: ClaimPart[];
  missing: string[];
}

/** One claim with its answer on every run. */
export interface ClaimResult {
  id: string;
  claim: string;
  method: string;
  answers: ClaimAnswer[];
}
