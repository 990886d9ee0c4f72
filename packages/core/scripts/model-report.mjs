// The cost model's accuracy and break-evens for results files, as Markdown on stdout (build core first):
//   node packages/core/scripts/model-report.mjs results/node.json results/bun.json results/chromium.json
// Options: --statistic p10 (compare with each cell's p10 instead of its median), --no-overhead (calibration
// floors alone, without each pool strategy's own cost read from its empty-task cells), --kind cpu|io|mixed
// (cells counted in the accuracy figures, default cpu). Exit code 2 on bad input.
import { readFileSync } from 'node:fs';
import {
  breakEven,
  compareBreakEven,
  measuredBreakEven,
  modelErrors,
  modelResults,
  parseResults,
} from '../dist/index.js';

const args = process.argv.slice(2);
const files = args.filter((a, i) => !a.startsWith('--') && !['--statistic', '--kind'].includes(args[i - 1]));
const flagValue = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
const options = {
  statistic: flagValue('--statistic', 'median'),
  strategyOverhead: !args.includes('--no-overhead'),
};
const kind = flagValue('--kind', 'cpu');
if (files.length === 0 || !['median', 'p10'].includes(options.statistic)) {
  process.stderr.write(
    'usage: model-report.mjs <results.json>... [--statistic median|p10] [--no-overhead] [--kind cpu]\n',
  );
  process.exit(2);
}

const out = [];
const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '-');
const ms = (x) => (x === undefined ? '-' : Number(x.toPrecision(3)).toString());
for (const file of files) {
  const results = parseResults(JSON.parse(readFileSync(file, 'utf8')), file);
  out.push(`## ${results.runtime.name} ${results.runtime.version} (${results.profile}, ${file})`, '');
  accuracy(results);
  breakEvens(results);
}
process.stdout.write(`${out.join('\n')}\n`);

function accuracy(results) {
  const [all, ...each] = modelErrors(results, { ...options, kinds: [kind] });
  out.push(
    `${kind} cells against the ${options.statistic}${options.strategyOverhead ? '' : ', calibration floors alone'}: ` +
      `${all.predicted} predicted, ${all.unknown} unknown; median |predicted/measured - 1| ${pct(all.medianAbsError)} ` +
      `(target <= 15%), within 35%: ${pct(all.shareWithin)} (target >= 90%)`,
    '',
    '| strategy | predicted | unknown | median error | within 35% |',
    '|---|---|---|---|---|',
    ...each
      .filter((e) => e.predicted + e.unknown > 0)
      .map(
        (e) =>
          `| ${e.strategy} | ${e.predicted} | ${e.unknown} | ${pct(e.medianAbsError)} | ${pct(e.shareWithin)} |`,
      ),
    '',
  );
  const records = modelResults(results, options);
  const terms = (id) => {
    const record = records.get(id);
    return Object.entries(record?.terms ?? {})
      .map(([name, value]) => `${name} ${ms(value)}`)
      .join(', ');
  };
  if (all.farOff.length > 0)
    out.push(
      'Far off (|ratio - 1| > 35%):',
      '',
      ...all.farOff.map(
        (c) =>
          `- ${c.id}: predicted ${ms(c.predictedMs)} ms, measured ${ms(c.measuredMs)} ms, ratio ${c.ratio.toFixed(2)} (${terms(c.id)})`,
      ),
      '',
    );
  const ofKind = new Set(results.cells.filter((c) => c.kind === kind).map((c) => c.id));
  const unknown = [...records].filter(([id, r]) => 'unknown' in r && ofKind.has(id));
  if (unknown.length > 0) out.push('Unknown:', '', ...unknown.map(([id, r]) => `- ${id}: ${r.unknown}`), '');
}

function breakEvens(results) {
  const predicted = breakEven(results, options);
  out.push('Predicted break-even (pool of N = cores beats sequential above this task size):', '');
  out.push(
    '| strategy | break-even ms | dispatch per message ms | tasks per message (task ms) |',
    '|---|---|---|---|',
  );
  for (const b of predicted) {
    if ('unknown' in b) out.push(`| ${b.strategy} | unknown: ${b.unknown} | | |`);
    else {
      const batches = b.batches.map((x) => `${x.tasksPerMessage} (${x.taskMs})`).join(', ');
      out.push(
        `| ${b.strategy} | ${b.status === 'crosses' ? ms(b.taskMs) : b.status} | ${ms(b.dispatchPerMessageMs)} | ${batches} |`,
      );
    }
  }
  out.push('');
  const sweep = results.cells.filter((c) => c.workload === 'grain');
  if (sweep.length === 0) return out.push('No grain sweep in this file: no measured break-even.', '');
  const measured = measuredBreakEven(sweep);
  out.push('Measured break-even (grain sweep) against the predicted one:', '');
  out.push(
    '| strategy | N | measured ms (CI) | predicted ms | measured / predicted | within 2x |',
    '|---|---|---|---|---|---|',
  );
  for (const check of compareBreakEven(predicted, measured)) {
    const m = measured.find((x) => x.strategy === check.strategy && x.concurrency === check.concurrency);
    const bound = (x) => (x === undefined ? 'open' : ms(x));
    const ci = m ? `[${bound(m.ci.lo)}, ${bound(m.ci.hi)}]` : '';
    const found = m?.status === 'crosses' ? `${ms(m.taskMs)} ${ci}` : m?.status;
    out.push(
      `| ${check.strategy} | ${check.concurrency} | ${found} | ${ms(check.predictedMs)} | ${check.ratio?.toFixed(2) ?? check.note} | ${check.within ?? '-'} |`,
    );
  }
  out.push('');
}
