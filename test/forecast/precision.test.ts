/**
 * Adaptive Monte Carlo (`--precision`): the target, the checks, the step rule, and the pipeline
 * end to end (stop reasons recorded in run.json, reproducible whatever the worker count).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COL, METRIC_COUNT } from '../../src/engine/metrics.js';
import type { MonteCarlo } from '../../src/engine/montecarlo.js';
import { escapeHtml } from '../../src/report/htmlEscape.js';
import { precisionText } from '../../src/report/html.js';
import { rebuildFiles } from '../../src/cli/commands/export.js';
import { assessPrecision, formatPrecision, nextRuns, parsePrecision, runToPrecision, stopReason, Z95, type PrecisionCheck } from '../../src/forecast/precision.js';
import { runPipeline } from '../../src/pipeline.js';
import { Scenario } from '../../src/scenario/schema.js';

/** A Monte Carlo of one month whose only filled metric is the NPV: npv[p][r]. */
function fakeRuns(npv: readonly (readonly number[])[]): MonteCarlo {
  const P = npv.length;
  const n = npv[0]?.length ?? 0;
  const metrics = new Float64Array(n * P * METRIC_COUNT);
  for (let r = 0; r < n; r++) for (let p = 0; p < P; p++) metrics[(r * P + p) * METRIC_COUNT + COL.cumulativeNpv] = npv[p]?.[r] ?? 0;
  return { from: 0, to: n, metrics, clv: new Float64Array(n * P), inputs: new Float64Array(0) };
}

describe('parsePrecision', () => {
  it('reads percentages as relative and plain numbers as amounts', () => {
    expect(parsePrecision('1%')).toEqual({ kind: 'relative', fraction: 0.01 });
    expect(parsePrecision(' 0.5 %')).toEqual({ kind: 'relative', fraction: 0.005 });
    expect(parsePrecision('50000')).toEqual({ kind: 'absolute', amount: 50000 });
    expect(parsePrecision('5e4')).toEqual({ kind: 'absolute', amount: 50000 });
    for (const bad of ['', '0', '-1', '0%', 'abc', '1%%', '1,000']) expect(parsePrecision(bad)).toBeUndefined();
    expect(formatPrecision({ kind: 'relative', fraction: 0.01 })).toBe('1%');
    expect(formatPrecision({ kind: 'absolute', amount: 50000 })).toBe('50000');
  });
});

describe('assessPrecision', () => {
  // Baseline 0; A = 10 + (-1)^r (mean 10, sd ~1); B = 5 + 2 (-1)^r.
  const n = 100;
  const alt = (k: number) => Array.from({ length: n }, (_, r) => (r % 2 ? -k : k));
  const mc = fakeRuns([new Array<number>(n).fill(0), alt(1).map((x) => 10 + x), alt(2).map((x) => 5 + x)]);
  const keys = ['base', 'a', 'b'];

  it('computes the 95% half-width of each mean difference and compares it with the target', () => {
    const sd = (k: number) => Math.sqrt((n * k * k) / (n - 1));
    const c = assessPrecision(mc, keys, 'base', 1, { kind: 'absolute', amount: 0.3 });
    expect(c.runs).toBe(n);
    expect(c.policies.map((p) => p.policy)).toEqual(['a', 'b']);
    expect(c.policies[0]?.meanDelta).toBeCloseTo(10, 12);
    expect(c.policies[0]?.halfWidth).toBeCloseTo((Z95 * sd(1)) / Math.sqrt(n), 12);
    expect(c.policies[1]?.halfWidth).toBeCloseTo((Z95 * sd(2)) / Math.sqrt(n), 12);
    // 0.197 <= 0.3 but 0.394 > 0.3.
    expect(c.policies.map((p) => p.met)).toEqual([true, false]);
    expect(c.met).toBe(false);
    const rel = assessPrecision(mc, keys, 'base', 1, { kind: 'relative', fraction: 0.1 });
    expect(rel.policies[0]?.target).toBeCloseTo(1, 12);
    expect(rel.policies[1]?.target).toBeCloseTo(0.5, 12);
    expect(rel.met).toBe(true);
  });

  it('ranks by mean NPV and resolves the ranking only when every neighbour is told apart', () => {
    const c = assessPrecision(mc, keys, 'base', 1, { kind: 'absolute', amount: 1e-9 });
    expect(c.ranking).toEqual(['a', 'b', 'base']);
    expect(c.rankingResolved).toBe(true);
    const tied = fakeRuns([new Array<number>(n).fill(0), alt(1).map((x) => 10 + x), alt(1).map((x) => 10 + x)]);
    expect(assessPrecision(tied, keys, 'base', 1, { kind: 'absolute', amount: 1e-9 }).rankingResolved).toBe(false);
  });
});

