/** Reading a firm's monthly history, and writing the calibrated scenario back as YAML. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibratedScenarioYaml, formatHistoryErrors, readHistory } from '../../src/io/history.js';
import { loadScenario } from '../../src/io/scenarioFile.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-history-'));
const write = (name: string, text: string): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

describe('readHistory', () => {
  it('reads months and any subset of the columns; empty cells are missing; BOM, CRLF, quotes and dates are fine', () => {
    const f = write('ok.csv', '\uFEFFmonth,nps,"active"\r\n2025-11-01,20.5,1000\r\n2025-12,,990\r\n\r\n2026-01,19,"985"\r\n');
    const r = readHistory(f);
    if (!r.ok) throw new Error(formatHistoryErrors(r.errors));
    expect(r.value.months).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(Array.from(r.value.columns.active ?? [])).toEqual([1000, 990, 985]);
    expect(Array.from(r.value.columns.nps ?? [])).toEqual([20.5, Number.NaN, 19]);
    expect(r.value.columns.contacts).toBeUndefined();
  });

  it('reports every problem with its line and column', () => {
    const f = write('bad.csv', 'month,active,churn\n2025-01,100,1\n2025-03,x,2\n2025-4,-5,3\n');
    const r = readHistory(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatHistoryErrors(r.errors)).toBe(`${f}:1  churn: unknown column "churn"; expected month and any of: active, churnRate, contacts, meanCes, nps`);
    const g = write('bad2.csv', 'month,active,churnRate\n2025-01,100,0.01\n2025-03,x,0.02\n2025-4,-5,1.5\n');
    const r2 = readHistory(g);
    if (r2.ok) throw new Error('expected errors');
    expect(formatHistoryErrors(r2.errors).split('\n')).toEqual([
      `${g}:3  month: found 2025-03; expected 2025-02: one row per consecutive month`,
      `${g}:3  active: found "x"; expected a number (or an empty cell for a missing value)`,
      `${g}:4  month: found "2025-4"; expected a month written YYYY-MM`,
      `${g}:4  active: -5 is out of range; expected a number >= 0`,
      `${g}:4  churnRate: 1.5 is out of range; expected a number between 0 and 1`,
    ]);
  });

  it('needs a month column, a data column, rows, and a readable, well-formed file', () => {
    const msg = (text: string) => {
      const r = readHistory(write('x.csv', text));
      return r.ok ? '' : formatHistoryErrors(r.errors);
    };
    expect(msg('active\n100\n')).toContain('no "month" column');
    expect(msg('month\n2025-01\n')).toContain('no column to fit');
    expect(msg('month,active\n')).toContain('no data rows');
    expect(msg('month,active\n2025-01,1,2\n')).toContain('not a valid CSV file');
    expect(msg('month,active,active\n2025-01,1,2\n')).toContain('column "active" appears twice');
    const missing = readHistory(path.join(dir, 'none.csv'));
    expect(missing.ok ? '' : formatHistoryErrors(missing.errors)).toContain('cannot read the file: no such file');
  });
});

describe('calibratedScenarioYaml', () => {
  it('sets the fitted values, keeps comments, rebases extends and the schema modeline, and stays valid', () => {
    const src = path.join(dir, 'scen');
    fs.mkdirSync(src, { recursive: true });
    fs.writeFileSync(path.join(src, 'base.yaml'), 'baseline: a\nsegments:\n  s: { customers: 100, revenuePerMonth: 10, grossMargin: 0.5, baseChurn: 0.01, problemRate: 0.1 }\npolicies:\n  a: {}\n');
    const file = path.join(src, 'child.yaml');
    fs.writeFileSync(
      file,
      '# yaml-language-server: $schema=../schema.json\nextends: base.yaml\n# the churn we believe\nsegments:\n  s:\n    baseChurn: { dist: pert, min: 0.005, mode: 0.01, max: 0.02 } # to fit\n',
    );
    const target = path.join(dir, 'out', 'child', 'calibration');
    const text = calibratedScenarioYaml(file, new Map([['segments.s.baseChurn', 0.0123456789012], ['segments.s.problemRate', 0.07]]), target, 'Calibrated.\nFitted: x.');
    expect(text.startsWith('# Calibrated.\n# Fitted: x.\n# yaml-language-server: $schema=../../../schema.json\n')).toBe(true);
    expect(text).toContain('extends: ../../../scen/base.yaml');
    expect(text).toContain('# the churn we believe');
    expect(text).toContain('baseChurn: 0.0123456789');
    expect(text).toContain('problemRate: 0.07');
    fs.mkdirSync(target, { recursive: true });
    const out = path.join(target, 'scenario.yaml');
    fs.writeFileSync(out, text);
    const loaded = loadScenario(out);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.value.scenario.segments['s']?.baseChurn).toBeCloseTo(0.0123456789, 12);
    expect(loaded.value.scenario.segments['s']?.problemRate).toBe(0.07);
    expect(loaded.value.scenario.segments['s']?.customers).toBe(100);
  });
});
