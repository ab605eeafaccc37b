import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.js';
import type { Forecast } from '../../src/forecast/types.js';
import { distributionWords, escapeHtml, reportHtml, scriptJson } from '../../src/report/html.js';
import { verdict } from '../../src/report/htmlVerdict.js';
import { fixtureDeltaNpvRuns, fixtureForecast } from '../charts/fixture.js';

const forecast = fixtureForecast();
const charts = buildCharts(forecast, { deltaNpvRuns: fixtureDeltaNpvRuns() });
const manifest = {
  tool: 'servicecast' as const,
  version: '0.1.0',
  scenario: 'fixture',
  scenarioFile: 'scenarios/fixture.yaml',
  scenarioHash: 'ab12cd34'.repeat(8),
  seed: 7,
  runs: 40,
  engine: 'cohort',
  workers: 2,
  horizonMonths: 6,
  command: 'servicecast run scenarios/fixture.yaml --runs 40 --seed 7',
  node: 'v20.19.0',
  timingsMs: { simulate: 1 },
};
const html = reportHtml(forecast, charts, { manifest });

/** A forecast whose alternatives all lose to the baseline. */
function losing(): Forecast {
  const f = fixtureForecast();
  return {
    ...f,
    comparisons: f.comparisons.map((c) => ({ ...c, pBeatBaseline: 0.2, pBeatStandardError: 0.063, deltaNpv: { mean: -30_000, p5: -70_000, p25: -45_000, p50: -30_000, p75: -12_000, p95: 9_000 } })),
  };
}

describe('verdict', () => {
  it('names the policy that beats the baseline, how often, with its standard error and the NPV gain interval', () => {
    const v = verdict(forecast);
    expect(v.kind).toBe('gain');
    expect(v.policy).toBe('meet');
    expect(v.headline).toMatch(
      /^Meet expectations beats Exceed expectations in 82\.5% of 40 simulated futures \(Monte Carlo standard error 6\.0 pp\); median NPV gain \$23\.1k \(P5 −\$9,497 to P95 \$54\.2k\) over 6 months\.$/,
    );
    expect(v.details.join(' ')).toContain('does worse than the baseline in 17.5%');
    expect(v.details.join(' ')).toContain('Effort reduction beats it in 30%');
  });

  it('says so when no policy beats the baseline', () => {
    const v = verdict(losing());
    expect(v.kind).toBe('none');
    expect(v.headline).toMatch(/^No policy beats Exceed expectations: the best alternative, .+, comes out ahead only in 20% of 40 simulated futures \(Monte Carlo standard error 6\.3 pp\)/);
    expect(v.details[0]).toContain('staying with Exceed expectations');
  });

  it('uses the rule of three when a policy wins in every future', () => {
    const f = fixtureForecast();
    const all = { ...f, comparisons: f.comparisons.map((c) => (c.policy === 'meet' ? { ...c, pBeatBaseline: 1, pBeatStandardError: 0 } : c)) };
    expect(verdict(all).headline).toContain('in all 40 simulated futures (so the chance it does not is below 7.5%, by the rule of three)');
  });

  it('has nothing to compare with a single policy', () => {
    const v = verdict(fixtureForecast({ policies: [{ key: 'exceed', label: 'Exceed expectations' }], comparisons: [] }));
    expect(v.kind).toBe('single');
  });
});

describe('reportHtml', () => {
  it('is one self-contained page: scripts inline, no reference to anything outside it', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]*\shref=/i);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    for (const pkg of ['vega', 'vega-lite', 'vega-embed']) expect(html).toMatch(new RegExp(`data-package="${pkg}@\\d`));
    expect(html.length).toBeGreaterThan(500_000);
    // No script element is closed early by its content.
    const scripts = html.match(/<script\b/g)?.length ?? 0;
    expect(html.match(/<\/script>/g)?.length).toBe(scripts);
  });

  it('has the verdict first, the policy tables, every chart, the assumptions and how to reproduce', () => {
    const order = ['id="verdict"', 'id="policies"', 'id="charts"', 'id="assumptions"', 'id="reproduce"'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain(escapeHtml(verdict(forecast).headline));
    for (const c of charts) expect(html).toContain(`data-chart="${c.id}"`);
    for (const i of forecast.inputs) expect(html).toContain(i.path);
    expect(html).toContain('PERT: min 0.01, most likely 0.013, max 0.018');
    expect(html).toContain('CEB/HBR 2010');
    expect(html).toContain('<td class="text">0.08 (annual rate)</td>');
    expect(html).toContain('<td class="text">10,000 customers</td>');
    expect(html).toContain('<p class="description">A fixed forecast for the tests: three policies, six months.</p>');
    expect(html).toContain(manifest.command);
    expect(html).toContain(manifest.scenarioHash);
    expect(html).toContain('<td class="text"><strong>Meet expectations</strong></td>');
    expect(html).toContain('82.5%');
  });

  it('escapes every text from the scenario', () => {
    const evil = fixtureForecast({
      scenario: { ...forecast.scenario, title: '<script>alert(1)</script> & co' },
      policies: forecast.policies.map((p) => (p.key === 'meet' ? { ...p, label: '<img src=x onerror=alert(1)>' } : p)),
    });
    const page = reportHtml(evil, buildCharts(evil), { assets: { scripts: [] } });
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert(1)');
  });

  it('embeds specs as JSON that cannot close its script element', () => {
    expect(scriptJson({ a: '</script><b>' })).toBe('{"a":"\\u003c/script>\\u003cb>"}');
    expect(JSON.parse(scriptJson({ a: '</script>' }))).toEqual({ a: '</script>' });
  });

  it('describes every kind of distribution', () => {
    expect(distributionWords({ dist: 'uniform', min: 1, max: 2 })).toBe('uniform from 1 to 2');
    expect(distributionWords({ dist: 'normal', mean: 0.5, sd: 0.1, min: 0 })).toBe('normal: mean 0.5, sd 0.1, truncated to [0, ∞]');
    expect(distributionWords({ dist: 'lognormal', mean: 400_000, sd: 80_000 })).toBe('lognormal: mean 400,000, sd 80,000 (of the value)');
    expect(distributionWords({ dist: 'beta', alpha: 2, beta: 5, min: 0, max: 1 })).toBe('beta(2, 5) scaled to [0, 1]');
    expect(distributionWords({ dist: 'pert', min: 1, mode: 2, max: 4, lambda: 6 })).toBe('PERT: min 1, most likely 2, max 4 (λ 6)');
  });

  it('is deterministic', () => {
    expect(reportHtml(forecast, charts, { manifest })).toBe(reportHtml(fixtureForecast(), buildCharts(fixtureForecast(), { deltaNpvRuns: fixtureDeltaNpvRuns() }), { manifest }));
  });

  it('works without a manifest or comparisons', () => {
    const single = fixtureForecast({ policies: [{ key: 'exceed', label: 'Exceed expectations' }], comparisons: [] });
    const page = reportHtml(single, buildCharts(single), { assets: { scripts: [] } });
    expect(page).toContain('there is nothing to compare it with');
    expect(page).not.toContain('Against the baseline');
  });
});
