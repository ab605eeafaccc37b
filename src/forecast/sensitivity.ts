/**
 * Sensitivity: which uncertain inputs move the NPV difference between each policy and the
 * baseline.
 *
 * - Tornado: each input in turn at its P10 and its P90 (its quantile function, truncation
 *   included), every other input at its median, simulated with the expected engine: noise-free and
 *   cheap (1 + 2 x inputs worlds), whatever engine the scenario runs with. The expected engine is
 *   exact in expectation for a world, so the bars are the mean-field effect of each input alone.
 * - Rank correlations: Spearman's rho between each input's drawn values and the run-by-run NPV
 *   difference of each policy, from the Monte Carlo runs (all inputs moving together, the
 *   scenario's engine). |rho| > 1.96 / sqrt(n - 1) is flagged significant (5%, two-sided, the
 *   large-sample null distribution of rho).
 * - Value of information (`voi.ts`): EVPPI per input and how often knowing it would change the
 *   best policy, from the same runs; "measure this first".
 */
import { COL, METRIC_COUNT } from '../engine/metrics.js';
import type { MonteCarlo } from '../engine/montecarlo.js';
import { expectedPopulation } from '../engine/expected.js';
import { simulatePolicy } from '../engine/simulate.js';
import { policyModel, worldSegments } from '../model/kernel.js';
import { distributionQuantile } from '../random/quantiles.js';
import type { Distribution } from '../scenario/distribution.js';
import type { Scenario } from '../scenario/schema.js';
import { meanWorld, uncertainInputs, type World } from '../scenario/world.js';
import { npvByPolicy, Z95 } from './precision.js';
import { averageRanks, valueOfInformation, type ValueOfInformation } from './voi.js';

/** NPV at the horizon of every policy (scenario order) in one world, by the expected engine. */
export function expectedNpvs(world: World, keys: readonly string[]): Float64Array {
  const segments = worldSegments(world);
  const T = world.horizonMonths;
  return Float64Array.from(keys, (key) => {
    const run = simulatePolicy(policyModel(world, key, segments), expectedPopulation, 0);
    return run.metrics[(T - 1) * METRIC_COUNT + COL.cumulativeNpv] ?? Number.NaN;
  });
}

/** One input's bar in one policy's tornado. */
export interface TornadoBar {
  /** Dotted path of the input. */
  readonly input: string;
  /** The input's value at the low quantile (P10) and at the high quantile (P90). */
  readonly lowValue: number;
  readonly highValue: number;
  /** NPV difference against the baseline (currency) with the input at lowValue / highValue. */
  readonly deltaAtLow: number;
  readonly deltaAtHigh: number;
  /** |deltaAtHigh - deltaAtLow|: the bar's length, by which bars are sorted. */
  readonly swing: number;
}

/** One policy's tornado against the baseline. */
export interface PolicyTornado {
  readonly policy: string;
  readonly baseline: string;
  /** NPV difference with every input at its median (the bars' centre line), currency. */
  readonly baseDelta: number;
  /** Longest swing first. */
  readonly bars: readonly TornadoBar[];
}

/** Whether an input, alone at P10 or P90, changes the best policy. */
export interface TornadoSwitch {
  readonly input: string;
  readonly bestAtLow: string;
  readonly bestAtHigh: string;
  /** bestAtLow or bestAtHigh differs from the best policy with every input at its median. */
  readonly changesDecision: boolean;
}

export interface TornadoAnalysis {
  readonly engine: 'expected';
  readonly lowQuantile: number;
  readonly highQuantile: number;
  /** The median of every uncertain input (the base world), by path. */
  readonly medians: Readonly<Record<string, number>>;
  /** The best policy (highest NPV, baseline included) in the base world. */
  readonly bestAtBase: string;
  /** One tornado per policy other than the baseline, in scenario order. */
  readonly policies: readonly PolicyTornado[];
  /** Per input (scenario order): the best policy at its low and high value. */
  readonly switches: readonly TornadoSwitch[];
}

const argmaxKey = (npv: Float64Array, keys: readonly string[]): string => {
  let b = 0;
  for (let p = 1; p < npv.length; p++) if ((npv[p] ?? -Infinity) > (npv[b] ?? -Infinity)) b = p;
  return keys[b] ?? '';
};

/** The tornado of every policy against the baseline (expected engine; inputs at P10 / P90). */
export function tornado(scenario: Scenario, lowQuantile = 0.1, highQuantile = 0.9): TornadoAnalysis {
  const keys = Object.keys(scenario.policies);
  const b = keys.indexOf(scenario.baseline);
  const inputs = uncertainInputs(scenario);
  const medians = new Map(inputs.map((inp) => [inp.path, distributionQuantile(inp.dist, 0.5)]));
  const at = (path: string, value: number): Float64Array => expectedNpvs(meanWorld(scenario, new Map([...medians, [path, value]])), keys);
  const base = expectedNpvs(meanWorld(scenario, medians), keys);
  const delta = (npv: Float64Array, p: number) => (npv[p] ?? Number.NaN) - (npv[b] ?? Number.NaN);
  const runs = inputs.map((inp) => {
    const lowValue = distributionQuantile(inp.dist, lowQuantile);
    const highValue = distributionQuantile(inp.dist, highQuantile);
    return { input: inp.path, lowValue, highValue, low: at(inp.path, lowValue), high: at(inp.path, highValue) };
  });
  const bestAtBase = argmaxKey(base, keys);
  const policies: PolicyTornado[] = keys.flatMap((policy, p) => {
    if (p === b) return [];
    const bars = runs.map((r): TornadoBar => {
      const deltaAtLow = delta(r.low, p);
      const deltaAtHigh = delta(r.high, p);
      return { input: r.input, lowValue: r.lowValue, highValue: r.highValue, deltaAtLow, deltaAtHigh, swing: Math.abs(deltaAtHigh - deltaAtLow) };
    });
    bars.sort((x, y) => y.swing - x.swing || x.input.localeCompare(y.input));
    return [{ policy, baseline: scenario.baseline, baseDelta: delta(base, p), bars }];
  });
  const switches = runs.map((r): TornadoSwitch => {
    const bestAtLow = argmaxKey(r.low, keys);
    const bestAtHigh = argmaxKey(r.high, keys);
    return { input: r.input, bestAtLow, bestAtHigh, changesDecision: bestAtLow !== bestAtBase || bestAtHigh !== bestAtBase };
  });
  return { engine: 'expected', lowQuantile, highQuantile, medians: Object.fromEntries(medians), bestAtBase, policies, switches };
}

