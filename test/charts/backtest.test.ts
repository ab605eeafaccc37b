/**
 * The backtest chart of a calibration: golden spec of a small fixed backtest (three columns,
 * twelve months, the last three held out), one panel per column, the holdout shaded and labelled,
 * compiled without warnings and rendered to a PNG at least 1200 px wide (written to
 * out/test-charts/ to look at).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestChart } from '../../src/charts/backtest.js';
import { compileChart, findFontFiles, renderChart } from '../../src/charts/render.js';
import type { Backtest, BacktestRow, CalibrationFit } from '../../src/forecast/calibrate/calibrate.js';
import type { HistoryColumn } from '../../src/forecast/calibrate/objective.js';
import { addMonths } from '../../src/forecast/calendar.js';
import { checkGolden } from './golden.js';
import { strings } from './specStrings.js';

const MONTHS = 12;
const TRAIN = 9;

/** Model value, band half-width and history noise of each column in month t (closed formulas, no simulation). */
const SHAPES: Partial<Record<HistoryColumn, (t: number) => [number, number, number]>> = {
  active: (t) => [5_000 - 25 * t, 15 + 4 * t, 12 * Math.sin(1.7 * t)],
  churnRate: (t) => [0.018 + 0.0001 * t, 0.003, 0.001 * Math.cos(2.3 * t)],
  nps: (t) => [32 - 0.2 * t, 2, 1.2 * Math.sin(3.1 * t)],
};

function fixtureBacktest(holdout = true): Backtest {
  const rows: BacktestRow[] = [];
  for (const [column, f] of Object.entries(SHAPES) as [HistoryColumn, (t: number) => [number, number, number]][]) {
    for (let t = 1; t <= MONTHS; t++) {
      const [m, w, e] = f(t);
      rows.push({
        column,
        month: t,
        date: addMonths('2025-01', t - 1),
        // One missing month in the churn history.
        observed: column === 'churnRate' && t === 4 ? null : m + e,
        fitted: m,
        p5: m - w,
        p50: m,
        p95: m + w,
        holdout: holdout && t > TRAIN,
      });
    }
  }
  return {
    runs: 200,
    engine: 'agent',
    holdoutFrom: holdout ? addMonths('2025-01', TRAIN) : null,
    rows,
    coverage: [
      { column: 'active', train: 8 / 9, holdout: holdout ? 2 / 3 : null, banded: true },
      { column: 'churnRate', train: 1, holdout: holdout ? 1 : null, banded: true },
      { column: 'nps', train: 7 / 9, holdout: holdout ? 1 : null, banded: true },
    ],
  };
}

const FIT = {
  parameters: [
    { path: 'segments.consumer.baseChurn', min: 0.002, max: 0.05, start: 0.0125, value: 0.014837, atBound: false },
    { path: 'segments.consumer.problemRate', min: 0.01, max: 0.3, start: 0.05, value: 0.080086, atBound: false },
  ],
} as unknown as CalibrationFit;

type Panel = { title?: { text?: string }; layer?: { mark?: { type?: string }; data?: { values?: Record<string, unknown>[] } }[] };

describe('backtest chart', () => {
  const bt = fixtureBacktest();
  const spec = backtestChart(bt, { fit: FIT, history: 'history.csv' });
  const panels = (spec as { vconcat?: Panel[] }).vconcat ?? [];

  it('matches its golden spec', () => {
    const problem = checkGolden('backtest', spec);
    expect(problem, problem).toBeUndefined();
  });

  it('compiles to Vega without warnings', () => {
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it('is pure', () => {
    expect(JSON.stringify(backtestChart(fixtureBacktest(), { fit: FIT, history: 'history.csv' }))).toBe(JSON.stringify(spec));
  });

  it('has one panel per history column, with the unit in its title and the band coverage in its subtitle', () => {
    expect(panels.map((p) => p.title?.text)).toEqual([
      'Active customers at month end',
      'Monthly churn rate (% of the customers at the start of the month)',
      'Net Promoter Score (points, from −100 to 100)',
    ]);
    const text = strings(spec).join('\n');
    expect(text).toContain('History inside the band in 89% of the training months, 67% of the holdout months.');
  });

  it('says there is no band, instead of a coverage of 0%, when every run gave the same value', () => {
    const flat = fixtureBacktest();
    const noBand = { ...flat, engine: 'expected', coverage: flat.coverage.map((c) => ({ ...c, train: 0, holdout: 0, banded: false })) };
    const text = strings(backtestChart(noBand, { fit: FIT, history: 'history.csv' })).join('\n');
    expect(text).toContain('No band: every run gave the same value (the expected engine without uncertain inputs); --engine cohort or agent shows the noise.');
    expect(text).not.toContain('History inside the band');
  });

  it('says what the points, the line and the band are, with the run count, and names the fit', () => {
    const text = strings(spec).join('\n');
    expect(text).toContain("Points: the history; line: the fitted model's median; shaded: 5th to 95th percentile of 200 simulated futures of the calibrated scenario (agent engine).");
    expect(text).toContain('Fitted: segments.consumer.baseChurn = 0.01484, segments.consumer.problemRate = 0.08009.');
    expect(JSON.stringify(spec)).toContain('"tooltip"');
  });

  it('shades the holdout months, draws a rule at their start and labels them "holdout" in every panel', () => {
    for (const p of panels) {
      const layers = p.layer ?? [];
      const rect = layers.find((l) => l.mark?.type === 'rect');
      const rule = layers.find((l) => l.mark?.type === 'rule');
      const text = layers.find((l) => l.mark?.type === 'text');
      // Half a month before October 2025, the first holdout month.
      expect(rect?.data?.values?.[0]?.['from']).toBe('2025-09-16');
      expect(rule?.data?.values?.[0]?.['from']).toBe('2025-09-16');
      expect(text?.data?.values?.[0]?.['label']).toBe('holdout');
    }
    expect(strings(spec).join('\n')).toContain('Beige: the holdout months (from Oct 2025), left out of the fit');
  });

  it('leaves the history gap out of the history line, and keeps the month in the model', () => {
    const churn = panels[1]?.layer?.find((l) => l.data?.values?.length === MONTHS);
    expect(churn?.data?.values?.[3]?.['observed']).toBeNull();
    expect(churn?.data?.values?.[3]?.['observedText']).toBe('missing');
    expect(JSON.stringify(spec)).toContain('isValid(datum.observed)');
  });

  it('without a holdout, marks none', () => {
    const plain = backtestChart(fixtureBacktest(false));
    expect(compileChart(plain).warnings).toEqual([]);
    const text = strings(plain).join('\n');
    expect(text).not.toContain('holdout');
    expect(text).toContain('Backtest: history against the fitted model');
  });
});

const fonts = findFontFiles();
const missing = fonts.length === 0 && !process.env.CI;

describe.skipIf(missing)('backtest chart rendering', () => {
  it('renders to SVG and a PNG at least 1200 px wide, with the holdout label drawn', async () => {
    const { svg, png } = await renderChart(backtestChart(fixtureBacktest(), { fit: FIT, history: 'history.csv' }));
    expect(svg).toContain('<text');
    expect(svg).toContain('holdout');
    const width = new DataView(png.buffer, png.byteOffset, png.byteLength).getUint32(16);
    expect(width).toBeGreaterThanOrEqual(1200);
    expect(png.byteLength).toBeGreaterThan(30_000);
    const dir = path.resolve('out/test-charts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'backtest.png'), png);
    writeFileSync(path.join(dir, 'backtest.svg'), svg);
  });
});
