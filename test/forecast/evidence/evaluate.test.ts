/**
 * The default model reproduces the published findings (the evidence ledger): every checked finding
 * falls in its band with scenarios/default.yaml, with an interval narrower than the band, and a
 * deliberately broken parameter makes the finding it stands on fail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateEvidence, type EvidenceRow } from '../../../src/forecast/evidence/evaluate.js';
import { evidenceSection, pathUnder } from '../../../src/forecast/evidence/section.js';
import { surveyWorld, DEFAULT_SURVEY } from '../../../src/forecast/evidence/survey.js';
import { loadLedger } from '../../../src/io/ledger.js';
import { loadScenario } from '../../../src/io/scenarioFile.js';
import { policyModel } from '../../../src/model/kernel.js';
import { simulatePolicy } from '../../../src/engine/simulate.js';
import { expectedPopulation } from '../../../src/engine/expected.js';
import { COL, METRIC_COUNT } from '../../../src/engine/metrics.js';
import { Scenario } from '../../../src/scenario/schema.js';
import { meanWorld } from '../../../src/scenario/world.js';

const ledger = loadLedger();
const RUNS = 100;

function load(sets: string[] = [], file = 'scenarios/default.yaml'): Scenario {
  const r = loadScenario(file, sets);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.scenario;
}

const byId = (rows: readonly EvidenceRow[]): Map<string, EvidenceRow> => new Map(rows.map((r) => [r.id, r]));

describe('evidence on scenarios/default.yaml', () => {
  let rows: EvidenceRow[];
  beforeAll(() => {
    rows = evaluateEvidence(load(), { runs: RUNS, seed: 42, ledger });
  });

  it('every checked finding falls in its band, with an interval inside the band and narrower than it', () => {
    const bad = rows.filter((r) => r.checked && !(r.applicable && r.inBand && r.intervalInBand && r.precise));
    expect(bad.map((r) => `${r.id}: ${r.simulated} [${r.interval.join(', ')}] vs [${r.band.join(', ')}]`)).toEqual([]);
    expect(rows.filter((r) => r.checked).length).toBeGreaterThanOrEqual(18);
    for (const r of rows) expect(r.runs).toBe(RUNS);
  });

  it('reports the known gaps with their values, unchecked', () => {
    const gaps = rows.filter((r) => !r.checked);
    expect(gaps.map((r) => r.id).sort()).toEqual(['calls-after-web', 'high-effort-bad-word', 'repurchase-high-effort', 'repurchase-low-effort']);
    for (const r of gaps) expect(Number.isFinite(r.simulated)).toBe(true);
  });

  it('the section has no failures and flags the grade-C defaults and the headline numbers they feed', () => {
    const s = evidenceSection(rows);
    expect(s.failures).toEqual([]);
    expect(s.gradeAFailures).toEqual([]);
    expect(s.notApplicable).toEqual([]);
    const weak = s.weakAssumptions.map((w) => w.path);
    expect(weak).toEqual(expect.arrayContaining(['spend.promoter', 'spend.detractor', 'service.nextIssue.followOnRate', 'wordOfMouth.reachBad']));
    for (const w of s.weakAssumptions) expect(w.grade).toBe('C');
    // Paths with A or B evidence are not flagged.
    expect(weak).not.toContain('response.highEffortResolved.down');
    expect(s.headlineFlags.npv).toEqual(expect.arrayContaining(['spend.promoter', 'wordOfMouth.reachBad']));
    expect(s.headlineFlags.supportCost).toEqual(['service.nextIssue.followOnRate']);
    expect(s.lowGradeAssumptions.find((l) => l.startsWith('spend.promoter:'))).toBe('spend.promoter: grade C evidence only (spend-turned-promoter)');
  });

  it('is reproducible: the same seed gives the same rows', () => {
    const again = evaluateEvidence(load(), { runs: 10, seed: 42, ledger });
    const first = evaluateEvidence(load(), { runs: 10, seed: 42, ledger });
    expect(again).toEqual(first);
    const other = evaluateEvidence(load(), { runs: 10, seed: 43, ledger });
    expect(byId(other).get('delight-cost')?.simulated).not.toBe(byId(first).get('delight-cost')?.simulated);
  });
});

describe('a broken parameter fails the finding it stands on', () => {
  it('highEffortResolved.down = 0.3: high-effort contacts no longer make 96% more disloyal', () => {
    const rows = byId(evaluateEvidence(load(['response.highEffortResolved.down=0.3']), { runs: 20, seed: 42, ledger }));
    const high = rows.get('high-effort-disloyal');
    expect(high?.inBand).toBe(false);
    expect(high?.simulated).toBeLessThan(0.8);
    const s = evidenceSection([...rows.values()]);
    expect(s.gradeAFailures.map((r) => r.id)).toContain('high-effort-disloyal');
    // The defaults it calibrates are then flagged as failing.
    expect(s.weakAssumptions.find((w) => w.path === 'response.highEffortResolved.down')?.grade).toBe('fail');
  });

  it('a delight gesture that wins loyalty as often as resolution does is not "marginal"', () => {
    const rows = byId(evaluateEvidence(load(['response.delightUp=0.5']), { runs: 20, seed: 42, ledger }));
    expect(rows.get('exceed-marginal')?.inBand).toBe(false);
  });

  it('without gestures, the "exceed" findings are not applicable rather than failed', () => {
    const rows = evaluateEvidence(load(['policies.exceed.delight.rate=0']), { runs: 5, seed: 42, ledger });
    const s = evidenceSection(rows);
    expect(s.notApplicable.map((r) => r.id).sort()).toEqual(['delight-cost', 'exceed-marginal', 'exceeded-share']);
    expect(s.failures.map((r) => r.id)).not.toContain('exceed-marginal');
  });
});

describe('the survey', () => {
  it('propagates the book as the expected engine does', () => {
    const scenario = load();
    const world = meanWorld(scenario);
    const T = DEFAULT_SURVEY.warmupMonths + DEFAULT_SURVEY.months;
    const trace = { active: [] as number[] };
    surveyWorld(world, { policy: 'exceed', ...DEFAULT_SURVEY }, trace);
    const run = simulatePolicy(policyModel(world, 'exceed'), expectedPopulation, 0);
    expect(trace.active.length).toBe(T);
    for (let t = 1; t <= T; t++) {
      const engine = run.metrics[(t - 1) * METRIC_COUNT + COL.active] ?? Number.NaN;
      expect(Math.abs((trace.active[t - 1] ?? 0) - engine) / engine).toBeLessThan(1e-9);
    }
  });

  it('reads its inputs back where the model passes them through', () => {
    const scenario = Scenario.parse({
      baseline: 'a',
      segments: { c: { customers: 10000, revenuePerMonth: 20, grossMargin: 0.7, baseChurn: 0.01, problemRate: 0.1, contactShare: 0.6 } },
      policies: { a: { delight: { rate: 0.25, gestureCost: 5 } } },
    });
    const world = meanWorld(scenario);
    const stats = surveyWorld(world, { policy: 'a', ...DEFAULT_SURVEY });
    expect(stats.complaintShare).toBeCloseTo(0.6, 12);
    const w = world.wordOfMouth;
    expect(stats.listenersBadPerGood).toBeCloseTo((w.tellBad * w.reachBad) / (w.tellGood * w.reachGood), 12);
    expect(stats.badWordOfMouthHighEffort).toBeCloseTo(w.tellBad, 12);
    // A quarter of resolved contacts get a gesture, so fewer than a quarter of all contacts do.
    expect(stats.exceededShare).toBeGreaterThan(0.1);
    expect(stats.exceededShare).toBeLessThan(0.25);
    for (const [k, v] of Object.entries(stats)) expect(Number.isFinite(v), k).toBe(true);
  });

  it('rejects an unknown policy and too few runs', () => {
    expect(() => evaluateEvidence(load(), { runs: 2, ledger, policy: 'nope' })).toThrow(/unknown policy "nope"/);
    expect(() => evaluateEvidence(load(), { runs: 1, ledger })).toThrow(/at least 2 runs/);
  });
});

describe('pathUnder', () => {
  it('matches a scenario path against a pattern with * for any key and a trailing * for anything below', () => {
    expect(pathUnder('spend.promoter', 'spend.*')).toBe(true);
    expect(pathUnder('policies.exceed.delight.rate', 'policies.*')).toBe(true);
    expect(pathUnder('segments.*.contactShare', 'segments.*.initialScores')).toBe(false);
    expect(pathUnder('segments.standard.initialScores', 'segments.*.initialScores')).toBe(true);
    expect(pathUnder('churn.detractorMultiplier', 'spend.*')).toBe(false);
    expect(pathUnder('response', 'response.drift')).toBe(false);
  });
});
