/**
 * The sweep chart: golden specs of a one-way sweep (line and band per policy, break-evens marked)
 * and a two-way grid (heatmap per policy), compiled without warnings and rendered to a PNG at least
 * 1200 px wide (written to out/test-charts/ to look at).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileChart, renderChart } from '../../src/charts/render.js';
import { breakEvenMarkerText, leverText, leverUnit, sweepChart } from '../../src/charts/sweep.js';
import { findFontFiles } from '../../src/charts/render.js';
import { breakEvens, sweepPoint, sweepValues, type SweepResult, type SweepSpec } from '../../src/forecast/sweep.js';
import type { Comparison } from '../../src/forecast/types.js';
import { checkGolden } from './golden.js';
import { strings } from './specStrings.js';

/** A comparison whose NPV difference is normal around `mean` with spread `sd`, P(beat) as given. */
function comparison(policy: string, mean: number, sd: number, pBeat: number): Comparison {
  return {
    policy,
    baseline: 'exceed',
    deltaNpv: { mean, p5: mean - 1.645 * sd, p25: mean - 0.674 * sd, p50: mean, p75: mean + 0.674 * sd, p95: mean + 1.645 * sd },
    deltaNpvStandardError: sd / 20,
    pBeatBaseline: pBeat,
    pBeatStandardError: Math.sqrt((pBeat * (1 - pBeat)) / 400),
    roi: null,
    paybackMonth: { p5: null, p50: null, p95: null },
    pPayback: 0,
  };
}

/** P(beat) of a normal difference: Phi(mean / sd), by a logistic approximation, rounded to 1/400. */
const pBeat = (mean: number, sd: number): number => Math.round(400 / (1 + Math.exp((-1.702 * mean) / sd))) / 400;

const LABELS = { exceed: 'Exceed expectations', meet: 'Meet expectations', effort: 'Effort reduction' };

/** The comparisons of one point: meet never moves, effort's mean difference is `effort`. */
const comparisons = (effort: number): Comparison[] => [comparison('meet', 250_000, 220_000, pBeat(250_000, 220_000)), comparison('effort', effort, 300_000, pBeat(effort, 300_000))];

/** The sweep result of `spec` with its points, as `servicecast sweep` assembles it. */
function result(spec: SweepSpec, points: SweepResult['points']): SweepResult {
  const { axis, axis2 } = spec;
  return {
    scenario: 'default',
    currency: 'USD',
    baseline: 'exceed',
    policies: ['meet', 'effort'],
    runs: 400,
    seed: 42,
    engine: 'cohort',
    param: axis.param,
    values: sweepValues(axis.from, axis.to, axis.steps),
    ...(axis2 ? { param2: axis2.param, values2: sweepValues(axis2.from, axis2.to, axis2.steps) } : {}),
    probability: spec.probability,
    points,
    breakEven: breakEvens(spec, points, ['meet', 'effort']),
  };
}

/** `effort`'s one-off cost swept from 0 to 2M: effort crosses both break-evens, meet never moves. */
function oneWay(): SweepResult {
  const spec: SweepSpec = { axis: { param: 'policies.effort.costs.oneOff', from: 0, to: 2_000_000, steps: 9 }, probability: 0.8 };
  return result(spec, sweepValues(0, 2_000_000, 9).map((v) => sweepPoint(v, undefined, comparisons(1_500_000 - v))));
}

/** The same over a grid with the monthly cost as the second lever. */
function twoWay(): SweepResult {
  const spec: SweepSpec = {
    axis: { param: 'policies.effort.costs.oneOff', from: 0, to: 2_000_000, steps: 5 },
    axis2: { param: 'policies.effort.costs.monthly', from: 0, to: 60_000, steps: 4 },
    probability: 0.8,
  };
  const values2 = sweepValues(0, 60_000, 4);
  return result(spec, sweepValues(0, 2_000_000, 5).flatMap((v) => values2.map((w) => sweepPoint(v, w, comparisons(2_000_000 - v - 30 * w)))));
}

