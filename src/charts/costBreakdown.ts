/**
 * What support costs are made of, per policy: contacts (per-contact channel cost), delight
 * gestures, staffing and programme costs, over the horizon (undiscounted; sums of the monthly
 * means, which are the means of the sums).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MetricName } from '../engine/metrics.js';
import type { Forecast } from '../forecast/types.js';
import { totalOfMeans } from './data.js';
import { money, moneyExpr, percent, roundTo } from './format.js';
import { CONFIG, futures, horizon, policyLabel, WIDTH } from './theme.js';

/** The components of support cost, in stacking order. */
export const COST_COMPONENTS: readonly { readonly metric: MetricName; readonly name: string; readonly colour: string }[] = [
  { metric: 'costContacts', name: 'Contacts (cost per contact by channel)', colour: '#4c78a8' },
  { metric: 'costStaffing', name: 'Staffing (agents of staffed channels)', colour: '#72b7b2' },
  { metric: 'costGestures', name: 'Delight gestures', colour: '#f58518' },
  { metric: 'costProgramme', name: 'Programme (one-off and monthly)', colour: '#b279a2' },
];

export function costBreakdownChart(forecast: Forecast): TopLevelSpec {
  const currency = forecast.scenario.currency;
  // Components that cost nothing under every policy are left out (no empty legend entries).
  const components = COST_COMPONENTS.filter((c) => forecast.policies.some((p) => totalOfMeans(forecast, p.key, c.metric) !== 0));
  const totals = new Map(forecast.policies.map((p) => [p.key, COST_COMPONENTS.reduce((a, c) => a + totalOfMeans(forecast, p.key, c.metric), 0)]));
  const values = forecast.policies.flatMap((p) =>
    components.map((c, order) => {
      const amount = totalOfMeans(forecast, p.key, c.metric);
      const total = totals.get(p.key) ?? 0;
      return {
        policy: policyLabel(forecast, p.key),
        component: c.name,
        order,
        amount: roundTo(amount),
        amountText: `${money(amount, currency)} (${percent(total > 0 ? amount / total : 0)} of ${money(total, currency)})`,
      };
    }),
  );
  const labels = forecast.policies.map((p) => ({ policy: policyLabel(forecast, p.key), total: roundTo(totals.get(p.key) ?? 0), totalText: money(totals.get(p.key) ?? 0, currency) }));
  const y = { field: 'policy', type: 'nominal' as const, title: null, sort: forecast.policies.map((p) => policyLabel(forecast, p.key)), axis: { labelFontSize: 13, labelLimit: 320 } };
  const x = {
    field: 'amount',
    type: 'quantitative' as const,
    title: `Support cost over ${horizon(forecast)} (${currency}, undiscounted)`,
    stack: 'zero' as const,
    axis: { labelExpr: moneyExpr('datum.value', currency) },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'What support costs are made of',
      subtitle: [`Support cost over ${horizon(forecast)} by component, per policy (mean of ${futures(forecast)}).`],
    },
    config: CONFIG,
    width: WIDTH - 180,
    height: { step: 40 },
    layer: [
      {
        data: { values },
        mark: { type: 'bar', size: 26 },
        encoding: {
          y,
          x,
          color: {
            field: 'component',
            type: 'nominal',
            title: null,
            scale: { domain: components.map((c) => c.name), range: components.map((c) => c.colour) },
            legend: { title: null, symbolType: 'square', columns: 2 },
          },
          order: { field: 'order', type: 'quantitative' },
          tooltip: [
            { field: 'policy', title: 'Policy' },
            { field: 'component', title: 'Component' },
            { field: 'amountText', title: 'Cost' },
          ],
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 13, fontWeight: 'bold', color: '#333' },
        encoding: { y, x: { field: 'total', type: 'quantitative' }, text: { field: 'totalText' } },
      },
    ],
  };
}
