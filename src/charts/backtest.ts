/**
 * The backtest chart of a calibration (`servicecast calibrate`): the firm's history against the
 * fitted model, one panel per history column fitted (active customers, churn rate, contacts, CES,
 * NPS, whichever the history has):
 *
 *   Backtest --per column--> the history (points joined by a thin line), the fitted model's median
 *                            (line) and P5-P95 band over the Monte Carlo runs of the calibrated
 *                            scenario, the holdout months shaded and labelled "holdout"
 *
 * Pure: the same backtest gives the same spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Backtest, CalibrationFit } from '../forecast/calibrate/calibrate.js';
import type { HistoryColumn } from '../forecast/calibrate/objective.js';
import { count, monthLabel, percent, plain, roundTo } from './format.js';
import { CONFIG, FONT, WIDTH } from './theme.js';

/** What each history column is, its axis title (with its unit), and how its values read. */
export const BACKTEST_COLUMNS: Readonly<Record<HistoryColumn, { readonly title: string; readonly yTitle: string; readonly kind: 'count' | 'share' | 'points' }>> = {
  active: { title: 'Active customers at month end', yTitle: 'Customers', kind: 'count' },
  churnRate: { title: 'Monthly churn rate (% of the customers at the start of the month)', yTitle: 'Churn rate', kind: 'share' },
  contacts: { title: 'Support contacts per month, all channels', yTitle: 'Contacts', kind: 'count' },
  meanCes: { title: 'Mean Customer Effort Score of contacting customers (1 = low effort, 5 = high)', yTitle: 'Mean CES (1-5)', kind: 'points' },
  nps: { title: 'Net Promoter Score (points, from −100 to 100)', yTitle: 'NPS (points)', kind: 'points' },
};

/** The colour of the fitted model (line and band). */
const MODEL_COLOUR = '#4c78a8';
/** The colour of the history. */
const HISTORY_COLOUR = '#222';
/** The shading of the holdout months. */
const HOLDOUT_COLOUR = '#f3e3c3';

/** Height of one panel's plot (px). */
const PANEL_HEIGHT = 180;
/** Room kept for the y axis labels of every panel (px), so that the panels and their titles line up. */
const Y_AXIS_EXTENT = 64;

const X_TITLE = 'Month of the history';

/** Options of the backtest chart. */
export interface BacktestChartOptions {
  /** The fit, to name the fitted parameters and the training months in the subtitle. */
  readonly fit?: CalibrationFit;
  /** The history file, named in the subtitle. */
  readonly history?: string;
}

function valueText(x: number | null | undefined, kind: 'count' | 'share' | 'points'): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'missing';
  return kind === 'count' ? count(x) : kind === 'share' ? percent(x) : plain(x);
}

/** `YYYY-MM` plus `days` days (UTC), as an ISO date: the holdout shading starts half a month early. */
function isoDay(month: string, days: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1 + days));
  return d.toISOString().slice(0, 10);
}

/** The x axis over `months` months: a label every 1, 2, 3, 6 or 12 months, so that they never collide. */
function monthAxis(months: number): Record<string, unknown> {
  const labels = Math.max(2, Math.floor(WIDTH / 80));
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => months / s <= labels) ?? 120;
  return { format: '%b %Y', labelAngle: 0, grid: false, tickCount: { interval: 'month', step }, labelOverlap: true, labelSeparation: 6 };
}

/** The coverage sentence of one column: "history inside the band in 94% of training months, 83% of holdout months". */
function coverageText(bt: Backtest, column: HistoryColumn): string {
  const c = bt.coverage.find((k) => k.column === column);
  if (!c) return '';
  if (!c.banded) return `No band: every run gave the same value (the ${bt.engine} engine without uncertain inputs); --engine cohort or agent shows the noise.`;
  const train = Number.isFinite(c.train) ? `${percent(c.train, 2)} of the training months` : 'no training month observed';
  const holdout = c.holdout === null ? '' : Number.isFinite(c.holdout) ? `, ${percent(c.holdout, 2)} of the holdout months` : ', no holdout month observed';
  return `History inside the band in ${train}${holdout}.`;
}