describe('stopReason and nextRuns', () => {
  const check = (runs: number, met: boolean, resolved: boolean, ranking = ['a', 'base'], halfWidth = 2, target = 1): PrecisionCheck => ({
    runs,
    policies: [{ policy: 'a', meanDelta: 10, halfWidth, target, met }],
    met,
    ranking,
    rankingResolved: resolved,
  });

  it('stops on precision, on a ranking settled at two checks in a row, or at the ceiling', () => {
    expect(stopReason(check(100, true, false), undefined, 1000)).toBe('precision');
    expect(stopReason(check(100, false, true), undefined, 1000)).toBeUndefined();
    expect(stopReason(check(200, false, true), check(100, false, true), 1000)).toBe('ranking');
    expect(stopReason(check(200, false, true, ['base', 'a']), check(100, false, true), 1000)).toBeUndefined();
    expect(stopReason(check(1000, false, false), check(900, false, false), 1000)).toBe('max-runs');
  });

  it('aims at n (half-width / target)^2, in whole steps, at most doubling, within the ceiling', () => {
    // Half-width twice the target: 4 n needed, capped at 2 n.
    expect(nextRuns(check(100, false, false, undefined, 2, 1), 100, 10_000)).toBe(200);
    // 1.1 x the target: 1.21 n x 1.05 = 127.05 -> 128 -> a whole step: 200.
    expect(nextRuns(check(100, false, false, undefined, 1.1, 1), 100, 10_000)).toBe(200);
    expect(nextRuns(check(1000, false, false, undefined, 1.1, 1), 100, 10_000)).toBe(1300);
    expect(nextRuns(check(1000, false, false, undefined, 5, 1), 100, 1500)).toBe(1500);
    // A relative target of a zero mean: no estimate, so double.
    expect(nextRuns(check(300, false, false, undefined, 1, 0), 100, 10_000)).toBe(600);
  });
});

const tiny = Scenario.parse({
  baseline: 'base',
  horizonMonths: 6,
  runs: 20,
  seed: 3,
  engine: 'expected',
  segments: {
    c: { customers: 1000, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: { dist: 'pert', min: 0.008, mode: 0.012, max: 0.02 }, problemRate: 0.08 },
  },
  policies: {
    base: {},
    better: { channels: { phone: { resolution: 0.9 } }, costs: { oneOff: { dist: 'uniform', min: 0, max: 2000 } } },
  },
});

describe('runToPrecision', () => {
  // Two identical policies: their paired difference is 0 in every run, so the ranking is never
  // settled and only the precision (or the ceiling) can stop the runs.
  const twins = Scenario.parse({ ...tiny, policies: { ...tiny.policies, twin: tiny.policies['better'] ?? {} } });

  it('adds runs until the half-width is within an absolute target', async () => {
    // The one-off cost alone has sd 2000 / sqrt(12) / (1 + d) ~ 574, so +-100 needs ~130 runs.
    const { mc, outcome } = await runToPrecision(twins, { engine: 'expected', workers: 1 }, { target: { kind: 'absolute', amount: 100 }, maxRuns: 2000, step: 20 });
    expect(outcome.stopReason).toBe('precision');
    expect(outcome.runs).toBe(mc.to);
    expect(outcome.runs % 20).toBe(0);
    const last = outcome.checks[outcome.checks.length - 1];
    for (const p of last?.policies ?? []) expect(p.halfWidth).toBeLessThanOrEqual(100);
    expect(outcome.checks[outcome.checks.length - 2]?.met).toBe(false);
    expect(outcome.checks.map((c) => c.runs)).toEqual([...outcome.checks.map((c) => c.runs)].sort((a, b) => a - b));
  });

  it('stops on the ranking when it is settled, and at --max-runs when nothing else stops it', async () => {
    const settled = await runToPrecision(tiny, { engine: 'expected', workers: 1 }, { target: { kind: 'absolute', amount: 1e-6 }, maxRuns: 500, step: 20 });
    // better is far ahead of base: told apart at the first two checks, 20 and 40 runs.
    expect(settled.outcome.stopReason).toBe('ranking');
    expect(settled.outcome.runs).toBe(40);
    const capped = await runToPrecision(twins, { engine: 'expected', workers: 1 }, { target: { kind: 'relative', fraction: 1e-6 }, maxRuns: 50, step: 20 });
    expect(capped.outcome.stopReason).toBe('max-runs');
    expect(capped.outcome.checks.map((c) => c.runs)).toEqual([20, 40, 50]);
  });

  it('counts a difference that is exactly 0 in every run as known exactly', async () => {
    const same = Scenario.parse({ ...tiny, policies: { base: {}, same: {} } });
    const r = await runToPrecision(same, { engine: 'expected', workers: 1 }, { target: { kind: 'relative', fraction: 0.01 }, maxRuns: 50, step: 20 });
    expect(r.outcome.stopReason).toBe('precision');
    expect(r.outcome.runs).toBe(20);
  });
});

