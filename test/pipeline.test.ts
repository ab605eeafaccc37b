import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import { METRICS } from '../src/engine/metrics.js';

const shipped = fs.readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('every shipped scenario validates and runs end to end', () => {
  it('ships default, b2b and telecom', () => {
    expect(shipped).toEqual(expect.arrayContaining(['default.yaml', 'b2b.yaml', 'telecom.yaml']));
  });
  for (const file of shipped) {
    it(file, async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-'));
      const r = await runPipeline({ file: path.join('scenarios', file), sets: ['runs=6'], workers: 1, outRoot: out, command: 'test' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const dir = r.dir;
      for (const f of ['forecast.csv', 'summary.csv', 'forecast.json', 'run.json']) expect(fs.existsSync(path.join(dir, f))).toBe(true);
      const csv = fs.readFileSync(path.join(dir, 'forecast.csv'), 'utf8').trim().split('\n');
      expect(csv[0]).toBe('policy,month,date,metric,mean,p5,p25,p50,p75,p95');
      const policies = r.forecast.policies.length;
      expect(csv.length - 1).toBe(policies * r.forecast.scenario.horizonMonths * METRICS.length);
      expect(csv.slice(1).every((l) => l.split(',').length === 10)).toBe(true);
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest['seed']).toBe(r.forecast.scenario.seed);
      expect(manifest['runs']).toBe(6);
      expect(manifest['scenarioHash']).toMatch(/^[0-9a-f]{64}$/);
      expect(r.forecast.comparisons.length).toBe(policies - 1);
      for (const c of r.forecast.comparisons) expect(c.pBeatBaseline).toBeGreaterThanOrEqual(0);
    });
  }
});

describe('bad input', () => {
  it('writes nothing and returns every error', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-'));
    const r = await runPipeline({ file: 'test/fixtures/bad/several.yaml', sets: [], workers: 1, outRoot: out, command: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.length).toBeGreaterThan(1);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

describe('a later run keeps the analysis outputs', () => {
  it('carries sweep and calibration results over, and drops other stale files', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-'));
    const run = () => runPipeline({ file: 'test/fixtures/forecast/tiny.yaml', sets: ['runs=3'], workers: 1, outRoot: out, command: 'test' });
    const first = await run();
    if (!first.ok) throw new Error('first run failed');
    fs.writeFileSync(path.join(first.dir, 'sweep-x.csv'), 'kept');
    fs.mkdirSync(path.join(first.dir, 'calibration'));
    fs.writeFileSync(path.join(first.dir, 'calibration', 'fit.json'), '{}');
    fs.writeFileSync(path.join(first.dir, 'stale.txt'), 'dropped');
    const second = await run();
    if (!second.ok) throw new Error('second run failed');
    expect(fs.readFileSync(path.join(second.dir, 'sweep-x.csv'), 'utf8')).toBe('kept');
    expect(fs.existsSync(path.join(second.dir, 'calibration', 'fit.json'))).toBe(true);
    expect(fs.existsSync(path.join(second.dir, 'stale.txt'))).toBe(false);
  });
});
