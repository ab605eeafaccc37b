/**
 * The tornado chart of a sensitivity analysis: for each policy against the baseline, one bar per
 * uncertain input, from the NPV difference with every input at its median (the centre line) to
 * the difference with that input alone at its P10 and at its P90 (the others at their medians).
 * The longest bars, the inputs that move the answer most, are on top; zero (no difference) is
 * marked, so a bar that crosses it is an input that alone can reverse the comparison.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Sensitivity } from '../forecast/sensitivity.js';
import type { ForecastHead } from '../forecast/types.js';
import { money, moneyExpr, plain, roundTo } from './format.js';
import { deltaNpvAxisTitle } from './npvDifference.js';
import { CONFIG, plainLabel, policyLabel, REFERENCE_COLOUR, WIDTH } from './theme.js';

/** How many inputs a panel shows at most (default of `tornadoChart`). */
export const TORNADO_TOP = 10;

const LOW_COLOUR = '#9ecae9';
const HIGH_COLOUR = '#2f6ea6';

/** `quantile` 0.1 -> "P10". */
const pLabel = (q: number): string => `P${Math.round(100 * q)}`;

/**
 * The tornado chart, one panel per policy other than the baseline, at most `top` inputs each.
 * Needs the forecast's head for the policies' labels, the currency and the horizon.
 */
export function tornadoChart(forecast: ForecastHead, sensitivity: Sensitivity, top = TORNADO_TOP): TopLevelSpec {
  const currency = forecast.scenario.currency;
  const t = sensitivity.tornado;
  const low = `input at its ${pLabel(t.lowQuantile)}`;
  const high = `input at its ${pLabel(t.highQuantile)}`;
  const panels = t.policies.map((p, i) => {
    const last = i === t.policies.length - 1;
    const bars = p.bars.slice(0, top);
    const rows = bars.flatMap((b, rank) => [
      { rank, input: b.input, side: low, from: roundTo(p.baseDelta), to: roundTo(b.deltaAtLow), valueText: plain(b.lowValue, 4), deltaText: money(b.deltaAtLow, currency), swingText: money(b.swing, currency) },
      { rank, input: b.input, side: high, from: roundTo(p.baseDelta), to: roundTo(b.deltaAtHigh), valueText: plain(b.highValue, 4), deltaText: money(b.deltaAtHigh, currency), swingText: money(b.swing, currency) },
    ]);
    return {
      title: {
        text: `${plainLabel(forecast, p.policy)} against ${plainLabel(forecast, p.baseline)}`,
        subtitle: `NPV difference with every input at its median: ${money(p.baseDelta, currency)}`,
        fontSize: 14,
        subtitleFontSize: 12,
        offset: 6,
      },
      width: WIDTH,
      height: Math.max(60, 26 * bars.length),
      layer: [
        {
          data: { values: rows },
          mark: { type: 'bar' as const, height: { band: 0.7 } },
          encoding: {
            y: { field: 'input', type: 'nominal' as const, sort: { field: 'rank', order: 'ascending' as const }, title: null, axis: { labelFontSize: 12, labelLimit: 360 } },
            x: { field: 'from', type: 'quantitative' as const, title: last ? deltaNpvAxisTitle(forecast) : null, axis: { labelExpr: moneyExpr('datum.value', currency) }, scale: { zero: true } },
            x2: { field: 'to' },
            color: { field: 'side', type: 'nominal' as const, scale: { domain: [low, high], range: [LOW_COLOUR, HIGH_COLOUR] }, legend: { title: null } },
            tooltip: [
              { field: 'input', title: 'Input' },
              { field: 'side', title: 'Case' },
              { field: 'valueText', title: 'Input value' },
              { field: 'deltaText', title: 'NPV difference' },
              { field: 'swingText', title: 'Swing' },
            ],
          },
        },
        {
          data: { values: [{ x: roundTo(p.baseDelta), label: `all inputs at their medians: ${money(p.baseDelta, currency)}` }] },
          mark: { type: 'rule' as const, color: '#222', strokeWidth: 1.5 },
          encoding: { x: { field: 'x', type: 'quantitative' as const }, tooltip: [{ field: 'label', title: 'Centre' }] },
        },
        {
          data: { values: [{ x: 0, label: 'no difference' }] },
          mark: { type: 'rule' as const, color: REFERENCE_COLOUR, strokeWidth: 2, strokeDash: [5, 3] },
          encoding: { x: { field: 'x', type: 'quantitative' as const }, tooltip: [{ field: 'label', title: 'Zero' }] },
        },
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `What moves the NPV difference against ${policyLabel(forecast, forecast.scenario.baseline)}`,
      subtitle: [
        `Each bar: one uncertain input alone at its ${pLabel(t.lowQuantile)} (light) and ${pLabel(t.highQuantile)} (dark), every other input at its median (expected engine).`,
        'Black line: every input at its median; red dashed line: no difference. Longest bars on top.',
      ],
    },
    config: CONFIG,
    vconcat: panels,
    resolve: { scale: { x: 'shared', y: 'independent' } },
  };
}
