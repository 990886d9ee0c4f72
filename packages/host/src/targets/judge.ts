// Performance targets: each a ratio of two numbers measured in the same run, against a limit.

/** Whether a target was met, missed, or could not be judged from the results. */
export type TargetStatus = 'pass' | 'fail' | 'not-measured';

/** One performance target judged from one results file: a ratio measured in that run, against a limit. */
export interface TargetReport {
  /** Stable id: `worker-dispatch`, `worker-pipelined`, `cpu-speedup`, `io-async`, `quick-run`. */
  readonly id: string;
  /** What the ratio compares, for people. */
  readonly name: string;
  readonly status: TargetStatus;
  /** The measured ratio (unitless); absent when not measured. */
  readonly ratio?: number;
  /** How the ratio must compare with `limit` to pass. */
  readonly comparison: '<=' | '<' | '>=';
  readonly limit: number;
  /** The numbers behind the ratio when measured, otherwise why it was not. */
  readonly detail: string;
}

/** What a target is before it is judged: its id, name, and how its ratio must compare with its limit. */
export type TargetBase = Pick<TargetReport, 'id' | 'name' | 'comparison' | 'limit'>;

/** Judges `ratio` against `base.limit`: a `pass` or `fail` report with the numbers behind it. */
export function judgeTarget(base: TargetBase, ratio: number, detail: string): TargetReport {
  const met =
    base.comparison === '<='
      ? ratio <= base.limit
      : base.comparison === '<'
        ? ratio < base.limit
        : ratio >= base.limit;
  return { ...base, status: met ? 'pass' : 'fail', ratio, detail };
}

/** A target that could not be judged from the results, and why. */
export const targetNotMeasured = (base: TargetBase, detail: string): TargetReport => ({
  ...base,
  status: 'not-measured',
  detail,
});

const SYMBOL: Readonly<Record<TargetReport['comparison'], string>> = { '<=': '≤', '<': '<', '>=': '≥' };
const VERDICT: Readonly<Record<TargetStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-measured': 'not measured',
};

/**
 * The targets for a terminal, one line each: name, measured ratio, limit, verdict and the numbers (or
 * why it was not measured), e.g.
 * `worker per task on noop (1 worker) / message round trip  1.12  ≤ 1.25  PASS (0.0627 ms per task, round trip 0.0560 ms)`.
 */
export function formatTargets(reports: readonly TargetReport[]): string {
  const width = Math.max(0, ...reports.map((report) => report.name.length));
  const ratios = reports.map((report) => (report.ratio === undefined ? '-' : ratio(report.ratio)));
  const ratioWidth = Math.max(0, ...ratios.map((text) => text.length));
  return reports
    .map((report, i) => {
      const limit = `${SYMBOL[report.comparison]} ${report.limit.toFixed(2)}`;
      const verdict =
        report.status === 'not-measured'
          ? `${VERDICT[report.status]}: ${report.detail}`
          : `${VERDICT[report.status]} (${report.detail})`;
      return `${report.name.padEnd(width)}  ${(ratios[i] ?? '-').padStart(ratioWidth)}  ${limit}  ${verdict}`;
    })
    .join('\n');
}

const ratio = (value: number): string => (value >= 0.1 ? value.toFixed(2) : value.toPrecision(2));
