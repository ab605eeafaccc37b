/**
 * The cost-loyalty frontier: each policy as a point of support cost (over the horizon) against
 * churn (left) and CLV per customer (right), with P5-P95 error bars both ways. A policy is
 * efficient when no other policy is at least as good on both axes and better on one (by the
 * means); efficient policies are filled and joined by the frontier line, dominated ones hollow.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../forecast/quantile.js';
import type { Forecast, SummaryMetric } from '../forecast/types.js';
import { summaryOf } from './data.js';
import { placeLabels } from './labels.js';
import { money, moneyExpr, percent, roundTo } from './format.js';
import { CONFIG, futures, horizon, POLICY_LEGEND, plainLabel, policyLabel, policyScale } from './theme.js';

/** A point to compare: lower `cost` is better; `value` is better lower or higher as told. */
export interface FrontierPoint {
  readonly key: string;
  readonly cost: number;
  readonly value: number;
}

/**
 * Keys of the non-dominated points: none other has cost <= and value at least as good, with one of
 * the two strictly better.
 */
export function efficientKeys(points: readonly FrontierPoint[], higherIsBetter: boolean): Set<string> {
  const better = (a: number, b: number) => (higherIsBetter ? a > b : a < b);
  const atLeast = (a: number, b: number) => (higherIsBetter ? a >= b : a <= b);
  const out = new Set<string>();
  for (const p of points) {
    const dominated = points.some((q) => q !== p && q.cost <= p.cost && atLeast(q.value, p.value) && (q.cost < p.cost || better(q.value, p.value)));
    if (!dominated) out.add(p.key);
  }
  return out;
}

interface Axis {
  readonly metric: SummaryMetric;
  readonly title: string;
  readonly higherIsBetter: boolean;
  readonly text: (x: number) => string;
  readonly axis: Record<string, string>;
}

/** A padded domain around all the values (8% of the span each side). */
function domain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    const d = Math.abs(lo) * 0.05 || 1;
    lo -= d;
    hi += d;
  }
  const pad = 0.08 * (hi - lo);
  return [roundTo(lo - pad), roundTo(hi + pad)];
}

const HEIGHT = 300;
/** Font size of the point labels (px). */
const LABEL_SIZE = 12;

