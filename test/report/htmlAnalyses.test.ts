/**
 * The report's analysis sections: Monte Carlo standard errors of the headline numbers, the
 * "What would change the answer" section (sensitivity, value of information, tornado) and the
 * "Evidence" section with its flags on headline numbers.
 */
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.js';
import { evaluateEvidence, type EvidenceRow } from '../../src/forecast/evidence/evaluate.js';
import { evidenceSection } from '../../src/forecast/evidence/section.js';
import { measureFirstText } from '../../src/forecast/measureFirst.js';
import { loadLedger } from '../../src/io/ledger.js';
import { loadScenario } from '../../src/io/scenarioFile.js';
import { reportHtml } from '../../src/report/html.js';
import { evidenceHtml, headlineFlag } from '../../src/report/htmlEvidence.js';
import { fixtureDeltaNpvRuns, fixtureForecast, fixtureSensitivity } from '../charts/fixture.js';

const forecast = fixtureForecast();
const sensitivity = fixtureSensitivity();
const assets = { scripts: [] };

function defaultEvidence(): EvidenceRow[] {
  const r = loadScenario('scenarios/default.yaml', []);
  if (!r.ok) throw new Error('default.yaml does not load');
  return evaluateEvidence(r.value.scenario, { runs: 20, ledger: loadLedger() });
}
const rows = defaultEvidence();
const evidence = { runs: 20, seed: 42, policy: 'Exceed expectations', rows };

describe('Monte Carlo standard errors in the policy table', () => {
  const html = reportHtml(forecast, buildCharts(forecast), { assets });
  it('states the standard error of every headline mean and of the mean NPV gain', () => {
    for (const s of forecast.summary.filter((r) => r.metric === 'npv' && r.policy === 'meet')) {
      expect(s.standardError).toBeGreaterThan(0);
    }
    // one ± per outcome cell (5 per policy) and per NPV-gain cell (one per comparison)
    const se = html.match(/<span class="sub se">(mean [^<]* )?± /g) ?? [];
    expect(se.length).toBe(5 * forecast.policies.length + forecast.comparisons.length);
    expect(html).toContain('Monte Carlo standard error of the mean');
  });
});

describe('the sensitivity section', () => {
  const charts = buildCharts(forecast, { deltaNpvRuns: fixtureDeltaNpvRuns(), sensitivity });
  const html = reportHtml(forecast, charts, { assets, sensitivity });

  it('says what to measure first, with labels for policies', () => {
    expect(html).toContain('id="sensitivity"');
    expect(html).toContain('Measure this first: policies.effort.costs.oneOff');
    expect(html).toContain('Effort reduction · Effort reduction · Meet expectations');
  });

  it('places the tornado chart in the section, not among the other charts', () => {
    const section = html.slice(html.indexOf('id="sensitivity"'), html.indexOf('id="assumptions"'));
    expect(section).toContain('data-chart="tornado"');
    const chartsSection = html.slice(html.indexOf('id="charts"'), html.indexOf('id="sensitivity"'));
    expect(chartsSection).not.toContain('data-chart="tornado"');
    expect(html.match(/data-chart="tornado"/g)).toHaveLength(1);
  });

  it('lists the input that alone changes the best policy, and the rank correlations', () => {
    expect(html).toMatch(/<code>policies\.effort\.costs\.oneOff<\/code> changes the best policy/);
    expect(html).toContain('Rank correlation with the NPV difference');
    expect(html).toContain('+0.50');
    expect(html).toContain('−0.50');
  });

  it('is left out without uncertain inputs or without an analysis', () => {
    expect(reportHtml(forecast, buildCharts(forecast), { assets })).not.toContain('id="sensitivity"');
    const certain = fixtureForecast({ inputs: [] });
    expect(reportHtml(certain, buildCharts(certain), { assets, sensitivity })).not.toContain('id="sensitivity"');
  });
});

describe('measureFirstText', () => {
  const f = { money: (x: number) => `$${Math.round(x)}`, percent: (x: number) => `${Math.round(100 * x)}%` };
  it('names the input with the highest EVPPI above the noise', () => {
    expect(measureFirstText(sensitivity, f)).toBe(
      'Measure this first: policies.effort.costs.oneOff. Knowing it would change the best policy in 20% of the simulated worlds and is worth $5200 of NPV (EVPPI; perfect information on everything: $6500).',
    );
  });
  it('calls the decision robust when perfect information is worth under 1% of the lead', () => {
    const v = sensitivity.valueOfInformation;
    const robust = { ...sensitivity, valueOfInformation: { ...v, measureFirst: null, evpi: 100, margin: 27_000 } };
    expect(measureFirstText(robust, { ...f, policy: (k) => k.toUpperCase() })).toMatch(/^The decision is robust: MEET leads the runner-up by \$27000/);
  });
  it('says nothing is worth measuring when one policy is best in every world', () => {
    const v = sensitivity.valueOfInformation;
    const sure = { ...sensitivity, valueOfInformation: { ...v, measureFirst: null, evpi: 0 } };
    expect(measureFirstText(sure, f)).toMatch(/^No input is worth measuring/);
  });
});

describe('the evidence section', () => {
  const html = reportHtml(forecast, buildCharts(forecast), { assets, evidence });
  const section = evidenceSection(rows);

  it('shows every finding of the ledger with its grade, band and simulated interval', () => {
    expect(html).toContain('id="evidence"');
    for (const r of rows) expect(html).toContain(r.finding.replace(/&/g, '&amp;').replace(/>/g, '&gt;').replace(/</g, '&lt;'));
    expect((html.match(/<span class="sub">grade [ABC]<\/span>/g) ?? []).length).toBe(rows.length);
    expect((html.match(/95% interval /g) ?? []).length).toBeGreaterThanOrEqual(rows.filter((r) => Number.isFinite(r.simulated)).length);
  });

  it('counts the findings in band as the evidence command does', () => {
    const checked = rows.filter((r) => r.checked && r.applicable);
    expect(evidenceHtml(evidence)).toContain(`<strong>${checked.filter((r) => r.inBand).length} of ${checked.length}</strong> checked findings`);
  });

  it('flags the headline numbers that rest on weak evidence, and only those', () => {
    for (const h of ['npv', 'clv', 'meanChurnRate', 'npsAtHorizon', 'supportCost', 'deltaNpvVsBaseline'] as const) {
      expect(headlineFlag(section.headlineFlags, h) !== '').toBe(section.headlineFlags[h].length > 0);
    }
    const strong = rows.map((r) => ({ ...r, grade: 'A' as const, inBand: true }));
    expect(headlineFlag(evidenceSection(strong).headlineFlags, 'npv')).toBe('');
    expect(reportHtml(forecast, buildCharts(forecast), { assets, evidence: { ...evidence, rows: strong } })).not.toContain('class="flag"');
  });

  it('raises an alarm when a grade-A finding falls outside its band', () => {
    const i = rows.findIndex((r) => r.grade === 'A' && r.checked && r.applicable);
    const missed = rows.map((r, j) => (j === i ? { ...r, inBand: false } : r));
    const text = evidenceHtml({ ...evidence, rows: missed });
    expect(text).toContain('class="alarm"');
    expect(text).toContain(rows[i]?.finding.replace(/>/g, '&gt;') ?? 'missing');
  });
});
