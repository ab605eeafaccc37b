import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { analysisChartFiles } from '../../charts/analysisFiles.js';
import { backtestChart } from '../../charts/backtest.js';
import { runMonteCarlo } from '../../engine/montecarlo.js';
import { backtest, calibrate, type Backtest, type CalibrationFit } from '../../forecast/calibrate/calibrate.js';
import { calibratedScenarioYaml, formatHistoryErrors, readHistory } from '../../io/history.js';
import { writeOutputDir } from '../../io/outputDir.js';
import { plainNumber } from '../../report/numbers.js';
import { stableJson } from '../../report/json.js';
import { percent, table } from '../format.js';
import { progressBar } from '../progress.js';
import { commonOptions, commonSets, emitOutcome, load, type CommonArgs, type Outcome } from '../common.js';
import { engineOf } from '../../engine/choose.js';

/** Default Monte Carlo runs of the backtest band. */
export const BAND_RUNS = 200;

/** `backtest.csv`: column, month, date, observed, fitted, p5, p50, p95, holdout. */
export function backtestCsv(b: Backtest): string {
  const lines = ['column,month,date,observed,fitted,p5,p50,p95,holdout'];
  for (const r of b.rows) {
    lines.push([r.column, r.month, r.date, plainNumber(r.observed), plainNumber(r.fitted), plainNumber(r.p5), plainNumber(r.p50), plainNumber(r.p95), r.holdout].join(','));
  }
  return lines.join('\n') + '\n';
}

const num = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : String(+x.toPrecision(5)));

/** The plain-text report of a calibration. */
export function calibrationText(fit: CalibrationFit, bt: Backtest): string {
  const p = [['parameter', 'start', 'fitted', 'range', '']];
  for (const x of fit.parameters) p.push([x.path, num(x.start), num(x.value), `${num(x.min)} .. ${num(x.max)}`, x.atBound ? 'AT BOUND' : '']);
  const c = [['column', 'RMSE', 'MAPE', 'holdout RMSE', 'holdout MAPE', 'in P5-P95', 'holdout in P5-P95']];
  for (const x of fit.columns) {
    const cov = bt.coverage.find((k) => k.column === x.column);
    const inBand = (share: number | null | undefined): string => (cov?.banded === false ? 'no band' : percent(share, 0));
    c.push([x.column, num(x.train.rmse), percent(x.train.mape, 1), num(x.holdout?.rmse), percent(x.holdout?.mape, 1), inBand(cov?.train), inBand(cov?.holdout)]);
  }
  const out = [
    `Fitted ${fit.parameters.length} parameter(s) to ${fit.trainMonths} months (${fit.months[0] ?? ''} .. ${fit.months[fit.trainMonths - 1] ?? ''})${fit.holdoutMonths ? `, ${fit.holdoutMonths} held out` : ''}; objective ${num(fit.startObjective)} -> ${num(fit.objective)} (${fit.evaluations} model evaluations${fit.converged ? '' : ', not converged'})`,
    table(p),
    '',
    `Fit (expected engine) and backtest band (${bt.runs} runs, ${bt.engine} engine)`,
    table(c),
  ];
  if (bt.coverage.some((k) => !k.banded)) out.push('', `No band: every backtest run gave the same value (the ${bt.engine} engine without uncertain inputs); rerun with --engine cohort or agent to see the noise.`);
  if (fit.parameters.some((x) => x.atBound)) out.push('', 'A parameter at its bound: the history pushes it there; widen the range or doubt the model for this firm.');
  return out.join('\n');
}

