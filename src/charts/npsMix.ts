/**
 * The mix of promoters (9-10), passives (7-8) and detractors (0-6) among active customers over the
 * months, one small stacked-area panel per policy (means over the simulated futures).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MetricName } from '../engine/metrics.js';
import type { Forecast } from '../forecast/types.js';
import { monthlySeries } from './data.js';
import { monthLabel, percent, roundTo } from './format.js';
import { CONFIG, futures, monthAxis, policyLabel, WIDTH } from './theme.js';

const CLASSES: readonly { readonly metric: MetricName; readonly name: string; readonly colour: string }[] = [
  { metric: 'detractorShare', name: 'Detractors (0-6)', colour: '#d6604d' },
  { metric: 'passiveShare', name: 'Passives (7-8)', colour: '#c8c8c8' },
  { metric: 'promoterShare', name: 'Promoters (9-10)', colour: '#4dac26' },
];

export function npsMixChart(forecast: Forecast): TopLevelSpec {
  const values = CLASSES.flatMap((c, order) =>
    monthlySeries(forecast, c.metric).map((r) => ({
      policy: policyLabel(forecast, r.policy),
      date: r.date,
      class: c.name,
      order,
      share: roundTo(r.mean, 5),
      monthText: `${monthLabel(r.date)} (month ${r.month})`,
      shareText: `${percent(r.mean)} (P5 ${percent(r.p5)} to P95 ${percent(r.p95)})`,
    })),
  );
  const n = forecast.policies.length;
  const columns = n <= 3 ? Math.max(1, n) : 2;
  const width = columns === 1 ? WIDTH : Math.floor((WIDTH - 20 * (columns - 1)) / columns);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Promoters, passives and detractors',
      subtitle: [`Share of active customers in each score class, by month and policy (mean of ${futures(forecast)}).`],
    },
    config: CONFIG,
    data: { values },
    columns,
    facet: { field: 'policy', type: 'nominal', title: null, sort: forecast.policies.map((p) => policyLabel(forecast, p.key)), header: { labelAnchor: 'start', labelPadding: 6 } },
    spec: {
      width,
      height: 150,
      mark: { type: 'area', interpolate: 'monotone' },
      encoding: {
        x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth', title: null, axis: monthAxis(forecast, width) },
        y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'Share of customers', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } },
        color: {
          field: 'class',
          type: 'nominal',
          title: null,
          scale: { domain: CLASSES.map((c) => c.name), range: CLASSES.map((c) => c.colour) },
          legend: { title: null, symbolType: 'square', symbolSize: 200 },
        },
        order: { field: 'order', type: 'quantitative' },
        tooltip: [
          { field: 'policy', title: 'Policy' },
          { field: 'monthText', title: 'Month' },
          { field: 'class', title: 'Class' },
          { field: 'shareText', title: 'Share' },
        ],
      },
    },
  };
}
