export { COMPARE_HELP, type CompareArgs, type CompareFormat, parseCompareArgs } from './compare/args.js';
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
} from './compare/cells.js';
export { type CompareIo, type CompareOptions, compareCommand, runCompare } from './compare/command.js';
export { type FloorChange, floorChanges } from './compare/floors.js';
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
} from './compare/model.js';
export { type FilePair, type Pairing, pairFiles } from './compare/pairs.js';
export { renderCompareHtml } from './compare/render/html.js';
export { type CellJson, renderCompareJson } from './compare/render/json.js';
export { renderCompareMarkdown } from './compare/render/markdown.js';
export type { CompareRenderOptions } from './compare/render/rows.js';
export { type CompareTerminalOptions, renderCompareTerminal } from './compare/render/terminal.js';
export { answers, type Explained, KINDS, type KindAnswer } from './report/answers.js';
export { type CliArgs, HELP, parseCliArgs } from './report/args.js';
export { buildReport, type Report } from './report/build.js';
export { grainChart } from './report/charts/grain.js';
export { type ServingPoint, servingChart } from './report/charts/serving.js';
export { NOT_WORK } from './report/claims/_helpers.js';
export { CLAIMS, checkClaims, combine } from './report/claims/index.js';
export type {
  ClaimAnswer,
  ClaimContext,
  ClaimEvaluator,
  ClaimPart,
  ClaimResult,
  ClaimVerdict,
  Finding,
  PartVerdict,
} from './report/claims/types.js';
export { DELTA, type Decision, decide } from './report/decisions.js';
export { type DecisionText, explain, familyHeadline } from './report/explain.js';
export {
  GRAIN,
  type GrainPanel,
  type GrainSeries,
  grainPanels,
  grainSentence,
  micros,
  type PredictedPoint,
} from './report/grain.js';
export {
  crossRuntime,
  type FactorRow,
  type FactorValue,
  type FactorVerdict,
  type GeometricMean,
  type Matrix,
} from './report/matrix.js';
export { type AccuracyTable, FAR_OFF, modelAccuracy } from './report/model-accuracy.js';
export { breakEvensOf, type ModelNote, modelOf, modelText } from './report/model-note.js';
export { type FloorRow, type Overheads, overheads, type ResourceRow } from './report/overheads.js';
export { type Problem, problems } from './report/problems.js';
export { renderHtml } from './report/render/html/page.js';
export { renderMarkdown } from './report/render/markdown.js';
export { DETAILS_RULE, renderTerminal, type TerminalOptions } from './report/render/terminal.js';
export { type ReportOptions, type ReportResult, runReport } from './report/run.js';
export {
  BUSY_LOOP,
  COMPARABLE_SHARE,
  generatorLimit,
  type PerSecond,
  type ServingRow,
  type ServingTable,
  served,
  servingTables,
} from './report/serving.js';
export { type RunBound, type SpeedupPanel, type SpeedupPoint, speedupPanels } from './report/speedup.js';
export {
  type Aggregate,
  aggregate,
  CALIBRATION,
  type Entry,
  type Machine,
  type Run,
} from './shared/aggregate.js';
export {
  type DispatchRow,
  type FloorFigures,
  type FloorRef,
  floorFigures,
  floorOf,
  type StartupRow,
} from './shared/floors.js';
export { familyWords, plusMinus, ranFaster } from './shared/format.js';
export { escapeHtml, html, jsonScript, raw, SafeHtml } from './shared/html/escape.js';
export {
  type LoadError,
  type LoadedFile,
  type LoadOutcome,
  loadResults,
  parseResultsText,
} from './shared/load.js';
export { mdText } from './shared/markdown-text.js';
export { NOISE, timed, type Versus, versus } from './shared/ratio.js';
export { idealSpeedup, type TaskBound, taskBound } from './shared/task-sizes.js';
export { plain } from './shared/terminal-text.js';
