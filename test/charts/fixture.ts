/**
 * A small, fixed forecast for the chart and report tests: three policies over six months and 40
 * runs, every number from a closed formula (no simulation), so the golden specs only change when
 * the chart code does.
 */
import { METRICS, type MetricName } from '../../src/engine/metrics.js';
import type { Summary } from '../../src/forecast/quantile.js';
import type { Comparison, Forecast, MonthlyRow, SummaryRow } from '../../src/forecast/types.js';
import type { Sensitivity } from '../../src/forecast/sensitivity.js';

const POLICIES = [
  { key: 'exceed', label: 'Exceed expectations' },
  { key: 'meet', label: 'Meet expectations' },
  { key: 'effort', label: 'Effort reduction' },
] as const;

const MONTHS = 6;
const RUNS = 40;

/** A summary around `mean` with a spread of `sd` (percentiles of a normal, rounded). */
function around(mean: number, sd: number): Summary {
  const z = { p5: -1.645, p25: -0.674, p50: 0, p75: 0.674, p95: 1.645 };
  return { mean, p5: mean + z.p5 * sd, p25: mean + z.p25 * sd, p50: mean + z.p50 * sd, p75: mean + z.p75 * sd, p95: mean + z.p95 * sd };
}

/** Mean and spread of one metric, policy index p, month t. */
function value(metric: MetricName, p: number, t: number): [number, number] {
  const active = 10_000 * (1 + 0.004 * p * t) - 60 * t;
  const churn = 0.015 - 0.001 * p + 0.0002 * t;
  switch (metric) {
    case 'active':
      return [active, 40 * Math.sqrt(t)];
    case 'churnRate':
      return [churn, 0.002];
    case 'costContacts':
      return [8_000 - 500 * p, 600];
    case 'costGestures':
      return [p === 0 ? 2_500 : 0, p === 0 ? 300 : 0];
    case 'costStaffing':
      return [p === 2 ? 3_000 : 2_000, 0];
    case 'costProgramme':
      return [p === 2 ? (t === 1 ? 40_000 : 2_000) : 0, 0];
    case 'supportCost': {
      const [a] = value('costContacts', p, t);
      const [b] = value('costGestures', p, t);
      const [c] = value('costStaffing', p, t);
      const [d] = value('costProgramme', p, t);
      return [a + b + c + d, 700];
    }
    case 'cumulativeNpv':
      return [t * (150_000 + 4_000 * p) - (p === 2 ? 38_000 : 0), 5_000 * Math.sqrt(t)];
    case 'promoterShare':
      return [0.4 + 0.01 * p * t, 0.02];
    case 'detractorShare':
      return [0.25 - 0.005 * p * t, 0.02];
    case 'passiveShare':
      return [0.35 - 0.005 * p * t, 0.02];
    case 'nps':
      return [100 * (0.15 + 0.015 * p * t), 3];
    default:
      return [100 + p + t, 1];
  }
}

function monthly(): MonthlyRow[] {
  const rows: MonthlyRow[] = [];
  POLICIES.forEach((policy, p) => {
    for (let t = 1; t <= MONTHS; t++) {
      for (const metric of METRICS) {
        const [mean, sd] = value(metric, p, t);
        rows.push({ policy: policy.key, month: t, date: `2027-0${t}`, metric, ...around(mean, sd) });
      }
    }
  });
  return rows;
}