function panel(forecast: Forecast, y: Axis, width: number) {
  const currency = forecast.scenario.currency;
  const rows = forecast.policies.flatMap((p) => {
    const cost = summaryOf(forecast, p.key, 'supportCost');
    const v = summaryOf(forecast, p.key, y.metric);
    return cost && v ? [{ key: p.key, cost, v }] : [];
  });
  const efficient = efficientKeys(
    rows.map((r) => ({ key: r.key, cost: r.cost.mean, value: r.v.mean })),
    y.higherIsBetter,
  );
  const xDomain = domain(rows.flatMap((r) => [r.cost.p5, r.cost.p95, r.cost.mean]));
  const yDomain = domain(rows.flatMap((r) => [r.v.p5, r.v.p95, r.v.mean]));
  const px = (v: number) => ((v - xDomain[0]) / (xDomain[1] - xDomain[0])) * width;
  const py = (v: number) => (1 - (v - yDomain[0]) / (yDomain[1] - yDomain[0])) * HEIGHT;
  const placed = placeLabels(
    rows.map((r) => ({ x: px(r.cost.mean), y: py(r.v.mean), text: plainLabel(forecast, r.key) })),
    width,
    HEIGHT,
    LABEL_SIZE,
  );
  const range = (s: Summary, f: (x: number) => string) => `${f(s.mean)} (P5 ${f(s.p5)} to P95 ${f(s.p95)})`;
  const values = rows.map((r, i) => {
    const at = placed[i] ?? { x: px(r.cost.mean), y: py(r.v.mean), align: 'left' as const };
    return {
      policy: policyLabel(forecast, r.key),
      label: plainLabel(forecast, r.key),
      status: efficient.has(r.key) ? 'efficient' : 'dominated',
      cost: roundTo(r.cost.mean),
      cost5: roundTo(r.cost.p5),
      cost95: roundTo(r.cost.p95),
      value: roundTo(r.v.mean),
      value5: roundTo(r.v.p5),
      value95: roundTo(r.v.p95),
      labelX: roundTo(xDomain[0] + (at.x / width) * (xDomain[1] - xDomain[0])),
      labelY: roundTo(yDomain[0] + (1 - at.y / HEIGHT) * (yDomain[1] - yDomain[0])),
      labelAlign: at.align,
      leader: at.leader !== undefined,
      leaderX: roundTo(xDomain[0] + ((at.leader?.x ?? at.x) / width) * (xDomain[1] - xDomain[0])),
      leaderY: roundTo(yDomain[0] + (1 - (at.leader?.y ?? at.y) / HEIGHT) * (yDomain[1] - yDomain[0])),
      costText: range(r.cost, (x) => money(x, currency)),
      valueText: range(r.v, y.text),
    };
  });
  const colour = { field: 'policy', type: 'nominal' as const, scale: policyScale(forecast), legend: POLICY_LEGEND };
  const x = {
    field: 'cost',
    type: 'quantitative' as const,
    title: `Support cost over ${horizon(forecast)} (${currency}, undiscounted)`,
    scale: { domain: xDomain, nice: false, zero: false },
    axis: { labelExpr: moneyExpr('datum.value', currency), tickCount: 5 },
  };
  const yEnc = { field: 'value', type: 'quantitative' as const, title: y.title, scale: { domain: yDomain, nice: false, zero: false }, axis: { ...y.axis, tickCount: 6 } };
  const tooltip = [
    { field: 'label', title: 'Policy' },
    { field: 'costText', title: 'Support cost' },
    { field: 'valueText', title: y.title },
    { field: 'status', title: 'On the frontier' },
  ];
  // Labels with a white halo underneath, so that they stay legible across error bars and lines.
  const labels = (align: 'left' | 'right' | 'center', halo: boolean) => ({
    transform: [{ filter: `datum.labelAlign === '${align}'` }],
    mark: halo
      ? { type: 'text' as const, align, baseline: 'middle' as const, fontSize: LABEL_SIZE, stroke: 'white', strokeWidth: 4, strokeOpacity: 0.85, strokeJoin: 'round' as const }
      : { type: 'text' as const, align, baseline: 'middle' as const, fontSize: LABEL_SIZE },
    encoding: { x: { ...x, field: 'labelX' }, y: { ...yEnc, field: 'labelY' }, text: { field: 'label' }, color: { value: halo ? 'white' : '#222' }, ...(halo ? {} : { tooltip }) },
  });
  return {
    width,
    height: HEIGHT,
    data: { values },
    layer: [
      { mark: { type: 'rule' as const, strokeWidth: 1.5, opacity: 0.7 }, encoding: { x: { ...x, field: 'cost5' }, x2: { field: 'cost95' }, y: yEnc, color: colour } },
      { mark: { type: 'rule' as const, strokeWidth: 1.5, opacity: 0.7 }, encoding: { x, y: { ...yEnc, field: 'value5' }, y2: { field: 'value95' }, color: colour } },
      {
        transform: [{ filter: "datum.status === 'efficient'" }],
        mark: { type: 'line' as const, color: '#333', strokeDash: [6, 4], strokeWidth: 1.2 },
        encoding: { x, y: yEnc, order: { field: 'cost', type: 'quantitative' as const } },
      },
      {
        mark: { type: 'point' as const, size: 180, strokeWidth: 2.5, opacity: 1 },
        encoding: {
          x,
          y: yEnc,
          color: colour,
          fill: { condition: { test: "datum.status === 'efficient'", field: 'policy', type: 'nominal' as const, scale: policyScale(forecast), legend: POLICY_LEGEND }, value: 'white' },
          tooltip,
        },
      },
      {
        transform: [{ filter: 'datum.leader' }],
        mark: { type: 'rule' as const, color: '#888', strokeWidth: 0.8 },
        encoding: { x, y: yEnc, x2: { field: 'leaderX' }, y2: { field: 'leaderY' } },
      },
      labels('left', true),
      labels('right', true),
      labels('center', true),
      labels('left', false),
      labels('right', false),
      labels('center', false),
    ],
  };
}

export function frontierChart(forecast: Forecast): TopLevelSpec {
  const churn: Axis = { metric: 'meanChurnRate', title: 'Mean monthly churn rate', higherIsBetter: false, text: (v) => percent(v), axis: { format: '.2%' } };
  const clv: Axis = {
    metric: 'clv',
    title: `CLV per customer (${forecast.scenario.currency})`,
    higherIsBetter: true,
    text: (v) => money(v, forecast.scenario.currency),
    axis: { labelExpr: moneyExpr('datum.value', forecast.scenario.currency) },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Cost-loyalty frontier',
      subtitle: [
        `Points: mean of ${futures(forecast)}; bars: 5th to 95th percentile.`,
        'Filled, joined by the dashed line: efficient (no other policy is better on one axis and as good on the other); hollow: dominated.',
        'Better is lower left on the churn panel, upper left on the CLV panel.',
      ],
    },
    config: CONFIG,
    hconcat: [panel(forecast, churn, 330), panel(forecast, clv, 330)],
    resolve: { scale: { color: 'shared', fill: 'shared' } },
  };
}
