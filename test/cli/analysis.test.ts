/**
 * The analysis commands end to end on small scenarios: sensitivity, sweep and calibrate write their
 * files and print their reports; bad input gives messages and exit code 1, never a stack trace;
 * the yargs options reach the handlers (and `run --precision` checks its value).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { runCalibration } from '../../src/cli/commands/calibrate.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { runSensitivity, sensitivityCommand } from '../../src/cli/commands/sensitivity.js';
import { runSweepCommand } from '../../src/cli/commands/sweep.js';
import { HISTORY_COLUMNS } from '../../src/forecast/calibrate/objective.js';
import { syntheticHistory } from '../forecast/calibrate/fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-analysis-'));
const TINY = path.join(dir, 'tiny.yaml');
fs.writeFileSync(
  TINY,
  [
    'name: tiny',
    'baseline: base',
    'horizonMonths: 6',
    'runs: 30',
    'seed: 9',
    'engine: expected',
    'segments:',
    '  c: { customers: 1000, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: { dist: pert, min: 0.008, mode: 0.012, max: 0.02 }, problemRate: { dist: uniform, min: 0.05, max: 0.1 } }',
    'policies:',
    '  base: {}',
    '  better: { channels: { phone: { resolution: 0.9 } }, costs: { oneOff: { dist: uniform, min: 0, max: 4000 } } }',
    '',
  ].join('\n'),
);

describe('sensitivity', () => {
  it('prints the tornado, rank correlations and value of information, and writes sensitivity.json, .csv and the tornado chart', async () => {
    const out = path.join(dir, 'out-s');
    const r = await runSensitivity({ file: TINY, sets: [], workers: 1, outRoot: out });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Tornado: better vs base');
    expect(r.stdout).toContain('Rank correlation (Spearman)');
    expect(r.stdout).toContain('Value of information');
    expect(r.stdout).toMatch(/Measure this first|No input is worth measuring|No single input|The decision is robust/);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'tiny', 'sensitivity.json'), 'utf8')) as { tornado: { policies: unknown[] }; valueOfInformation: { runs: number } };
    expect(json.tornado.policies.length).toBe(1);
    expect(json.valueOfInformation.runs).toBe(30);
    const csv = fs.readFileSync(path.join(out, 'tiny', 'sensitivity.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('analysis,policy,input,measure,value');
    expect(csv.some((l) => l.startsWith('tornado,better,policies.better.costs.oneOff,swing,'))).toBe(true);
    expect(csv.some((l) => l.startsWith('voi,,,evpi,'))).toBe(true);
    for (const f of ['charts/tornado.vl.json', 'charts/tornado.svg', 'charts/tornado.png']) {
      expect(fs.existsSync(path.join(out, 'tiny', f)), f).toBe(true);
      expect(r.stdout).toContain(`tiny/${f}`);
    }
  });

  it('reports scenario errors with exit code 1', async () => {
    const r = await runSensitivity({ file: TINY, sets: ['segments.c.grossMargin=2'], workers: 1, outRoot: path.join(dir, 'none') });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('segments.c.grossMargin');
    expect(fs.existsSync(path.join(dir, 'none'))).toBe(false);
  });
});

describe('sweep', () => {
  it('with two workers, on one pool for every point, writes the sweep one worker writes', async () => {
    const csvs: string[] = [];
    for (const workers of [1, 2]) {
      const out = path.join(dir, `out-pool-${workers}`);
      const spec = { axis: { param: 'policies.better.costs.oneOff', from: 0, to: 40000, steps: 3 }, probability: 0.8 };
      const r = await runSweepCommand({ file: TINY, sets: ['runs=20'], workers, outRoot: out, spec });
      expect(r.exitCode).toBe(0);
      csvs.push(fs.readFileSync(path.join(out, 'tiny', 'sweep-policies.better.costs.oneOff.csv'), 'utf8'));
    }
    expect(csvs[1]).toBe(csvs[0]);
  });

  it('writes sweep-<param>.csv and .json with every point and the break-even, and its chart (.vl.json, .svg, .png)', async () => {
    const out = path.join(dir, 'out-w');
    const r = await runSweepCommand({
      file: TINY,
      sets: ['runs=20'],
      workers: 1,
      outRoot: out,
      spec: { axis: { param: 'policies.better.costs.oneOff', from: 0, to: 40000, steps: 3 }, probability: 0.8 },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Break-even');
    const stem = path.join(out, 'tiny', 'sweep-policies.better.costs.oneOff');
    const csv = fs.readFileSync(`${stem}.csv`, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('param,value,param2,value2,policy,baseline,delta_mean,delta_p5,delta_p25,delta_p50,delta_p75,delta_p95,deltaSe,pBeat,pBeatSe');
    expect(csv.length).toBe(1 + 3);
    expect(csv[1]?.startsWith('policies.better.costs.oneOff,0,,,better,base,')).toBe(true);
    const json = JSON.parse(fs.readFileSync(`${stem}.json`, 'utf8')) as { values: number[]; breakEven: { policy: string; meanValue: number | null; meanStatus: string }[]; points: { policies: { deltaNpv: { mean: number } }[] }[] };
    expect(json.values).toEqual([0, 20000, 40000]);
    // The one-off cost moves the mean difference by exactly its discounted amount: the mean
    // break-even interpolates a linear function, so it is exact.
    const means = json.points.map((p) => p.policies[0]?.deltaNpv.mean ?? 0);
    expect((means[0] ?? 0) - (means[1] ?? 0)).toBeCloseTo((means[1] ?? 0) - (means[2] ?? 0), 3);
    const be = json.breakEven[0];
    expect(be?.meanStatus).toBe('crosses');
    expect(be?.meanValue).toBeCloseTo(((means[0] ?? 0) / ((means[0] ?? 0) - (means[2] ?? 0))) * 40000, 0);
    // The chart beside the data: spec, SVG and PNG, named in the "wrote" line.
    for (const ext of ['vl.json', 'svg', 'png']) {
      expect(fs.existsSync(`${stem}.${ext}`), `${stem}.${ext}`).toBe(true);
      expect(r.stdout).toContain(`${stem}.${ext}`);
    }
    const spec = JSON.parse(fs.readFileSync(`${stem}.vl.json`, 'utf8')) as { title: { text: string } };
    expect(spec.title.text).toBe('NPV difference against base as policies.better.costs.oneOff varies');
    expect(fs.readFileSync(`${stem}.png`).subarray(1, 4).toString()).toBe('PNG');
    expect(fs.readFileSync(`${stem}.svg`, 'utf8')).toContain('break-even');
  });

  it('stops with the validation error of a value the lever cannot take', async () => {
    const r = await runSweepCommand({
      file: TINY,
      sets: [],
      workers: 1,
      outRoot: path.join(dir, 'none-w'),
      spec: { axis: { param: 'segments.c.grossMargin', from: 0.5, to: 1.5, steps: 3 }, probability: 0.8 },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('segments.c.grossMargin: 1.5 is too big');
  });
});

describe('calibrate', () => {
  const firmYaml = path.join(dir, 'firm.yaml');
  fs.writeFileSync(
    firmYaml,
    [
      'baseline: exceed',
      'horizonMonths: 36',
      'startMonth: 2025-01',
      'engine: expected',
      'segments:',
      '  consumer: { customers: 5000, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: { dist: pert, min: 0.005, mode: 0.01, max: 0.03 }, problemRate: 0.05, acquisitionPerMonth: 60 }',
      'policies:',
      '  exceed: { delight: { rate: 0.16 } }',
      '  meet: {}',
      'calibrate:',
      '  parameters:',
      '    - { path: segments.consumer.baseChurn, min: 0.002, max: 0.05 }',
      '    - { path: segments.consumer.problemRate, min: 0.01, max: 0.3 }',
      '  holdoutMonths: 6',
      '',
    ].join('\n'),
  );
  const h = syntheticHistory(24, 2);
  const historyCsv = path.join(dir, 'history.csv');
  fs.writeFileSync(
    historyCsv,
    ['month,' + HISTORY_COLUMNS.join(','), ...h.months.map((m, t) => [m, ...HISTORY_COLUMNS.map((c) => String(h.columns[c]?.[t] ?? ''))].join(','))].join('\n') + '\n',
  );

  it('fits, and writes the calibrated scenario, the fit statistics, the backtest data and the backtest chart', async () => {
    const out = path.join(dir, 'out-c');
    const r = await runCalibration({ file: firmYaml, history: historyCsv, sets: [], workers: 1, outRoot: out, bandRuns: 5 });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('segments.consumer.baseChurn');
    expect(r.stdout).toContain('holdout RMSE');
    const cal = path.join(out, 'firm', 'calibration');
    expect(fs.readdirSync(cal).sort()).toEqual(['backtest.csv', 'backtest.json', 'backtest.png', 'backtest.svg', 'backtest.vl.json', 'fit.json', 'scenario.yaml']);
    expect(r.stdout).toContain('backtest.vl.json, backtest.svg, backtest.png');
    const chart = fs.readFileSync(path.join(cal, 'backtest.svg'), 'utf8');
    expect(chart).toContain('holdout');
    expect(chart).toContain('Active customers');
    const fit = JSON.parse(fs.readFileSync(path.join(cal, 'fit.json'), 'utf8')) as { parameters: { path: string; value: number }[]; trainMonths: number };
    expect(fit.trainMonths).toBe(18);
    expect(fit.parameters[0]?.value).toBeCloseTo(0.015, 3);
    const csv = fs.readFileSync(path.join(cal, 'backtest.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('column,month,date,observed,fitted,p5,p50,p95,holdout');
    expect(csv.length).toBe(1 + 5 * 24);
    expect(csv[csv.length - 1]?.endsWith(',true')).toBe(true);
    expect(fs.readFileSync(path.join(cal, 'scenario.yaml'), 'utf8')).toContain(`baseChurn: ${Number(fit.parameters[0]?.value.toPrecision(10))}`);
  });

  it('reports a bad history, or a scenario with nothing to fit, with exit code 1', async () => {
    const bad = await runCalibration({ file: firmYaml, history: path.join(dir, 'missing.csv'), sets: [], workers: 1, outRoot: path.join(dir, 'none-c') });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('missing.csv  cannot read the file: no such file');
    const none = await runCalibration({ file: TINY, history: historyCsv, sets: [], workers: 1, outRoot: path.join(dir, 'none-c') });
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('calibrate: the scenario declares no');
    expect(fs.existsSync(path.join(dir, 'none-c'))).toBe(false);
  });
});

describe('options through yargs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('sensitivity --runs --sampling lhs reaches the handler', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await yargs()
      .command(sensitivityCommand)
      .strict()
      .parseAsync(['sensitivity', TINY, '--runs', '12', '--sampling', 'lhs', '--workers', '1', '--quiet', '--out', path.join(dir, 'out-y')]);
    expect(process.exitCode).toBeUndefined();
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toContain('12 runs');
  });

  it('run rejects an unreadable --precision', async () => {
    let err = '';
    try {
      await yargs()
        .command(runCommand)
        .exitProcess(false)
        .fail((msg, e) => {
          throw e ?? new Error(msg);
        })
        .parseAsync(['run', TINY, '--precision', 'lots', '--out', path.join(dir, 'none-r')]);
    } catch (e) {
      err = e instanceof Error ? e.message : String(e);
    }
    expect(fs.existsSync(path.join(dir, 'none-r'))).toBe(false);
    expect(err).toContain('--precision lots: expected a percentage such as 1% or a positive amount such as 50000');
  });
});