export interface CalibrateCommandOptions {
  readonly file: string;
  readonly history: string;
  readonly sets: readonly string[];
  readonly workers: number;
  readonly outRoot: string;
  /** Monte Carlo runs of the backtest band (default BAND_RUNS). */
  readonly bandRuns?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Calibrates and writes out/<name>/calibration/: scenario.yaml, fit.json, backtest.csv,
 * backtest.json and the backtest chart (backtest.vl.json, .svg, .png). Without a font to draw the
 * chart's text, the chart's spec is still written, the SVG and PNG are not, and stderr says why.
 */
export async function runCalibration(o: CalibrateCommandOptions): Promise<Outcome & { fit?: CalibrationFit; backtest?: Backtest; dir?: string }> {
  const loaded = load(o.file, o.sets);
  if (!loaded.ok) return loaded.outcome;
  const { scenario, name } = loaded.value;
  const history = readHistory(o.history);
  if (!history.ok) return { stdout: '', stderr: formatHistoryErrors(history.errors) + '\n', exitCode: 1 };
  const result = calibrate(scenario, history.value);
  if (!result.ok) {
    return { stdout: '', stderr: result.issues.map((i) => `${o.file}  ${i.path}: ${i.message}`).join('\n') + '\n', exitCode: 1 };
  }
  const runs = o.bandRuns ?? BAND_RUNS;
  const bandScenario = { ...result.backtestScenario, runs };
  const engine = engineOf(bandScenario);
  const mc = await runMonteCarlo(bandScenario, {
    engine,
    workers: Math.max(1, Math.min(o.workers, runs)),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const bt = backtest(result.fit, history.value, mc, engine);
  const dir = path.join(o.outRoot, name, 'calibration');
  const values = new Map(result.fit.parameters.map((p) => [p.path, p.value]));
  const note = [
    `Calibrated by servicecast calibrate to ${o.history} (${result.fit.months[0] ?? ''} .. ${result.fit.months[result.fit.months.length - 1] ?? ''}).`,
    `Fitted: ${result.fit.parameters.map((p) => `${p.path} = ${num(p.value)}`).join(', ')}; see fit.json.`,
    ...(o.sets.length ? [`The fit ran with --set ${o.sets.join(' --set ')}, which is not written here.`] : []),
  ].join('\n');
  const files = new Map<string, string | Uint8Array>([
    ['scenario.yaml', calibratedScenarioYaml(o.file, values, dir, note)],
    ['fit.json', stableJson({ scenario: name, history: o.history, ...result.fit })],
    ['backtest.csv', backtestCsv(bt)],
    ['backtest.json', stableJson({ scenario: name, history: o.history, ...bt })],
  ]);
  const chart = { id: 'backtest', title: 'Backtest', spec: backtestChart(bt, { fit: result.fit, history: path.basename(o.history) }) };
  const drawn = await analysisChartFiles('backtest', chart, 'backtest');
  for (const [file, content] of drawn.files) files.set(file, content);
  writeOutputDir(dir, files);
  return {
    stdout: `${calibrationText(result.fit, bt)}\nwrote ${dir}/ (${[...files.keys()].join(', ')})\n`,
    stderr: drawn.warning,
    exitCode: 0,
    fit: result.fit,
    backtest: bt,
    dir,
  };
}

interface CalibrateArgs extends CommonArgs {
  history: string;
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate <scenario>',
  describe: 'Fit the baseline\'s free parameters (the scenario\'s `calibrate:` block) to a monthly history CSV',
  builder: (y: Argv) =>
    commonOptions(y)
      .option('history', { type: 'string', demandOption: true, describe: 'CSV: month (YYYY-MM) and any of active, churnRate, contacts, meanCes, nps' })
      .option('runs', { type: 'number', describe: `Monte Carlo runs of the backtest band (default ${BAND_RUNS})` }) as unknown as Argv<CalibrateArgs>,
  handler: async (args: ArgumentsCamelCase<CalibrateArgs>) => {
    const bar = progressBar(args.quiet);
    const { runs, ...rest } = args;
    const outcome = await runCalibration({
      file: args.scenario,
      history: args.history,
      sets: commonSets({ set: rest.set, ...(rest.seed !== undefined ? { seed: rest.seed } : {}), ...(rest.engine !== undefined ? { engine: rest.engine } : {}) }),
      workers: args.workers,
      outRoot: args.out,
      ...(runs !== undefined ? { bandRuns: runs } : {}),
      onProgress: (d, t) => bar.update(d, t),
    }).finally(() => bar.stop());
    emitOutcome(outcome);
  },
};
