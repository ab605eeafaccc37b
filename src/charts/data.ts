/** Reading the forecast for the charts: one metric's monthly rows, one summary, per policy. */
import type { MetricName } from '../engine/metrics.js';
import type { Summary } from '../forecast/quantile.js';
import type { Comparison, Forecast, MonthlyRow, SummaryMetric } from '../forecast/types.js';
import { count, money, percent, plain } from './format.js';

/** How a quantity reads: its kind decides the text of tooltips and the format of axes. */
export type ValueKind = 'count' | 'share' | 'money' | 'points';

/** A value of `kind` as text. */
export function valueText(x: number | null | undefined, kind: ValueKind, currency: string): string {
  switch (kind) {
    case 'count':
      return count(x);
    case 'share':
      return percent(x);
    case 'money':
      return money(x, currency);
    case 'points':
      return plain(x);
  }
}

/** The monthly rows of one metric, policies in scenario order, months ascending. */
export function monthlySeries(forecast: Forecast, metric: MetricName): MonthlyRow[] {
  const order = new Map(forecast.policies.map((p, i) => [p.key, i]));
  return forecast.monthly
    .filter((r) => r.metric === metric)
    .slice()
    .sort((a, b) => (order.get(a.policy) ?? 0) - (order.get(b.policy) ?? 0) || a.month - b.month);
}

/** One policy's summary of one measure, if the forecast has it. */
export function summaryOf(forecast: Forecast, policy: string, metric: SummaryMetric): Summary | undefined {
  return forecast.summary.find((r) => r.policy === policy && r.metric === metric);
}

/** The comparison of one policy with the baseline, if it is not the baseline. */
export function comparisonOf(forecast: Forecast, policy: string): Comparison | undefined {
  return forecast.comparisons.find((c) => c.policy === policy);
}

/** Sum over months of one metric's monthly mean, per policy (the mean of the total, by linearity). */
export function totalOfMeans(forecast: Forecast, policy: string, metric: MetricName): number {
  let total = 0;
  for (const r of forecast.monthly) if (r.policy === policy && r.metric === metric) total += r.mean;
  return total;
}
