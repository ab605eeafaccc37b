/**
 * Fan charts: one metric over the months, one line (the mean over simulated futures) and one
 * shaded P5-P95 band per policy. Used for active customers, churn rate, support cost, cumulative
 * discounted NPV and NPS (see FAN_CHARTS).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MetricName } from '../engine/metrics.js';
import type { Forecast } from '../forecast/types.js';
import { monthlySeries, valueText, type ValueKind } from './data.js';
import { monthLabel, moneyExpr, roundTo } from './format.js';
import { bandSubtitle, CONFIG, HEIGHT, monthAxis, POLICY_LEGEND, policyLabel, policyScale, WIDTH } from './theme.js';

export interface FanChartOptions {
  /** The monthly metric drawn. */
  readonly metric: MetricName;
  readonly title: string;
  /** Title of the y axis, with its unit; `{currency}` is replaced by the scenario's currency code. */
  readonly yTitle: string;
  /** How values read (tooltip text and axis format). */
  readonly kind: ValueKind;
  /** Whether the y scale must include zero (default false: the differences matter). */
  readonly zero?: boolean;
  /** A line under the title saying what to look for. */
  readonly note?: string;
}

/** The y axis format of a kind of value. */
export function yAxis(kind: ValueKind, currency: string): Record<string, string> {
  switch (kind) {
    case 'count':
      return { format: '~s' };
    case 'share':
      return { format: '.1%' };
    case 'money':
      return { labelExpr: moneyExpr('datum.value', currency) };
    case 'points':
      return { format: '~r' };
  }
}

export function fanChart(forecast: Forecast, o: FanChartOptions): TopLevelSpec {
  const currency = forecast.scenario.currency;
  const text = (x: number) => valueText(x, o.kind, currency);
  const values = monthlySeries(forecast, o.metric).map((r) => ({
    policy: policyLabel(forecast, r.policy),
    date: r.date,
    mean: roundTo(r.mean),
    p5: roundTo(r.p5),
    p95: roundTo(r.p95),
    monthText: `${monthLabel(r.date)} (month ${r.month})`,
    meanText: text(r.mean),
    rangeText: `${text(r.p5)} to ${text(r.p95)}`,
  }));
  const subtitle = [`Line: mean; ${bandSubtitle(forecast)} (dashed edges).`];
  if (o.note) subtitle.push(o.note);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: o.title, subtitle },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values },
    encoding: {
      x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', axis: monthAxis(forecast) },
      color: { field: 'policy', type: 'nominal', title: null, scale: policyScale(forecast), legend: POLICY_LEGEND },
    },
    layer: [
      {
        mark: { type: 'area', opacity: 0.09, interpolate: 'linear' },
        encoding: {
          y: { field: 'p5', type: 'quantitative', title: o.yTitle.replace('{currency}', currency), scale: { zero: o.zero ?? false }, axis: yAxis(o.kind, currency) },
          y2: { field: 'p95' },
        },
      },
      { mark: { type: 'line', strokeWidth: 1, strokeDash: [4, 3], opacity: 0.75, interpolate: 'linear' }, encoding: { y: { field: 'p5', type: 'quantitative' } } },
      { mark: { type: 'line', strokeWidth: 1, strokeDash: [4, 3], opacity: 0.75, interpolate: 'linear' }, encoding: { y: { field: 'p95', type: 'quantitative' } } },
      { mark: { type: 'line', strokeWidth: 2.2, interpolate: 'linear' }, encoding: { y: { field: 'mean', type: 'quantitative' } } },
      {
        params: [{ name: 'hover', select: { type: 'point', on: 'pointerover', clear: 'pointerout', nearest: true } }],
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y: { field: 'mean', type: 'quantitative' },
          opacity: { condition: { param: 'hover', empty: false, value: 1 }, value: 0 },
          tooltip: [
            { field: 'policy', title: 'Policy' },
            { field: 'monthText', title: 'Month' },
            { field: 'meanText', title: 'Mean' },
            { field: 'rangeText', title: 'P5 to P95' },
          ],
        },
      },
    ],
  };
}

/** The fan charts of the report, in order: chart id and options. */
export const FAN_CHARTS: readonly (FanChartOptions & { readonly id: string })[] = [
  { id: 'active-customers', metric: 'active', title: 'Active customers', yTitle: 'Active customers at month end', kind: 'count' },
  { id: 'churn-rate', metric: 'churnRate', title: 'Monthly churn rate', yTitle: 'Churn rate (% of customers at the start of the month)', kind: 'share' },
  {
    id: 'support-cost',
    metric: 'supportCost',
    title: 'Support cost per month',
    yTitle: 'Support cost per month ({currency}, undiscounted)',
    kind: 'money',
    zero: true,
    note: 'Contacts, delight gestures, staffing and programme costs; one-off programme costs fall in month 1.',
  },
  {
    id: 'cumulative-npv',
    metric: 'cumulativeNpv',
    title: 'Cumulative net present value',
    yTitle: 'Cumulative discounted net contribution ({currency})',
    kind: 'money',
    zero: true,
    note: 'Gross margin less support cost, discounted to the first month.',
  },
  { id: 'nps', metric: 'nps', title: 'Net Promoter Score', yTitle: 'NPS (points, from −100 to 100)', kind: 'points', note: 'Share of promoters (9-10) less share of detractors (0-6), in points.' },
];
