/**
 * The look shared by every chart: font, sizes, colours of the policies, and the Vega-Lite config.
 * Sizes are in CSS pixels of the chart as drawn in the report; the PNG is rendered at twice that.
 */
import type { Config } from 'vega-lite';
import type { ForecastHead } from '../forecast/types.js';
import { count } from './format.js';

/** Font stack: DejaVu Sans is what the headless renderer loads (see render.ts); browsers fall back. */
export const FONT = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';

/** Width of a single full-width plot area (px). */
export const WIDTH = 720;
/** Height of a single plot area (px). */
export const HEIGHT = 300;

/** The baseline's colour: a dark grey, so that the alternatives stand out against it. */
export const BASELINE_COLOUR = '#5f6368';
/** Colours of the other policies, in scenario order (Tableau 10, without its grey). */
export const POLICY_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#9d755d', '#eeca3b', '#ff9da6'] as const;

/** The mark of "zero difference" and of other reference lines. */
export const REFERENCE_COLOUR = '#c0392b';

export const CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { fontSize: 17, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 13, subtitleColor: '#555', subtitlePadding: 6, offset: 14, limit: 0 },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titleColor: '#333', labelColor: '#333', gridColor: '#e6e6e6', domainColor: '#999', tickColor: '#999', labelLimit: 260 },
  legend: { labelFontSize: 13, titleFontSize: 13, titleFontWeight: 'normal', labelLimit: 400, symbolSize: 120, orient: 'bottom', direction: 'horizontal', columnPadding: 18 },
  header: { labelFontSize: 13, labelFontWeight: 'bold', titleFontSize: 13, labelLimit: 400 },
  concat: { spacing: 28 },
  facet: { spacing: 20 },
};

/** The legend of policy colours: a thick line per policy, whatever the marks' opacity. */
export const POLICY_LEGEND = { title: null, symbolType: 'stroke', symbolStrokeWidth: 4, symbolOpacity: 1, symbolSize: 320 } as const;

/** A policy's label as shown in legends: the baseline says so. */
export function policyLabel(forecast: ForecastHead, key: string): string {
  const label = forecast.policies.find((p) => p.key === key)?.label ?? key;
  return key === forecast.scenario.baseline ? `${label} (baseline)` : label;
}

/** The plain label of a policy, without the baseline mark. */
export function plainLabel(forecast: ForecastHead, key: string): string {
  return forecast.policies.find((p) => p.key === key)?.label ?? key;
}

/** Legend labels of the policies in scenario order, and their colours (the baseline grey). */
export function policyScale(forecast: ForecastHead): { domain: string[]; range: string[] } {
  let next = 0;
  const range = forecast.policies.map((p) => (p.key === forecast.scenario.baseline ? BASELINE_COLOUR : (POLICY_COLOURS[next++ % POLICY_COLOURS.length] ?? BASELINE_COLOUR)));
  return { domain: forecast.policies.map((p) => policyLabel(forecast, p.key)), range };
}

/**
 * The x axis of a chart over months: ticks every 1, 3, 6 or 12 months as the horizon grows, so
 * that the month labels never run into each other.
 */
export function monthAxis(forecast: ForecastHead, panelWidth = WIDTH): Record<string, unknown> {
  const months = forecast.scenario.horizonMonths;
  const labels = Math.max(2, Math.floor(panelWidth / 80));
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => months / s <= labels) ?? 120;
  return { format: '%b %Y', labelAngle: 0, grid: false, tickCount: { interval: 'month', step }, labelOverlap: true, labelSeparation: 6 };
}

/** "1,000 simulated futures". */
export function futures(forecast: ForecastHead): string {
  const n = forecast.scenario.runs;
  return `${count(n)} simulated future${n === 1 ? '' : 's'}`;
}

/** What a P5-P95 band means, with the real run count. */
export function bandSubtitle(forecast: ForecastHead): string {
  return `shaded: 5th to 95th percentile of ${futures(forecast)}`;
}

/** The horizon in words: "36 months". */
export function horizon(forecast: ForecastHead): string {
  const n = forecast.scenario.horizonMonths;
  return `${n} month${n === 1 ? '' : 's'}`;
}