function summary(): SummaryRow[] {
  return POLICIES.flatMap((policy, p) => [
    { policy: policy.key, metric: 'npv' as const, ...around(900_000 + 24_000 * p - (p === 2 ? 38_000 : 0), 30_000) },
    { policy: policy.key, metric: 'clv' as const, ...around([1_050, 1_060, 1_110][p] ?? 0, 60) },
    { policy: policy.key, metric: 'customerEquity' as const, ...around(10_500_000 + 100_000 * p, 600_000) },
    { policy: policy.key, metric: 'activeAtHorizon' as const, ...around(value('active', p, MONTHS)[0], 240) },
    { policy: policy.key, metric: 'meanChurnRate' as const, ...around([0.0159, 0.0158, 0.0152][p] ?? 0, 0.0013) },
    { policy: policy.key, metric: 'supportCost' as const, ...around([75_000, 60_000, 88_000][p] ?? 0, 4_000) },
    { policy: policy.key, metric: 'revenue' as const, ...around(3_000_000 + 20_000 * p, 100_000) },
    { policy: policy.key, metric: 'npsAtHorizon' as const, ...around(value('nps', p, MONTHS)[0], 3) },
  ]).map((r) => ({ ...r, standardError: (r.p95 - r.p5) / 3.29 / Math.sqrt(RUNS) }));
}

/** Per-run NPV differences against the baseline: a fixed, skewed sample per policy. */
export function fixtureDeltaNpvRuns(): Record<string, number[]> {
  const sample = (centre: number, spread: number) => Array.from({ length: RUNS }, (_, r) => centre + spread * Math.sin(r * 2.399) * (1 + 0.3 * Math.cos(r * 0.7)));
  return { meet: sample(24_000, 30_000), effort: sample(-14_000 + 0, 25_000) };
}

function comparisons(): Comparison[] {
  const runs = fixtureDeltaNpvRuns();
  const compare = (policy: string, roi: Summary | null, payback: Comparison['paybackMonth'], pPayback: number): Comparison => {
    const xs = (runs[policy] ?? []).slice().sort((a, b) => a - b);
    const n = xs.length;
    const q = (p: number) => {
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      return (xs[lo] ?? 0) + (h - lo) * ((xs[Math.min(n - 1, lo + 1)] ?? 0) - (xs[lo] ?? 0));
    };
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const pBeat = xs.filter((x) => x > 0).length / n;
    return {
      policy,
      baseline: 'exceed',
      deltaNpv: { mean, p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) },
      pBeatBaseline: pBeat,
      pBeatStandardError: Math.sqrt((pBeat * (1 - pBeat)) / n),
      deltaNpvStandardError: 3_000,
      roi,
      paybackMonth: payback,
      pPayback,
    };
  };
  return [compare('meet', null, { p5: 1, p50: 1, p95: null }, 0.8), compare('effort', around(-0.3, 0.5), { p5: 4, p50: null, p95: null }, 0.3)];
}

/** The fixture forecast; `overrides` replace top-level fields (e.g. comparisons for the "no winner" case). */
export function fixtureForecast(overrides: Partial<Forecast> = {}): Forecast {
  return {
    scenario: {
      name: 'fixture',
      title: 'Fixture: exceed vs meet vs effort',
      currency: 'USD',
      startMonth: '2027-01',
      horizonMonths: MONTHS,
      runs: RUNS,
      seed: 7,
      engine: 'cohort',
      baseline: 'exceed',
    },
    policies: POLICIES,
    monthly: monthly(),
    summary: summary(),
    comparisons: comparisons(),
    inputs: [
      { path: 'segments.standard.baseChurn', dist: { dist: 'pert', min: 0.01, mode: 0.013, max: 0.018, lambda: 4 } },
      { path: 'service.channels.phone.costPerContact', dist: { dist: 'triangular', min: 6, mode: 8, max: 11 } },
      { path: 'policies.effort.costs.oneOff', dist: { dist: 'lognormal', mean: 400_000, sd: 80_000 } },
    ],
    assumptions: [
      { path: 'description', value: 'A fixed forecast for the tests: three policies, six months.' },
      { path: 'discountRate', value: 0.08, unit: 'annual rate', description: 'Annual discount rate for NPV and CLV.' },
      { path: 'segments.standard.customers', value: 10_000, unit: 'customers', description: 'Active customers at the start (count).' },
      { path: 'response.delightUp', value: 0.03, unit: 'probability', description: 'Chance that a delight gesture lifts the score (CEB/HBR 2010: "virtually no" loyalty gain).' },
    ],
    ...overrides,
  };
}