/** The backtest chart: one panel per history column, history against the fitted model's median and P5-P95 band. */
export function backtestChart(bt: Backtest, o: BacktestChartOptions = {}): TopLevelSpec {
  const columns = [...new Set(bt.rows.map((r) => r.column))];
  const months = [...new Set(bt.rows.map((r) => r.date))].sort();
  const first = months[0] ?? '2000-01';
  const lastMonth = months[months.length - 1] ?? first;
  // Half a month of room either side, so that the first and last points are not cut.
  const domain = [isoDay(first, -15), isoDay(lastMonth, 15)];
  const x = { field: 'date', type: 'temporal' as const, title: null, scale: { type: 'utc' as const, domain, nice: false }, axis: monthAxis(months.length) };
  const holdout = bt.holdoutFrom === null ? [] : [{ from: isoDay(bt.holdoutFrom, -15), to: domain[1], label: 'holdout', text: `Holdout: ${monthLabel(bt.holdoutFrom)} to ${monthLabel(lastMonth)}, not used by the fit` }];
  const panels = columns.map((column, i) => {
    const meta = BACKTEST_COLUMNS[column];
    const last = i === columns.length - 1;
    const values = bt.rows
      .filter((r) => r.column === column)
      .map((r) => ({
        date: isoDay(r.date, 0),
        observed: r.observed === null ? null : roundTo(r.observed),
        p5: roundTo(r.p5),
        p50: roundTo(r.p50),
        p95: roundTo(r.p95),
        monthText: `${monthLabel(r.date)} (month ${r.month}${r.holdout ? ', holdout' : ''})`,
        observedText: valueText(r.observed, meta.kind),
        medianText: valueText(r.p50, meta.kind),
        fittedText: valueText(r.fitted, meta.kind),
        rangeText: `${valueText(r.p5, meta.kind)} to ${valueText(r.p95, meta.kind)}`,
      }));
    const tooltip = [
      { field: 'monthText', title: 'Month' },
      { field: 'observedText', title: 'History' },
      { field: 'medianText', title: 'Model median' },
      { field: 'rangeText', title: 'Model P5 to P95' },
      { field: 'fittedText', title: 'Model at the inputs\' means' },
    ];
    const format = meta.kind === 'share' ? '.2~%' : meta.kind === 'count' ? ',~r' : '~r';
    const axis = { format, tickCount: 5, minExtent: Y_AXIS_EXTENT };
    const y = { type: 'quantitative' as const, scale: { zero: false } };
    return {
      title: { text: meta.title, subtitle: coverageText(bt, column), fontSize: 15, subtitleFontSize: 12.5, subtitleColor: '#333', offset: 8 },
      width: WIDTH,
      height: PANEL_HEIGHT,
      layer: [
        ...(holdout.length
          ? [
              {
                data: { values: holdout },
                mark: { type: 'rect' as const, color: HOLDOUT_COLOUR, opacity: 0.55 },
                encoding: {
                  x: { field: 'from', type: 'temporal' as const, title: last ? X_TITLE : null, axis: x.axis },
                  x2: { field: 'to' },
                  tooltip: [{ field: 'text', title: 'Holdout' }],
                },
              },
              {
                data: { values: holdout },
                mark: { type: 'rule' as const, color: '#8a6d3b', strokeWidth: 1.5, strokeDash: [5, 3] },
                encoding: { x: { field: 'from', type: 'temporal' as const } },
              },
              {
                data: { values: holdout },
                mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 6, y: 4, fontSize: 12.5, fontWeight: 'bold' as const, color: '#8a6d3b', font: FONT },
                encoding: { x: { field: 'from', type: 'temporal' as const }, text: { field: 'label', type: 'nominal' as const } },
              },
            ]
          : []),
        {
          data: { values },
          encoding: { x: { ...x, title: last ? X_TITLE : null } },
          layer: [
            {
              mark: { type: 'area' as const, color: MODEL_COLOUR, opacity: 0.2 },
              encoding: { y: { ...y, field: 'p5', title: meta.yTitle, axis }, y2: { field: 'p95' } },
            },
            { mark: { type: 'line' as const, color: MODEL_COLOUR, strokeWidth: 2.4 }, encoding: { y: { ...y, field: 'p50' } } },
            {
              transform: [{ filter: 'isValid(datum.observed)' }],
              mark: { type: 'line' as const, color: HISTORY_COLOUR, strokeWidth: 1, opacity: 0.55, point: { filled: true, size: 34, color: HISTORY_COLOUR, opacity: 1 } },
              encoding: { y: { ...y, field: 'observed' } },
            },
            {
              params: [{ name: `hover${i}`, select: { type: 'point' as const, on: 'pointerover', clear: 'pointerout', nearest: true } }],
              mark: { type: 'point' as const, color: MODEL_COLOUR, filled: true, size: 90 },
              encoding: { y: { ...y, field: 'p50' }, opacity: { condition: { param: `hover${i}`, empty: false, value: 1 }, value: 0 }, tooltip },
            },
          ],
        },
      ],
    };
  });
  const subtitle = [
    `Points: the history; line: the fitted model's median; shaded: 5th to 95th percentile of ${count(bt.runs)} simulated futures of the calibrated scenario (${bt.engine} engine).`,
  ];
  if (bt.holdoutFrom !== null) subtitle.push(`Beige: the holdout months (from ${monthLabel(bt.holdoutFrom)}), left out of the fit: how well the model predicts months it has not seen.`);
  if (o.fit && o.fit.parameters.length > 0) subtitle.push(`Fitted: ${o.fit.parameters.map((p) => `${p.path} = ${plain(p.value, 4)}`).join(', ')}.`);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Backtest: history${o.history ? ` (${o.history})` : ''} against the fitted model`, subtitle },
    config: CONFIG,
    vconcat: panels,
    spacing: 30,
    resolve: { scale: { x: 'shared', y: 'independent' } },
  };
}