describe('run --precision / --sampling lhs', () => {
  it('gives the same runs and stop whatever the worker count', async () => {
    const opts = { target: { kind: 'absolute', amount: 150 } as const, maxRuns: 400, step: 50 };
    const one = await runToPrecision(tiny, { engine: 'expected', workers: 1, sampling: 'lhs' }, opts);
    const two = await runToPrecision(tiny, { engine: 'expected', workers: 2, sampling: 'lhs' }, opts);
    expect(two.outcome).toEqual(one.outcome);
    expect(Array.from(two.mc.metrics)).toEqual(Array.from(one.mc.metrics));
    expect(Array.from(two.mc.inputs)).toEqual(Array.from(one.mc.inputs));
  });

  it('records the stop reason, the runs and the sampling in run.json', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-prec-')), 'tiny.yaml');
    fs.writeFileSync(
      file,
      [
        'baseline: base',
        'horizonMonths: 6',
        'runs: 20',
        'seed: 3',
        'engine: expected',
        'segments:',
        '  c: { customers: 1000, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: { dist: pert, min: 0.008, mode: 0.012, max: 0.02 }, problemRate: 0.08 }',
        'policies:',
        '  base: {}',
        '  better: { channels: { phone: { resolution: 0.9 } }, costs: { oneOff: { dist: uniform, min: 0, max: 2000 } } }',
        '',
      ].join('\n'),
    );
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-prec-out-'));
    const r = await runPipeline({ file, sets: [], workers: 1, outRoot: out, command: 'test', precision: { kind: 'absolute', amount: 150 }, maxRuns: 400, sampling: 'lhs' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const manifest = JSON.parse(fs.readFileSync(path.join(r.dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    // The scenario's 20 runs round up to the first step of 100; the LHS SE (computed as for random
    // runs) is ~1.96 x 574 / 10 ~ 113 <= 150 there.
    expect(manifest['stopReason']).toBe('precision');
    expect(manifest['sampling']).toBe('lhs');
    expect(manifest['runs']).toBe(100);
    expect(r.forecast.scenario.runs).toBe(100);
    expect(r.precision?.runs).toBe(100);
    expect((manifest['precision'] as { target: string; checks: unknown[] }).target).toBe('150');
    expect((manifest['precision'] as { target: string; checks: unknown[] }).checks.length).toBe(1);
    // The report says why the runs stopped, and `servicecast report` rebuilds it from run.json.
    const html = fs.readFileSync(path.join(r.dir, 'report.html'), 'utf8');
    expect(html).toContain(escapeHtml(precisionText({ target: '150', stopReason: 'precision', runs: 100, maxRuns: 400 })));
    expect(html).toContain('Latin Hypercube');
    fs.rmSync(path.join(r.dir, 'report.html'));
    expect((await rebuildFiles(r.dir, (name) => name === 'report.html')).exitCode).toBe(0);
    expect(fs.readFileSync(path.join(r.dir, 'report.html'), 'utf8')).toBe(html);
  });

  it('the report words each stop reason', () => {
    const p = { target: '1%', runs: 700, maxRuns: 2000 };
    expect(precisionText({ ...p, stopReason: 'precision' })).toBe("chosen by --precision 1%: every policy's mean NPV difference was known to the target after 700 runs");
    expect(precisionText({ ...p, stopReason: 'ranking' })).toMatch(/^chosen by --precision 1%: stopped at 700 runs, before the target, because the ranking of the policies was settled/);
    expect(precisionText({ ...p, stopReason: 'max-runs' })).toMatch(/^chosen by --precision 1%: stopped at the ceiling of 2,000 runs \(--max-runs\) before the target was met/);
  });
});
