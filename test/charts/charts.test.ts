import { describe, expect, it } from 'vitest';
import { buildCharts, compileChart } from '../../src/charts/index.js';
import { npvDifferenceChart } from '../../src/charts/npvDifference.js';
import { fixtureDeltaNpvRuns, fixtureForecast } from './fixture.js';
import { checkGolden } from './golden.js';
import { strings } from './specStrings.js';

const forecast = fixtureForecast();
const charts = buildCharts(forecast, { deltaNpvRuns: fixtureDeltaNpvRuns() });

const IDS = ['active-customers', 'churn-rate', 'support-cost', 'cumulative-npv', 'nps', 'npv-difference', 'cost-loyalty-frontier', 'nps-mix', 'support-cost-breakdown'];

describe('buildCharts', () => {
  it('builds every chart of the report, in order, with unique file-safe ids', () => {
    expect(charts.map((c) => c.id)).toEqual(IDS);
    for (const c of charts) expect(c.id).toMatch(/^[a-z0-9-]+$/);
  });

  it('is pure: the same forecast gives the same specs', () => {
    expect(JSON.stringify(buildCharts(fixtureForecast(), { deltaNpvRuns: fixtureDeltaNpvRuns() }))).toBe(JSON.stringify(charts));
  });

  it('leaves out the NPV-difference chart when there is no other policy', () => {
    const single = fixtureForecast({ policies: [{ key: 'exceed', label: 'Exceed expectations' }], comparisons: [] });
    expect(buildCharts(single).map((c) => c.id)).not.toContain('npv-difference');
  });

  for (const id of IDS) {
    describe(id, () => {
      const chart = charts.find((c) => c.id === id);
      it('matches its golden spec', () => {
        expect(chart).toBeDefined();
        const problem = checkGolden(id, chart?.spec);
        expect(problem, problem).toBeUndefined();
      });

      it('compiles to Vega without warnings', () => {
        expect(chart).toBeDefined();
        if (!chart) return;
        const { warnings } = compileChart(chart.spec);
        expect(warnings).toEqual([]);
      });

      it('has a title, the run count in its subtitle, tooltips and units', () => {
        const spec = chart?.spec as { title?: { text?: string; subtitle?: string | string[] } };
        expect(spec.title?.text).toBeTruthy();
        expect(chart?.title).toBeTruthy();
        const text = strings(chart?.spec).join('\n');
        expect(text).toContain('40 simulated futures');
        expect(JSON.stringify(chart?.spec)).toContain('"tooltip"');
        if (/cost|npv|frontier/.test(id)) expect(text).toContain('USD');
      });
    });
  }

  it('fan charts say what the band means with the real run count', () => {
    const fan = charts.find((c) => c.id === 'active-customers');
    expect(strings(fan?.spec).join(' ')).toContain('shaded: 5th to 95th percentile of 40 simulated futures');
  });

  it('the NPV-difference chart puts P(beat baseline) and its standard error in each panel title, and marks zero', () => {
    const text = strings(charts.find((c) => c.id === 'npv-difference')?.spec).join('\n');
    expect(text).toMatch(/Meet expectations: beats the baseline in \d+(\.\d+)?% of 40 simulated futures \(standard error \d+(\.\d+)? pp\)/);
    expect(JSON.stringify(charts.find((c) => c.id === 'npv-difference')?.spec)).toContain('"x":0');
  });

  it('without per-run differences, the NPV-difference chart is an interval chart of the percentiles', () => {
    const spec = npvDifferenceChart(forecast);
    const problem = checkGolden('npv-difference-summary', spec);
    expect(problem, problem).toBeUndefined();
    expect(compileChart(spec).warnings).toEqual([]);
    expect(strings(spec).join('\n')).toContain('Meet expectations: beats the baseline in');
  });

  it('the frontier marks the efficient policies', () => {
    const spec = charts.find((c) => c.id === 'cost-loyalty-frontier')?.spec as { hconcat: { data: { values: { label: string; status: string }[] } }[] };
    const churn = Object.fromEntries((spec.hconcat[0]?.data.values ?? []).map((v) => [v.label, v.status]));
    // costs 75k / 60k / 88k, churn 1.59% / 1.58% / 1.52%: exceed is dominated by meet.
    expect(churn).toEqual({ 'Exceed expectations': 'dominated', 'Meet expectations': 'efficient', 'Effort reduction': 'efficient' });
  });
});

describe('buildCharts with per-run differences on the forecast', () => {
  it('draws the histogram from forecast.deltaNpvRuns when no extra is given', () => {
    const withRuns = { ...fixtureForecast(), deltaNpvRuns: fixtureDeltaNpvRuns() };
    const spec = buildCharts(withRuns).find((c) => c.id === 'npv-difference')?.spec;
    expect(JSON.stringify(spec)).toBe(JSON.stringify(charts.find((c) => c.id === 'npv-difference')?.spec));
  });
});
