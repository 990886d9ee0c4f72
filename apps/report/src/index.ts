export { type Aggregate, aggregate, CALIBRATION, type Entry, type Machine, type Run } from './aggregate.js';
export { CLAIMS, checkClaims, combine } from './claims/index.js';
export type {
  ClaimAnswer,
  ClaimContext,
  ClaimEvaluator,
  ClaimPart,
  ClaimResult,
  ClaimVerdict,
  Finding,
  PartVerdict,
} from './claims/types.js';
export { type Comparison, compareCells, NOISE } from './compare.js';
export { COMPARE_HELP, type CompareArgs, type CompareFormat, parseCompareArgs } from './compare-args.js';
export {
  type CellChange,
  type ChangeVerdict,
  type Estimate,
  type Figure,
  type MatchedCells,
  matchCells,
  NOT_COMPARED,
  type OneSided,
  type StatusChange,
  type Uncompared,
} from './compare-cells.js';
export { type FloorChange, floorChanges } from './compare-floors.js';
export {
  ACROSS_MACHINES,
  type CompareReport,
  type CompareTotals,
  compareSets,
  geometricMean,
  type KindSummary,
  type MachineRef,
  type PairComparison,
  pairTitle,
  type Regression,
  type RunRef,
  regressionsOver,
  smallestP,
} from './compare-model.js';
export { type FilePair, type Pairing, pairFiles } from './compare-pairs.js';
export { type CompareIo, type CompareOptions, compareCommand, runCompare } from './compare-run.js';
export { type Decision, decide } from './decisions.js';
export { type Family, familyOf } from './families.js';
export { type LoadError, type LoadedFile, type LoadOutcome, loadResults, parseResultsText } from './load.js';
export { crossRuntime, type Matrix, type MatrixRow, type MatrixValue } from './matrix.js';
export { type CellMetrics, metricsOf } from './metrics.js';
export { type Overheads, overheads } from './overheads.js';
export { type Problem, problems } from './problems.js';
export { type CellJson, renderCompareJson } from './render/compare-json.js';
export { renderCompareMarkdown } from './render/compare-markdown.js';
export type { CompareRenderOptions } from './render/compare-rows.js';
export { type CompareTerminalOptions, renderCompareTerminal } from './render/compare-terminal.js';
export { renderCompareHtml } from './render/html/compare-page.js';
export { escapeHtml, html, jsonScript, raw, SafeHtml } from './render/html/escape.js';
export { renderHtml } from './render/html/page.js';
export { renderMarkdown } from './render/markdown.js';
export { mdText } from './render/markdown-text.js';
export { plain, renderTerminal } from './render/terminal.js';
export { buildReport, type Report } from './report.js';
export { type ReportOptions, type ReportResult, runReport } from './run.js';
export { type SpeedupPanel, type SpeedupPoint, speedupPanels } from './speedup.js';
export { idealSpeedup, type TaskBound, taskBound } from './task-sizes.js';