/** Spearman's rank correlation (Pearson's on average ranks); NaN when either side is constant. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const n = rx.length;
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = (rx[i] ?? 0) - m;
    const c = (ry[i] ?? 0) - m;
    sxy += a * c;
    sxx += a * a;
    syy += c * c;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

export interface RankCorrelation {
  /** Dotted path of the input. */
  readonly input: string;
  /** Spearman's rho between the input and the policy's NPV difference, over runs (NaN: constant). */
  readonly rho: number;
  /** |rho| > 1.96 / sqrt(runs - 1). */
  readonly significant: boolean;
}

/** One policy's rank correlations, largest |rho| first. */
export interface PolicyRankCorrelations {
  readonly policy: string;
  readonly baseline: string;
  readonly runs: number;
  readonly correlations: readonly RankCorrelation[];
}

/** Each uncertain input's drawn values, `[i][r]`, out of the Monte Carlo arrays. */
export function inputColumns(mc: MonteCarlo, inputs: number): Float64Array[] {
  const n = mc.to - mc.from;
  return Array.from({ length: inputs }, (_, i) => Float64Array.from({ length: n }, (_, r) => mc.inputs[r * inputs + i] ?? Number.NaN));
}

/** Net benefit of each policy per run: its NPV difference against the baseline, `[p][r]` (baseline: 0). */
export function netBenefits(scenario: Scenario, mc: MonteCarlo): Float64Array[] {
  const keys = Object.keys(scenario.policies);
  const npv = npvByPolicy(mc, keys.length, scenario.horizonMonths);
  const base = npv[keys.indexOf(scenario.baseline)] ?? new Float64Array(mc.to - mc.from);
  return npv.map((v) => Float64Array.from(v, (x, r) => x - (base[r] ?? 0)));
}

/** Spearman rank correlations of every input with every policy's NPV difference. */
export function rankCorrelations(scenario: Scenario, mc: MonteCarlo): PolicyRankCorrelations[] {
  const keys = Object.keys(scenario.policies);
  const inputs = uncertainInputs(scenario);
  const x = inputColumns(mc, inputs.length);
  const nb = netBenefits(scenario, mc);
  const n = mc.to - mc.from;
  const critical = n > 1 ? Z95 / Math.sqrt(n - 1) : Number.POSITIVE_INFINITY;
  const mag = (rho: number) => (Number.isNaN(rho) ? -1 : Math.abs(rho));
  return keys.flatMap((policy, p) => {
    if (policy === scenario.baseline) return [];
    const correlations = inputs.map((inp, i): RankCorrelation => {
      const rho = spearman(x[i] ?? [], nb[p] ?? []);
      return { input: inp.path, rho, significant: Math.abs(rho) > critical };
    });
    correlations.sort((a, c) => mag(c.rho) - mag(a.rho) || a.input.localeCompare(c.input));
    return [{ policy, baseline: scenario.baseline, runs: n, correlations }];
  });
}

/** Value of information of every uncertain input, from the runs. */
export function inputValueOfInformation(scenario: Scenario, mc: MonteCarlo): ValueOfInformation {
  const inputs = uncertainInputs(scenario);
  return valueOfInformation(
    inputs.map((i) => i.path),
    inputColumns(mc, inputs.length),
    Object.keys(scenario.policies),
    netBenefits(scenario, mc),
    scenario.seed,
  );
}

/** Everything the sensitivity command prints and the report can chart. */
export interface Sensitivity {
  readonly scenario: string;
  readonly currency: string;
  readonly baseline: string;
  readonly policies: readonly string[];
  readonly inputs: readonly { readonly path: string; readonly dist: Distribution }[];
  readonly tornado: TornadoAnalysis;
  readonly rankCorrelations: readonly PolicyRankCorrelations[];
  readonly valueOfInformation: ValueOfInformation;
}

/** The whole sensitivity analysis of a scenario and its finished Monte Carlo. */
export function sensitivityAnalysis(scenario: Scenario, name: string, mc: MonteCarlo): Sensitivity {
  return {
    scenario: name,
    currency: scenario.currency,
    baseline: scenario.baseline,
    policies: Object.keys(scenario.policies),
    inputs: uncertainInputs(scenario),
    tornado: tornado(scenario),
    rankCorrelations: rankCorrelations(scenario, mc),
    valueOfInformation: inputValueOfInformation(scenario, mc),
  };
}