/**
 * A sensitivity analysis of the fixture forecast, every number from a closed formula: three inputs
 * whose P10/P90 move the NPV difference by known amounts; the third changes the best policy.
 */
export function fixtureSensitivity(): Sensitivity {
  const inputs = fixtureForecast().inputs;
  const swings: Record<string, [number, number, number, number]> = {
    // input: lowValue, highValue, effect on meet at low, at high
    'segments.standard.baseChurn': [0.0112, 0.0158, -4_000, 6_000],
    'service.channels.phone.costPerContact': [6.8, 9.9, 9_000, -12_000],
    'policies.effort.costs.oneOff': [300_000, 510_000, 0, 0],
  };
  const tornadoOf = (policy: string, base: number, scale: number) => {
    const bars = Object.entries(swings).map(([input, [lowValue, highValue, lo, hi]]) => {
      const deltaAtLow = base + scale * lo + (policy === 'effort' && input.startsWith('policies.effort') ? 40_000 : 0);
      const deltaAtHigh = base + scale * hi - (policy === 'effort' && input.startsWith('policies.effort') ? 50_000 : 0);
      return { input, lowValue, highValue, deltaAtLow, deltaAtHigh, swing: Math.abs(deltaAtHigh - deltaAtLow) };
    });
    bars.sort((a, b) => b.swing - a.swing || a.input.localeCompare(b.input));
    return { policy, baseline: 'exceed', baseDelta: base, bars };
  };
  const correlations = (signs: number[]) =>
    inputs.map((inp, i) => ({ input: inp.path, rho: 0.5 * (signs[i] ?? 0), significant: Math.abs(0.5 * (signs[i] ?? 0)) > 1.96 / Math.sqrt(RUNS - 1) }));
  return {
    scenario: 'fixture',
    currency: 'USD',
    baseline: 'exceed',
    policies: POLICIES.map((p) => p.key),
    inputs: inputs.map((i) => ({ path: i.path, dist: i.dist })),
    tornado: {
      engine: 'expected',
      lowQuantile: 0.1,
      highQuantile: 0.9,
      medians: { 'segments.standard.baseChurn': 0.0133, 'service.channels.phone.costPerContact': 8.3, 'policies.effort.costs.oneOff': 392_000 },
      bestAtBase: 'meet',
      policies: [tornadoOf('meet', 24_000, 1), tornadoOf('effort', -3_000, 0.5)],
      switches: [
        { input: 'segments.standard.baseChurn', bestAtLow: 'meet', bestAtHigh: 'meet', changesDecision: false },
        { input: 'service.channels.phone.costPerContact', bestAtLow: 'meet', bestAtHigh: 'meet', changesDecision: false },
        { input: 'policies.effort.costs.oneOff', bestAtLow: 'effort', bestAtHigh: 'meet', changesDecision: true },
      ],
    },
    rankCorrelations: [
      { policy: 'meet', baseline: 'exceed', runs: RUNS, correlations: correlations([1, -1, 0.1]) },
      { policy: 'effort', baseline: 'exceed', runs: RUNS, correlations: correlations([0.2, -0.3, -1]) },
    ],
    valueOfInformation: {
      runs: RUNS,
      bestPolicy: 'meet',
      margin: 27_000,
      evpi: 6_500,
      noiseFloor: 300,
      inputs: [
        { input: 'policies.effort.costs.oneOff', evppi: 5_200, pDecisionChange: 0.2, bestByDecile: ['effort', 'effort', 'meet', 'meet', 'meet', 'meet', 'meet', 'meet', 'meet', 'meet'] },
        { input: 'segments.standard.baseChurn', evppi: 250, pDecisionChange: 0.025, bestByDecile: Array.from({ length: 10 }, () => 'meet') },
        { input: 'service.channels.phone.costPerContact', evppi: 0, pDecisionChange: 0, bestByDecile: Array.from({ length: 10 }, () => 'meet') },
      ],
      measureFirst: 'policies.effort.costs.oneOff',
    },
  };
}
