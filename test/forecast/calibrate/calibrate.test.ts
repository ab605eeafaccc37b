/**
 * Calibration: the optimiser, the objective, parameter recovery from history the model generated
 * itself (with noise), the set-up checks, and the backtest.
 *
 * Recovery tolerance: over 8 noise seeds of the fixture (24 months, 6 held out, noise as in
 * fixture.ts), the fitted baseChurn had a relative sd of 0.8% and problemRate 0.7% around the
 * truth; 5% is about six of those sds, wide enough not to fail by chance and narrow enough to
 * catch a fit that stops early or mis-maps a column (starting 17% and 37% off).
 */
import { describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../../../src/engine/montecarlo.js';
import { backtest, calibrate, checkCalibration, valueAtPath, withValues } from '../../../src/forecast/calibrate/calibrate.js';
import { nelderMead } from '../../../src/forecast/calibrate/nelderMead.js';
import { columnScales, errorStats, objective, type History } from '../../../src/forecast/calibrate/objective.js';
import { Scenario, type ScenarioInput } from '../../../src/scenario/schema.js';
import { firm, syntheticHistory, TRUTH } from './fixture.js';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock valley from the classic start (-1.2, 1)', () => {
    const r = nelderMead(([x = 0, y = 0]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], { maxEvaluations: 2000, xTolerance: 1e-10, fTolerance: 1e-16 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('minimises a 4-D quadratic, treats NaN as +Infinity, and stops at maxEvaluations', () => {
    const centre = [1, -2, 3, 0.5];
    const f = (x: readonly number[]) => x.reduce((s, xi, i) => s + (i + 1) * (xi - (centre[i] ?? 0)) ** 2, 0);
    const r = nelderMead(f, [0, 0, 0, 0], { maxEvaluations: 4000 });
    r.x.forEach((xi, i) => expect(xi).toBeCloseTo(centre[i] ?? 0, 4));
    const walled = nelderMead(([x = 0]) => (x < 0 ? Number.NaN : (x - 2) ** 2), [1]);
    expect(walled.x[0]).toBeCloseTo(2, 5);
    const short = nelderMead(f, [0, 0, 0, 0], { maxEvaluations: 20 });
    expect(short.converged).toBe(false);
    expect(short.evaluations).toBeLessThanOrEqual(20 + 4);
  });
});

describe('objective', () => {
  const active = Float64Array.from([100, 102, 98, 100]);
  const nps = Float64Array.from([20, 20, 20, 20]);
  const h: History = { file: 'h', months: ['2025-01', '2025-02', '2025-03', '2025-04'], columns: { active, nps } };

  it('is 0 for a perfect fit, and counts each column in units of its own scale', () => {
    const scales = columnScales(h, 4);
    expect(scales.active).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(scales.nps).toBeCloseTo(0.2, 12); // a flat column: 1% of its mean
    expect(objective({ active, nps }, h, 4, scales)).toBe(0);
    // Off by one scale in every month of both columns: J = 1 + 1.
    const off = { active: Float64Array.from(active, (y) => y + Math.sqrt(8 / 3)), nps: Float64Array.from([20.2, 19.8, 20.2, 19.8]) };
    expect(objective(off, h, 4, scales)).toBeCloseTo(2, 12);
    // Only the training months count.
    const late = { active: Float64Array.from([100, 102, 98, 1000]), nps };
    expect(objective(late, h, 3, columnScales(h, 3))).toBe(0);
  });

  it('errorStats: RMSE, MAPE and bias over observed months', () => {
    const e = errorStats([110, 90, 50], [100, 100, Number.NaN], 0, 3);
    expect(e).toEqual({ n: 2, rmse: 10, mape: 0.1, bias: 0 });
  });
});

describe('calibrate', () => {
  const scenario = Scenario.parse(firm);
  const history = syntheticHistory(24, 3);
  const result = calibrate(scenario, history);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const { fit } = result;

  it('recovers baseChurn and problemRate from history the model generated, within 5%', () => {
    const [churn, problems] = fit.parameters;
    expect(churn?.start).toBeCloseTo(0.0125, 10); // the PERT's mean
    expect(problems?.start).toBe(0.05);
    expect(Math.abs((churn?.value ?? 0) / TRUTH.baseChurn - 1)).toBeLessThan(0.05);
    expect(Math.abs((problems?.value ?? 0) / TRUTH.problemRate - 1)).toBeLessThan(0.05);
    expect(fit.parameters.some((p) => p.atBound)).toBe(false);
    expect(fit.objective).toBeLessThan(fit.startObjective / 10);
  });

  it('reports per-column errors on the training and holdout months', () => {
    expect(fit.trainMonths).toBe(18);
    expect(fit.holdoutMonths).toBe(6);
    expect(fit.columns.map((c) => c.column)).toEqual(['active', 'churnRate', 'contacts', 'meanCes', 'nps']);
    for (const c of fit.columns) {
      expect(c.train.n).toBe(18);
      expect(c.holdout?.n).toBe(6);
      // The noise is 0.5-3% of the value: a good fit errs by about that much, holdout included.
      expect(c.train.mape).toBeLessThan(0.05);
      expect(c.holdout?.mape ?? 1).toBeLessThan(0.05);
    }
    expect(fit.fitted.active?.length).toBe(24);
  });

  it('returns the calibrated scenario, and the backtest scenario over the history with the baseline alone', () => {
    expect(valueAtPath(result.calibrated, 'segments.consumer.baseChurn')).toBe(fit.parameters[0]?.value);
    expect(result.calibrated.horizonMonths).toBe(36);
    expect(Object.keys(result.calibrated.policies)).toEqual(['exceed', 'meet']);
    expect(result.backtestScenario.horizonMonths).toBe(24);
    expect(result.backtestScenario.startMonth).toBe('2025-01');
    expect(Object.keys(result.backtestScenario.policies)).toEqual(['exceed']);
  });

  it('backtest: history against the fitted model with its band, holdout marked', async () => {
    const mc = await runMonteCarlo({ ...result.backtestScenario, runs: 4 }, { engine: 'expected', workers: 1 });
    const b = backtest(fit, history, mc, 'expected');
    expect(b.rows.length).toBe(5 * 24);
    expect(b.holdoutFrom).toBe('2026-07');
    expect(b.rows.filter((r) => r.holdout).length).toBe(5 * 6);
    // No uncertain input is left and the engine is the expected one: the band is the fitted line.
    for (const r of b.rows) {
      expect(r.p5).toBeCloseTo(r.fitted, 6);
      expect(r.p95).toBeCloseTo(r.fitted, 6);
    }
    const first = b.rows[0];
    expect(first).toMatchObject({ column: 'active', month: 1, date: '2025-01', holdout: false });
    expect(first?.observed).toBeCloseTo(history.columns.active?.[0] ?? 0, 9);
    expect(b.coverage.map((c) => c.column)).toEqual(['active', 'churnRate', 'contacts', 'meanCes', 'nps']);
    // ... so no coverage is claimed for it
    expect(b.coverage.map((c) => c.banded)).toEqual([false, false, false, false, false]);
  });

  it('backtest with the cohort engine: the band has width, and its coverage counts', async () => {
    const mc = await runMonteCarlo({ ...result.backtestScenario, runs: 20 }, { engine: 'cohort', workers: 1 });
    const b = backtest(fit, history, mc, 'cohort');
    expect(b.coverage.every((c) => c.banded)).toBe(true);
    for (const c of b.coverage) expect(c.train).toBeGreaterThanOrEqual(0);
  });
});

describe('checkCalibration', () => {
  const history = syntheticHistory(8, 1);
  const withCal = (calibrateBlock: unknown) => Scenario.parse({ ...firm, calibrate: calibrateBlock } as ScenarioInput);

  it('needs a calibrate block', () => {
    const { calibrate: _c, ...rest } = firm;
    expect(checkCalibration(Scenario.parse(rest), history)[0]?.path).toBe('calibrate');
  });

  it('names a path that is not a number, another policy\'s lever, a bound out of the field\'s range and a holdout too long', () => {
    const issues = checkCalibration(
      withCal({
        parameters: [
          { path: 'segments.consumer.nope', min: 0, max: 1 },
          { path: 'policies.meet.delight.rate', min: 0, max: 0.5 },
          { path: 'segments.consumer.problemRate', min: 0.01, max: 1.5 },
        ],
        holdoutMonths: 7,
      }),
      history,
    );
    expect(issues.map((i) => i.path)).toEqual(['calibrate.parameters[0].path', 'calibrate.parameters[1].path', 'calibrate.parameters[2].max', 'calibrate.holdoutMonths']);
    expect(issues[2]?.message).toContain('1.5 is not a valid value of segments.consumer.problemRate');
  });

  it('the schema rejects min >= max', () => {
    expect(Scenario.safeParse({ ...firm, calibrate: { parameters: [{ path: 'x', min: 1, max: 1 }] } }).success).toBe(false);
  });

  it('withValues leaves the original alone', () => {
    const s = Scenario.parse(firm);
    const c = withValues(s, new Map([['segments.consumer.problemRate', 0.2]]));
    expect(valueAtPath(c, 'segments.consumer.problemRate')).toBe(0.2);
    expect(valueAtPath(s, 'segments.consumer.problemRate')).toBe(0.05);
  });
});