/** Every inline data row of a spec (any depth). */
function rows(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(rows);
  if (value === null || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  const own = v['data'] && typeof v['data'] === 'object' && Array.isArray((v['data'] as { values?: unknown }).values) ? ((v['data'] as { values: Record<string, unknown>[] }).values ?? []) : [];
  return [...own, ...Object.entries(v).filter(([k]) => k !== 'data').flatMap(([, x]) => rows(x))];
}

/** Layers with a rule mark, any depth. */
function ruleLayers(value: unknown): { data?: { values?: Record<string, unknown>[] } }[] {
  if (Array.isArray(value)) return value.flatMap(ruleLayers);
  if (value === null || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  const mark = v['mark'] as { type?: string } | undefined;
  const own = mark?.type === 'rule' ? [v as { data?: { values?: Record<string, unknown>[] } }] : [];
  return [...own, ...Object.values(v).flatMap(ruleLayers)];
}

describe('leverUnit and leverText', () => {
  it('reads money, shares and months from the last part of the path', () => {
    expect(leverUnit('policies.effort.costs.oneOff', 'EUR')).toEqual({ kind: 'money', unit: 'EUR, one-off, paid in month 1' });
    expect(leverUnit('policies.effort.costs.monthly', 'USD')).toEqual({ kind: 'money', unit: 'USD, per month' });
    expect(leverUnit('policies.exceed.delight.rate', 'USD')).toEqual({ kind: 'share', unit: 'share, 0 to 1' });
    expect(leverUnit('policies.effort.rampMonths', 'USD')).toEqual({ kind: 'months', unit: 'months' });
    expect(leverUnit('loyalty.something', 'USD')).toEqual({ kind: 'plain', unit: null });
    expect(leverText(1_264_290, 'money', 'USD')).toBe('$1.26M');
    expect(leverText(0.35, 'share', 'USD')).toBe('35%');
    expect(leverText(6, 'months', 'USD')).toBe('6 months');
  });
});

describe('sweep chart, one lever', () => {
  const r = oneWay();
  const spec = sweepChart(r, { labels: LABELS });
  const effort = r.breakEven.find((b) => b.policy === 'effort');
  const meet = r.breakEven.find((b) => b.policy === 'meet');

  it('matches its golden spec', () => {
    const problem = checkGolden('sweep', spec);
    expect(problem, problem).toBeUndefined();
  });

  it('compiles to Vega without warnings', () => {
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it('is pure', () => {
    expect(JSON.stringify(sweepChart(oneWay(), { labels: LABELS }))).toBe(JSON.stringify(spec));
  });

  it('says what the line and the band are, with the run count, and names the lever and its unit', () => {
    const text = strings(spec).join('\n');
    expect(text).toContain('NPV difference against Exceed expectations as policies.effort.costs.oneOff varies');
    expect(text).toContain('Line: mean; shaded: 5th to 95th percentile of 400 simulated futures');
    expect(text).toContain('Lever: policies.effort.costs.oneOff (USD, one-off, paid in month 1)');
    expect(text).toContain('NPV difference (USD, discounted)');
    expect(JSON.stringify(spec)).toContain('"tooltip"');
  });

  it('marks the break-even values with a rule and a label where they are computed', () => {
    expect(effort?.status).toBe('crosses');
    expect(effort?.meanStatus).toBe('crosses');
    const value = effort?.value ?? Number.NaN;
    const meanValue = effort?.meanValue ?? Number.NaN;
    // P(beat) = 80% where the mean is 0.84 sd = 252k above zero: near 1.25M; the mean crosses 0 at 1.5M.
    expect(value).toBeGreaterThan(1.2e6);
    expect(value).toBeLessThan(1.3e6);
    expect(meanValue).toBeCloseTo(1.5e6, -3);
    const ruleXs = ruleLayers(spec).flatMap((l) => (l.data?.values ?? []).map((d) => d['x']));
    expect(ruleXs).toContain(Number(value.toPrecision(6)));
    expect(ruleXs).toContain(Number(meanValue.toPrecision(6)));
    const text = strings(spec).join('\n');
    expect(breakEvenMarkerText(r, effort as NonNullable<typeof effort>, 'probability')).toMatch(/^break-even at P\(beat\) = 80%: \$1\.2\dM$/);
    expect(text).toContain(breakEvenMarkerText(r, effort as NonNullable<typeof effort>, 'probability'));
    expect(text).toContain('mean break-even (difference 0): $1.5M');
    expect(text).toMatch(/Beats Exceed expectations in at least 80% of futures up to \$1\.2\dM; on average up to \$1\.5M\./);
  });

  it('marks no break-even for a policy that meets the level everywhere, and says so', () => {
    expect(meet?.status).toBe('always');
    expect(strings(spec).join('\n')).toContain('Beats Exceed expectations in at least 80% of futures at every value swept; on average at every value swept.');
    // Break-even rules: one per marker (2 for effort) in each of its two views; none for meet.
    const breakEvenRows = rows(spec).filter((d) => typeof d['text'] === 'string' && String(d['text']).includes('break-even') && d['x'] !== undefined);
    expect(new Set(breakEvenRows.map((d) => d['x'])).size).toBe(2);
  });

  it('marks zero and the break-even probability', () => {
    const ys = ruleLayers(spec).flatMap((l) => (l.data?.values ?? []).map((d) => d['y']));
    expect(ys).toContain(0);
    expect(ys).toContain(0.8);
  });
});

describe('sweep chart, two levers', () => {
  const r = twoWay();
  const spec = sweepChart(r, { labels: LABELS });

  it('matches its golden spec', () => {
    const problem = checkGolden('sweep-two-way', spec);
    expect(problem, problem).toBeUndefined();
  });

  it('compiles to Vega without warnings', () => {
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it('is a heatmap of the mean difference per policy, cells meeting the probability outlined', () => {
    const s = spec as { vconcat?: { title?: { text?: string }; layer?: { mark?: { type?: string } }[] }[] };
    expect(s.vconcat?.map((p) => p.title?.text)).toEqual(['Meet expectations', 'Effort reduction']);
    expect(s.vconcat?.[0]?.layer?.[0]?.mark?.type).toBe('rect');
    const text = strings(spec).join('\n');
    expect(text).toContain('Mean NPV difference (USD, discounted)');
    expect(text).toContain('Second lever: policies.effort.costs.monthly (USD, per month)');
    expect(text).toContain('Black outline: the policy beats the baseline in at least 80% of the futures there.');
    const cells = rows(spec).filter((d) => d['policy'] === 'Effort reduction');
    expect(cells.length).toBe(20);
    expect(cells.some((d) => d['meets'] === true)).toBe(true);
    expect(cells.some((d) => d['meets'] === false)).toBe(true);
  });
});

const fonts = findFontFiles();
const missing = fonts.length === 0 && !process.env.CI;

describe.skipIf(missing)('sweep chart rendering', () => {
  const dir = path.resolve('out/test-charts');
  mkdirSync(dir, { recursive: true });
  for (const [id, r] of [
    ['sweep', oneWay()],
    ['sweep-two-way', twoWay()],
  ] as const) {
    it(`renders ${id} to SVG and a PNG at least 1200 px wide`, async () => {
      const { svg, png } = await renderChart(sweepChart(r, { labels: LABELS }));
      expect(svg).toContain('<text');
      expect(svg).toContain('Effort reduction');
      const width = new DataView(png.buffer, png.byteOffset, png.byteLength).getUint32(16);
      expect(width).toBeGreaterThanOrEqual(1200);
      expect(png.byteLength).toBeGreaterThan(30_000);
      writeFileSync(path.join(dir, `${id}.png`), png);
      writeFileSync(path.join(dir, `${id}.svg`), svg);
    });
  }
});
