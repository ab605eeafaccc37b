import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { analysisChartFiles } from '../../charts/analysisFiles.js';
import { sweepChart } from '../../charts/sweep.js';
import type { Piscina } from 'piscina';
import { runMonteCarlo, workerPool } from '../../engine/montecarlo.js';
import { RunView } from '../../forecast/aggregate.js';
import { compareWithBaseline, npvDifferences } from '../../forecast/compare.js';
import { breakEvens, runSweep, sweepStem, sweepValues, type SweepResult, type SweepSpec } from '../../forecast/sweep.js';
import type { Comparison } from '../../forecast/types.js';
import { formatOutputErrors, replaceFiles } from '../../io/readOutput.js';
import { plainNumber } from '../../report/numbers.js';
import { stableJson } from '../../report/json.js';
import type { Scenario } from '../../scenario/schema.js';
import { compactMoney, percent, table } from '../format.js';
import { progressBar } from '../progress.js';
import { commonOptions, commonSets, emitOutcome, load, type CommonArgs, type Outcome } from '../common.js';
import { engineOf } from '../../engine/choose.js';

const STATS = ['mean', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `sweep-<param>.csv`, tidy: one row per point and policy. */
export function sweepCsv(r: SweepResult): string {
  const lines = [`param,value,param2,value2,policy,baseline,${STATS.map((s) => `delta_${s}`).join(',')},deltaSe,pBeat,pBeatSe`];
  for (const p of r.points) {
    for (const x of p.policies) {
      lines.push(
        [
          csvField(r.param),
          plainNumber(p.value),
          csvField(r.param2 ?? ''),
          plainNumber(p.value2),
          csvField(x.policy),
          csvField(r.baseline),
          ...STATS.map((s) => plainNumber(x.deltaNpv[s])),
          plainNumber(x.deltaNpvStandardError),
          plainNumber(x.pBeat),
          plainNumber(x.pBeatStandardError),
        ].join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

const num = (x: number): string => String(+x.toPrecision(6));

/** The plain-text report of a sweep. */
export function sweepText(r: SweepResult): string {
  const cur = r.currency;
  const rows = [[r.param, ...(r.param2 ? [r.param2] : []), 'policy', 'dNPV P50 (P5 .. P95)', 'mean', 'P(beat)']];
  for (const p of r.points) {
    for (const x of p.policies) {
      rows.push([
        num(p.value),
        ...(r.param2 ? [p.value2 === undefined ? '' : num(p.value2)] : []),
        x.policy,
        `${compactMoney(x.deltaNpv.p50, cur)} (${compactMoney(x.deltaNpv.p5, cur)} .. ${compactMoney(x.deltaNpv.p95, cur)})`,
        compactMoney(x.deltaNpv.mean, cur),
        percent(x.pBeat, 0),
      ]);
    }
  }
  const out = [`NPV difference against ${r.baseline} over ${r.param}${r.param2 ? ` x ${r.param2}` : ''} (${r.runs} runs per point, ${r.engine} engine, seed ${r.seed})`, table(rows), ''];
  out.push(`Break-even (P(beat) = ${percent(r.probability, 0)}, and mean difference = 0), by interpolation between sweep points:`);
  for (const b of r.breakEven) {
    const where = b.value2 === undefined ? '' : ` at ${r.param2} = ${num(b.value2)}`;
    const say = (status: string, value: number | null, dir: string | undefined, what: string): string => {
      if (status === 'always') return `${what} at every value swept`;
      if (status === 'never') return `never ${what} in the range swept`;
      return `${what} ${dir === 'beats-below' ? 'up to' : 'from'} ${r.param} = ${value === null ? 'n/a' : num(value)}`;
    };
    const dir = b.crossings.find((c) => c.value === b.value)?.direction;
    const mdir = b.meanCrossings.find((c) => c.value === b.meanValue)?.direction;
    out.push(
      `  ${b.policy}${where}: ${say(b.status, b.value, dir, `beats ${r.baseline} in >= ${percent(r.probability, 0)} of futures`)}; ${say(b.meanStatus, b.meanValue, mdir, 'beats it on average')}`,
    );
  }
  return out.join('\n');
}

export interface SweepOptions {
  readonly file: string;
  readonly sets: readonly string[];
  readonly workers: number;
  readonly outRoot: string;
  readonly spec: SweepSpec;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs a sweep and writes out/<name>/sweep-<param>.{csv,json} and its chart,
 * sweep-<param>.{vl.json,svg,png}. Without a font to draw the chart's text, the chart's spec is
 * still written, the SVG and PNG are not, and stderr says why.
 */
export async function runSweepCommand(o: SweepOptions): Promise<Outcome & { result?: SweepResult }> {
  const first = load(o.file, o.sets);
  if (!first.ok) return first.outcome;
  const points = sweepValues(o.spec.axis.from, o.spec.axis.to, o.spec.axis.steps).length * (o.spec.axis2 ? sweepValues(o.spec.axis2.from, o.spec.axis2.to, o.spec.axis2.steps).length : 1);
  let done = 0;
  let last: Scenario | undefined;
  // One pool of worker threads for every point of the sweep (started lazily, by the first point that needs it).
  let pool: Piscina | undefined;
  const sweep = runSweep<Outcome>(o.spec, async (sets) => {
    const loaded = load(o.file, [...o.sets, ...sets]);
    if (!loaded.ok) return { ok: false, error: loaded.outcome };
    const scenario = loaded.value.scenario;
    last = scenario;
    const engine = engineOf(scenario);
    const runs = scenario.runs;
    const workers = Math.max(1, Math.min(o.workers, runs));
    if (workers > 1) pool ??= workerPool(o.workers);
    const mc = await runMonteCarlo(scenario, {
      engine,
      workers,
      ...(workers > 1 && pool ? { pool } : {}),
      ...(o.onProgress ? { onProgress: (d: number) => o.onProgress?.(done + d, runs * points) } : {}),
    });
    done += runs;
    const keys = Object.keys(scenario.policies);
    const view = new RunView(mc, keys.length, scenario.horizonMonths);
    const b = keys.indexOf(scenario.baseline);
    const comparisons: Comparison[] = keys.flatMap((k, p) => (p === b ? [] : [compareWithBaseline(view, p, b, k, scenario.baseline, npvDifferences(view, p, b))]));
    return { ok: true, value: { comparisons } };
  });
  let swept: Awaited<typeof sweep>;
  try {
    swept = await sweep;
  } finally {
    await pool?.destroy();
  }
  if (!swept.ok) return swept.error;
  const s = last ?? first.value.scenario;
  const policies = Object.keys(s.policies).filter((k) => k !== s.baseline);
  const result: SweepResult = {
    scenario: first.value.name,
    currency: s.currency,
    baseline: s.baseline,
    policies,
    runs: s.runs,
    seed: s.seed,
    engine: engineOf(s),
    param: o.spec.axis.param,
    values: sweepValues(o.spec.axis.from, o.spec.axis.to, o.spec.axis.steps),
    ...(o.spec.axis2 ? { param2: o.spec.axis2.param, values2: sweepValues(o.spec.axis2.from, o.spec.axis2.to, o.spec.axis2.steps) } : {}),
    probability: o.spec.probability,
    points: swept.points,
    breakEven: breakEvens(o.spec, swept.points, policies),
  };
  const dir = path.join(o.outRoot, first.value.name);
  const stem = sweepStem(o.spec);
  const labels = Object.fromEntries(Object.entries(s.policies).map(([k, p]) => [k, p.label ?? k]));
  const chart = { id: stem, title: 'NPV difference against the lever', spec: sweepChart(result, { labels }) };
  const files = new Map<string, string | Uint8Array>([[`${stem}.csv`, sweepCsv(result)], [`${stem}.json`, stableJson(result)]]);
  const drawn = await analysisChartFiles(stem, chart, 'sweep');
  for (const [file, content] of drawn.files) files.set(file, content);
  const errors = replaceFiles(dir, files);
  if (errors.length > 0) return { stdout: '', stderr: formatOutputErrors(errors) + '\n', exitCode: 1 };
  return { stdout: `${sweepText(result)}\nwrote ${[...files.keys()].map((f) => `${dir}/${f}`).join(', ')}\n`, stderr: drawn.warning, exitCode: 0, result };
}

interface SweepArgs extends CommonArgs {
  param: string;
  from: number;
  to: number;
  steps: number;
  param2?: string;
  from2?: number;
  to2?: number;
  steps2: number;
  breakEvenProbability: number;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'Rerun a scenario over a lever (or a grid of two) and find the break-even value',
  builder: (y: Argv) =>
    commonOptions(y)
      .option('param', { type: 'string', demandOption: true, describe: 'Dotted path of the lever, as for --set (e.g. policies.effort.costs.oneOff)' })
      .option('from', { type: 'number', demandOption: true, describe: 'First value' })
      .option('to', { type: 'number', demandOption: true, describe: 'Last value' })
      .option('steps', { type: 'number', default: 5, describe: 'Values from --from to --to, evenly spaced (>= 2)' })
      .option('param2', { type: 'string', describe: 'A second lever: a two-way grid' })
      .option('from2', { type: 'number', describe: 'First value of --param2' })
      .option('to2', { type: 'number', describe: 'Last value of --param2' })
      .option('steps2', { type: 'number', default: 5, describe: 'Values of --param2' })
      .option('break-even-probability', { type: 'number', default: 0.8, describe: 'P(beat baseline) of the break-even (0..1)' })
      .check((a) => {
        const bad = (what: string) => {
          throw new Error(what);
        };
        const steps = a['steps'];
        if (!(typeof steps === 'number' && Number.isInteger(steps) && steps >= 2)) bad(`--steps ${String(steps)}: expected a whole number >= 2`);
        const p = a['break-even-probability'];
        if (!(typeof p === 'number' && p >= 0 && p <= 1)) bad(`--break-even-probability ${String(p)}: expected a probability between 0 and 1`);
        if (a['param2'] !== undefined) {
          if (a['from2'] === undefined || a['to2'] === undefined) bad('--param2 needs --from2 and --to2');
          const s2 = a['steps2'];
          if (!(typeof s2 === 'number' && Number.isInteger(s2) && s2 >= 2)) bad(`--steps2 ${String(s2)}: expected a whole number >= 2`);
        }
        return true;
      }) as unknown as Argv<SweepArgs>,
  handler: async (args: ArgumentsCamelCase<SweepArgs>) => {
    const spec: SweepSpec = {
      axis: { param: args.param, from: args.from, to: args.to, steps: args.steps },
      ...(args.param2 !== undefined ? { axis2: { param: args.param2, from: args.from2 ?? 0, to: args.to2 ?? 0, steps: args.steps2 } } : {}),
      probability: args.breakEvenProbability,
    };
    const bar = progressBar(args.quiet);
    const outcome = await runSweepCommand({
      file: args.scenario,
      sets: commonSets(args),
      workers: args.workers,
      outRoot: args.out,
      spec,
      onProgress: (d, t) => bar.update(d, t),
    }).finally(() => bar.stop());
    emitOutcome(outcome);
  },
};
