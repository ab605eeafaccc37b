/**
 * The NPV difference of each policy against the baseline over the simulated futures (paired: the
 * same future under both policies). With the per-run differences it is a histogram per policy,
 * zero marked, P(beat baseline) in each panel's title; without them, an interval chart of the
 * summary (P5-P95, P25-P75, median) with the same labels.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison, Forecast, ForecastHead } from '../forecast/types.js';
import { comparisonOf } from './data.js';
import { count, money, moneyExpr, percent, percentagePoints, roundTo } from './format.js';
import { BASELINE_COLOUR, CONFIG, futures, horizon, plainLabel, policyLabel, policyScale, REFERENCE_COLOUR, WIDTH } from './theme.js';

/** NPV(policy) - NPV(baseline) in each simulated future, by policy key (the baseline's own is not needed). */
export type DeltaNpvRuns = Readonly<Record<string, readonly number[]>>;

/** One histogram bar: futures with a difference in [x0, x1). */
export interface HistogramBin {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

/** A step of 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw * (1 - 1e-12)) return m * mag;
  return 10 * mag;
}

/** Bins of width `step` aligned on multiples of `step` (so zero is always a bin edge). */
export function histogram(values: readonly number[], step: number, lo: number, hi: number): HistogramBin[] {
  const first = Math.floor(lo / step);
  const n = Math.max(1, Math.floor(hi / step) - first + 1);
  const counts = new Array<number>(n).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const i = Math.min(n - 1, Math.max(0, Math.floor(v / step) - first));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((c, i) => ({ x0: roundTo((first + i) * step, 12), x1: roundTo((first + i + 1) * step, 12), count: c }));
}

/**
 * "beats the baseline in 99% of 200 simulated futures (standard error 0.7 pp)"; at 0% or 100% the
 * standard error is zero and says nothing, so the text says "in all" / "in none of" instead.
 */
export function beatsText(c: Comparison, forecast: Forecast): string {
  if (c.pBeatBaseline >= 1) return `beats the baseline in all ${futures(forecast)}`;
  if (c.pBeatBaseline <= 0) return `beats the baseline in none of ${futures(forecast)}`;
  return `beats the baseline in ${percent(c.pBeatBaseline)} of ${futures(forecast)} (standard error ${percentagePoints(c.pBeatStandardError)})`;
}

function title(forecast: Forecast): string {
  return `NPV difference against ${policyLabel(forecast, forecast.scenario.baseline)}`;
}

/** The x-axis title of every chart of NPV differences against the baseline. */
export function deltaNpvAxisTitle(forecast: ForecastHead): string {
  return `NPV of the policy minus NPV of the baseline over ${horizon(forecast)} (${forecast.scenario.currency}, discounted)`;
}

/** The chart: a histogram per policy when `runs` holds the per-run differences, else an interval chart. */
export function npvDifferenceChart(forecast: Forecast, runs?: DeltaNpvRuns): TopLevelSpec {
  const policies = forecast.policies.filter((p) => p.key !== forecast.scenario.baseline && comparisonOf(forecast, p.key));
  const withRuns = runs !== undefined && policies.every((p) => (runs[p.key]?.length ?? 0) > 0);
  return withRuns ? histogramChart(forecast, runs) : intervalChart(forecast);
}

function histogramChart(forecast: Forecast, runs: DeltaNpvRuns): TopLevelSpec {
  const currency = forecast.scenario.currency;
  const policies = forecast.policies.filter((p) => p.key !== forecast.scenario.baseline && comparisonOf(forecast, p.key));
  const all = policies.flatMap((p) => (runs[p.key] ?? []).filter(Number.isFinite));
  let lo = Math.min(0, ...all);
  let hi = Math.max(0, ...all);
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / 36);
  lo = Math.floor(lo / step) * step;
  hi = (Math.floor(hi / step) + 1) * step;
  const tickStep = niceStep((hi - lo) / 8);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / tickStep); t * tickStep <= hi + 1e-9 * tickStep; t++) ticks.push(roundTo(t * tickStep, 12));
  const colours = policyScale(forecast);
  const panels = policies.map((p, i) => {
    const last = i === policies.length - 1;
    const c = comparisonOf(forecast, p.key) as Comparison;
    const values = runs[p.key] ?? [];
    const n = values.length;
    const colour = colours.range[colours.domain.indexOf(policyLabel(forecast, p.key))] ?? BASELINE_COLOUR;
    const bins = histogram(values, step, lo, hi)
      .filter((b) => b.count > 0)
      .map((b) => ({
        x0: b.x0,
        x1: b.x1,
        count: b.count,
        side: b.x1 <= 0 ? 'loses' : 'gains',
        rangeText: `${money(b.x0, currency)} to ${money(b.x1, currency)}`,
        countText: `${count(b.count)} of ${count(n)} (${percent(b.count / n)})`,
      }));
    const median = c.deltaNpv.p50;
    return {
      title: { text: `${plainLabel(forecast, p.key)}: ${beatsText(c, forecast)}`, fontSize: 14, subtitle: `median ${money(median, currency)}; P5 ${money(c.deltaNpv.p5, currency)} to P95 ${money(c.deltaNpv.p95, currency)}`, subtitleFontSize: 12, offset: 6 },
      width: WIDTH,
      height: 110,
      layer: [
        {
          data: { values: bins },
          mark: { type: 'bar' as const, binSpacing: 1, cornerRadiusEnd: 0 },
          encoding: {
            x: { field: 'x0', type: 'quantitative' as const, scale: { domain: [lo, hi], nice: false }, title: last ? deltaNpvAxisTitle(forecast) : null, axis: { labelExpr: moneyExpr('datum.value', currency), values: ticks } },
            x2: { field: 'x1' },
            y: { field: 'count', type: 'quantitative' as const, title: 'Futures', axis: { tickCount: 3 } },
            y2: { datum: 0 },
            color: { field: 'side', type: 'nominal' as const, scale: { domain: ['loses', 'gains'], range: ['#e8a8a0', colour] }, legend: null },
            tooltip: [
              { field: 'rangeText', title: 'NPV difference' },
              { field: 'countText', title: 'Futures' },
            ],
          },
        },
        {
          data: { values: [{ x: 0, label: 'no difference' }] },
          mark: { type: 'rule' as const, color: REFERENCE_COLOUR, strokeWidth: 2, strokeDash: [5, 3] },
          encoding: { x: { field: 'x', type: 'quantitative' as const }, tooltip: [{ field: 'label', title: 'Zero' }] },
        },
        {
          data: { values: [{ x: roundTo(median), label: `median ${money(median, currency)}` }] },
          mark: { type: 'rule' as const, color: '#222', strokeWidth: 1.5 },
          encoding: { x: { field: 'x', type: 'quantitative' as const }, tooltip: [{ field: 'label', title: 'Median' }] },
        },
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title(forecast),
      subtitle: [
        `Each bar: how many of ${futures(forecast)} give that NPV gain (the same future under the policy and under the baseline).`,
        'Red dashed line: no difference (right of it the policy earns more); black line: median.',
      ],
    },
    config: CONFIG,
    vconcat: panels,
    resolve: { scale: { x: 'shared', color: 'independent' } },
  };
}

function intervalChart(forecast: Forecast): TopLevelSpec {
  const currency = forecast.scenario.currency;
  const values = forecast.policies.flatMap((p) => {
    const c = comparisonOf(forecast, p.key);
    if (!c || p.key === forecast.scenario.baseline) return [];
    const d = c.deltaNpv;
    return [
      {
        policy: policyLabel(forecast, p.key),
        row: `${plainLabel(forecast, p.key)}: beats the baseline in ${percent(c.pBeatBaseline)}`,
        p5: roundTo(d.p5),
        p25: roundTo(d.p25),
        p50: roundTo(d.p50),
        p75: roundTo(d.p75),
        p95: roundTo(d.p95),
        medianText: money(d.p50, currency),
        rangeText: `${money(d.p5, currency)} to ${money(d.p95, currency)}`,
        beatText: `${percent(c.pBeatBaseline)} (standard error ${percentagePoints(c.pBeatStandardError)})`,
      },
    ];
  });
  const y = { field: 'row', type: 'nominal' as const, title: null, sort: null, axis: { labelFontSize: 13, labelLimit: 420 } };
  const tooltip = [
    { field: 'policy', title: 'Policy' },
    { field: 'medianText', title: 'Median NPV difference' },
    { field: 'rangeText', title: 'P5 to P95' },
    { field: 'beatText', title: 'P(beats baseline)' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title(forecast),
      subtitle: [
        `Over ${futures(forecast)}, each the same future under the policy and under the baseline.`,
        'Thin line: 5th to 95th percentile; thick bar: 25th to 75th; white tick: median. Red dashed line: no difference.',
      ],
    },
    config: CONFIG,
    width: WIDTH - 160,
    height: { step: 44 },
    data: { values },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y,
          x: { field: 'p5', type: 'quantitative', title: deltaNpvAxisTitle(forecast), axis: { labelExpr: moneyExpr('datum.value', currency) }, scale: { zero: true } },
          x2: { field: 'p95' },
          color: { field: 'policy', type: 'nominal', scale: policyScale(forecast), legend: null },
          tooltip,
        },
      },
      {
        mark: { type: 'bar', size: 16 },
        encoding: { y, x: { field: 'p25', type: 'quantitative' }, x2: { field: 'p75' }, color: { field: 'policy', type: 'nominal', scale: policyScale(forecast), legend: null }, tooltip },
      },
      { mark: { type: 'tick', color: 'white', thickness: 2.5, size: 16 }, encoding: { y, x: { field: 'p50', type: 'quantitative' }, tooltip } },
      { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: REFERENCE_COLOUR, strokeWidth: 2, strokeDash: [5, 3] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
    ],
  };
}
