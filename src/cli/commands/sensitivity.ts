import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runMonteCarlo, type MonteCarlo, type Sampling } from '../../engine/montecarlo.js';
import { chartFiles, tornadoCharts } from '../../charts/index.js';
import { forecastHead } from '../../forecast/aggregate.js';
import { measureFirstText } from '../../forecast/measureFirst.js';
import { sensitivityAnalysis, type Sensitivity } from '../../forecast/sensitivity.js';
import { stableJson } from '../../report/json.js';
import { compactMoney, percent, table } from '../format.js';
import { commonOptions, commonSets, emitOutcome, load, writeInto, type CommonArgs, type Outcome } from '../common.js';
import { engineOf } from '../../engine/choose.js';
import { progressBar } from '../progress.js';

export { sensitivityCsv } from '../../report/sensitivityCsv.js';
import { sensitivityCsv } from '../../report/sensitivityCsv.js';

const fmt = (x: number, digits = 4): string => (Number.isFinite(x) ? String(+x.toPrecision(digits)) : 'n/a');

/** The plain-text report of a sensitivity analysis. */
export function sensitivityText(s: Sensitivity, top = 10): string {
  const cur = s.currency;
  const out: string[] = [];
  const t = s.tornado;
  for (const p of t.policies) {
    out.push(
      `Tornado: ${p.policy} vs ${p.baseline}, NPV difference ${compactMoney(p.baseDelta, cur)} with every input at its median; each input alone at P${Math.round(100 * t.lowQuantile)} / P${Math.round(100 * t.highQuantile)} (expected engine)`,
    );
    const rows = [['input', 'low', 'high', 'dNPV at low', 'dNPV at high', 'swing']];
    for (const b of p.bars.slice(0, top)) {
      rows.push([b.input, fmt(b.lowValue), fmt(b.highValue), compactMoney(b.deltaAtLow, cur), compactMoney(b.deltaAtHigh, cur), compactMoney(b.swing, cur)]);
    }
    out.push(table(rows), '');
  }
  const flips = t.switches.filter((x) => x.changesDecision);
  out.push(
    flips.length === 0
      ? `No input alone, at its P10 or P90, changes the best policy (${t.bestAtBase}).`
      : `Inputs that alone change the best policy (${t.bestAtBase} at the medians): ${flips.map((x) => `${x.input} (low: ${x.bestAtLow}, high: ${x.bestAtHigh})`).join('; ')}.`,
    '',
  );
  const rc = s.rankCorrelations;
  if (rc.length > 0 && (rc[0]?.correlations.length ?? 0) > 0) {
    out.push(`Rank correlation (Spearman) of each input with the NPV difference, over ${rc[0]?.runs ?? 0} runs (* significant at 5%)`);
    const inputs = (rc[0]?.correlations ?? []).map((c) => c.input).slice(0, top);
    const rows = [['input', ...rc.map((c) => c.policy)]];
    for (const input of inputs) {
      rows.push([input, ...rc.map((c) => {
        const r = c.correlations.find((x) => x.input === input);
        return r ? `${Number.isFinite(r.rho) ? r.rho.toFixed(2) : 'n/a'}${r.significant ? '*' : ' '}` : '';
      })]);
    }
    out.push(table(rows), '');
  }
  const v = s.valueOfInformation;
  out.push(`Value of information (best policy on average: ${v.bestPolicy}; perfect information on everything is worth ${compactMoney(v.evpi, cur)}, noise floor ${compactMoney(v.noiseFloor, cur)})`);
  const rows = [['input', 'EVPPI', 'P(decision changes)', 'best policy by decile, low -> high']];
  for (const i of v.inputs.slice(0, top)) {
    const deciles = i.bestByDecile.every((b) => b === i.bestByDecile[0]) ? `${i.bestByDecile[0] ?? ''} throughout` : i.bestByDecile.join(' ');
    rows.push([i.input, compactMoney(i.evppi, cur), percent(i.pDecisionChange, 0), deciles]);
  }
  out.push(table(rows), '');
  out.push(measureFirstSentence(s));
  return out.join('\n');
}

/** The "measure this first" sentence, with terminal formatting. */
export function measureFirstSentence(s: Sensitivity): string {
  return measureFirstText(s, { money: (x) => compactMoney(x, s.currency), percent: (x) => percent(x, 0) });
}

export interface SensitivityOptions {
  readonly file: string;
  readonly sets: readonly string[];
  readonly workers: number;
  readonly outRoot: string;
  readonly sampling?: Sampling;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Runs the scenario, analyses the runs, writes out/<name>/sensitivity.{json,csv}. */
export async function runSensitivity(o: SensitivityOptions): Promise<Outcome & { sensitivity?: Sensitivity; mc?: MonteCarlo }> {
  const loaded = load(o.file, o.sets);
  if (!loaded.ok) return loaded.outcome;
  const { scenario, name } = loaded.value;
  const engine = engineOf(scenario);
  const mc = await runMonteCarlo(scenario, {
    engine,
    workers: Math.max(1, Math.min(o.workers, scenario.runs)),
    sampling: o.sampling ?? 'random',
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const sensitivity = sensitivityAnalysis(scenario, name, mc);
  const dir = path.join(o.outRoot, name);
  // the tornado chart, as the report draws it
  const charts = tornadoCharts(forecastHead(scenario, name, engine), sensitivity);
  const files = new Map<string, string | Uint8Array>([['sensitivity.json', stableJson(sensitivity)], ['sensitivity.csv', sensitivityCsv(sensitivity)]]);
  for (const [file, content] of await chartFiles(charts)) files.set(file, content);
  const failed = writeInto(dir, files);
  if (failed) return failed;
  const head = `${scenario.title ?? name}: ${scenario.runs} runs x ${scenario.horizonMonths} months, ${engine} engine, seed ${scenario.seed}\n\n`;
  return { stdout: `${head}${sensitivityText(sensitivity)}\nwrote ${[...files.keys()].map((f) => `${dir}/${f}`).join(', ')}\n`, stderr: '', exitCode: 0, sensitivity, mc };
}

interface SensitivityArgs extends CommonArgs {
  sampling: string;
}

export const sensitivityCommand: CommandModule<object, SensitivityArgs> = {
  command: 'sensitivity <scenario>',
  describe: 'Rank the uncertain inputs by how much they move each policy\'s NPV difference: tornado, rank correlations, value of information',
  builder: (y: Argv) =>
    commonOptions(y).option('sampling', {
      type: 'string',
      choices: ['random', 'lhs'],
      default: 'random',
      describe: 'random, or lhs: Latin Hypercube over the uncertain inputs',
    }) as unknown as Argv<SensitivityArgs>,
  handler: async (args: ArgumentsCamelCase<SensitivityArgs>) => {
    const bar = progressBar(args.quiet);
    const outcome = await runSensitivity({
      file: args.scenario,
      sets: commonSets(args),
      workers: args.workers,
      outRoot: args.out,
      sampling: args.sampling === 'lhs' ? 'lhs' : 'random',
      onProgress: (d, t) => bar.update(d, t),
    }).finally(() => bar.stop());
    emitOutcome(outcome);
  },
};
