/**
 * The charts of a forecast, as Vega-Lite specs, in the order the report shows them:
 *
 *   Forecast --fan.ts--> active customers, churn rate, support cost, cumulative NPV, NPS
 *            --npvDifference.ts--> NPV difference against the baseline (histogram per policy)
 *            --frontier.ts--> cost-loyalty frontier
 *            --npsMix.ts--> promoters / passives / detractors
 *            --costBreakdown.ts--> support cost by component
 *   Sensitivity --tornado.ts--> what moves the NPV difference (when the scenario has uncertain inputs)
 *
 * Every builder is pure: the same forecast gives the same spec. `render.ts` turns a spec into SVG
 * and PNG.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Forecast, ForecastHead } from '../forecast/types.js';
import { costBreakdownChart } from './costBreakdown.js';
import { FAN_CHARTS, fanChart } from './fan.js';
import { frontierChart } from './frontier.js';
import { npsMixChart } from './npsMix.js';
import { npvDifferenceChart, type DeltaNpvRuns } from './npvDifference.js';
import { tornadoChart } from './tornado.js';
import type { Sensitivity } from '../forecast/sensitivity.js';

export { renderChart, compileChart, type RenderOptions, type RenderedChart } from './render.js';
export { chartFiles, specJson } from './files.js';
export type { DeltaNpvRuns } from './npvDifference.js';

/** Inputs beyond the forecast's own, optional. */
export interface ChartExtras {
  /**
   * Per-run NPV differences against the baseline, by policy key (NPV(policy) - NPV(baseline) in
   * run r, in the forecast's currency). With them the NPV-difference chart is a histogram; without,
   * an interval chart of the forecast's percentiles.
   */
  readonly deltaNpvRuns?: DeltaNpvRuns;
  /** A sensitivity analysis of the forecast's scenario: adds the tornado chart when the scenario has uncertain inputs. */
  readonly sensitivity?: Sensitivity;
}

export interface Chart {
  /** File-name-safe id: `charts/<id>.vl.json`, `.svg`, `.png`. */
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/** Per-run differences carried by the forecast itself, once it has them (`deltaNpvRuns`). */
function runsOf(forecast: Forecast): DeltaNpvRuns | undefined {
  return (forecast as Forecast & { readonly deltaNpvRuns?: DeltaNpvRuns }).deltaNpvRuns;
}

/** The report's charts. `extra.deltaNpvRuns` defaults to the forecast's own `deltaNpvRuns`, if any. */
export function buildCharts(forecast: Forecast, extra: ChartExtras = {}): Chart[] {
  const deltaNpvRuns = extra.deltaNpvRuns ?? runsOf(forecast);
  const charts: Chart[] = FAN_CHARTS.map((o) => ({ id: o.id, title: o.title, spec: fanChart(forecast, o) }));
  if (forecast.comparisons.length > 0) charts.push({ id: 'npv-difference', title: 'NPV difference against the baseline', spec: npvDifferenceChart(forecast, deltaNpvRuns) });
  charts.push({ id: 'cost-loyalty-frontier', title: 'Cost-loyalty frontier', spec: frontierChart(forecast) });
  charts.push({ id: 'nps-mix', title: 'Promoters, passives and detractors', spec: npsMixChart(forecast) });
  charts.push({ id: 'support-cost-breakdown', title: 'What support costs are made of', spec: costBreakdownChart(forecast) });
  if (extra.sensitivity && forecast.inputs.length > 0) charts.push(...tornadoCharts(forecast, extra.sensitivity));
  return charts;
}

/**
 * The tornado chart of a sensitivity analysis, if it has a bar (the scenario has uncertain
 * inputs); needs only the forecast's head, so `servicecast sensitivity` draws it without
 * aggregating a forecast.
 */
export function tornadoCharts(head: ForecastHead, s: Sensitivity): Chart[] {
  if (!s.tornado.policies.some((p) => p.bars.length > 0)) return [];
  return [{ id: 'tornado', title: 'What moves the NPV difference', spec: tornadoChart(head, s) }];
}
