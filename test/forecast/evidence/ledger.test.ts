import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLedger, type LedgerEntry } from '../../../src/forecast/evidence/ledger.js';
import { STATISTIC_IDS } from '../../../src/forecast/evidence/statistics.js';
import { ledgerPath, loadLedger, readLedger } from '../../../src/io/ledger.js';
import { loadScenario } from '../../../src/io/scenarioFile.js';

const ledger = loadLedger();

/** Does the scenario have a number (or list, or object) at `pattern` (`*` = any key)? */
function exists(node: unknown, segs: readonly string[]): boolean {
  if (segs.length === 0) return node !== undefined;
  if (typeof node !== 'object' || node === null) return false;
  const [head = '', ...rest] = segs;
  const obj = node as Record<string, unknown>;
  if (head === '*') return Object.values(obj).length > 0 && Object.values(obj).every((v) => exists(v, rest));
  return exists(obj[head], rest);
}

const entry = (over: Partial<LedgerEntry> = {}): Record<string, unknown> => ({
  id: 'x',
  finding: 'A finding',
  statement: 'What it says.',
  source: 'Somebody (2020)',
  grade: 'A',
  target: 0.5,
  band: [0.4, 0.6],
  bandReason: 'why',
  unit: 'share',
  stated: true,
  measured: 'how',
  statistic: 'fallAfterHighEffort',
  method: 'how the model does it',
  calibrates: [],
  ...over,
});

describe('the shipped ledger', () => {
  it('is valid and lies next to its module', () => {
    expect(fs.existsSync(ledgerPath())).toBe(true);
    expect(readLedger().ok).toBe(true);
    expect(ledger.findings.length).toBeGreaterThanOrEqual(18);
  });

  it('has the findings the issue asks for, each with a source, a grade and a band around its target', () => {
    const ids = ledger.findings.map((f) => f.id);
    for (const id of [
      'high-effort-disloyal', 'low-effort-disloyal', 'disloyal-vs-loyal', 'exceed-marginal', 'delight-cost', 'exceeded-share',
      'satisfied-leave', 'dissatisfied-stay', 'spend-turned-promoter', 'spend-became-passive', 'spend-stayed-detractor',
      'downstream-issues', 'bad-word-of-mouth', 'repurchase-resolved-quickly', 'repurchase-resolved', 'repurchase-unresolved',
    ]) {
      expect(ids).toContain(id);
    }
    for (const f of ledger.findings) {
      expect(f.source.length).toBeGreaterThan(5);
      expect(f.method.length).toBeGreaterThan(20);
      expect(f.band[0]).toBeLessThanOrEqual(f.band[1]);
      if (f.checked) expect(f.target >= f.band[0] && f.target <= f.band[1]).toBe(true);
      else expect(f.gap?.length ?? 0).toBeGreaterThan(20);
    }
    expect(new Set(ledger.findings.map((f) => f.statistic)).size).toBe(ledger.findings.length);
    expect(ledger.findings.filter((f) => f.checked).map((f) => f.grade)).toContain('A');
  });

  it('names only scenario fields that exist in the default scenario', () => {
    const r = loadScenario('scenarios/default.yaml');
    if (!r.ok) throw new Error('default.yaml is invalid');
    for (const f of ledger.findings) {
      for (const p of f.calibrates) expect(exists(r.value.scenario, p.split('.')), `${f.id}: ${p}`).toBe(true);
    }
  });

  it('covers every statistic the survey computes', () => {
    expect(new Set(ledger.findings.map((f) => f.statistic))).toEqual(new Set(STATISTIC_IDS));
  });
});

describe('parseLedger', () => {
  const errorsOf = (data: unknown): string[] => {
    const r = parseLedger(data);
    return r.ok ? [] : r.errors;
  };

  it('accepts a minimal ledger and fills `checked`', () => {
    const r = parseLedger({ version: 1, findings: [entry()] });
    expect(r.ok && r.ledger.findings[0]?.checked).toBe(true);
  });

  it('rejects bad grades, units and statistics with their paths', () => {
    expect(errorsOf({ version: 1, findings: [entry({ grade: 'D' as 'A' })] })[0]).toMatch(/^findings\.0\.grade: /);
    expect(errorsOf({ version: 1, findings: [entry({ unit: 'percent' as 'share' })] })[0]).toMatch(/^findings\.0\.unit: /);
    expect(errorsOf({ version: 1, findings: [entry({ statistic: 'nope' as 'fallAfterHighEffort' })] })[0]).toMatch(/^findings\.0\.statistic: /);
    expect(errorsOf({ version: 1, findings: [{ ...entry(), extra: 1 }] })[0]).toMatch(/^findings\.0: /);
    expect(errorsOf({ version: 2, findings: [entry()] })[0]).toMatch(/^version: /);
    expect(errorsOf({ version: 1, findings: [] })[0]).toMatch(/^findings: /);
  });

  it('rejects empty bands, targets outside their band, duplicate ids and unexplained gaps', () => {
    expect(errorsOf({ version: 1, findings: [entry({ band: [0.6, 0.4] })] })).toEqual(['findings.0.band: band [0.6, 0.4] is empty']);
    expect(errorsOf({ version: 1, findings: [entry({ target: 0.7 })] })).toEqual(['findings.0.target: target 0.7 is outside its band [0.4, 0.6]']);
    expect(errorsOf({ version: 1, findings: [entry(), entry()] })).toEqual(['findings.1.id: duplicate id "x"']);
    expect(errorsOf({ version: 1, findings: [entry({ checked: false })] })).toEqual(['findings.0.gap: an unchecked finding must say why (gap)']);
    // An unchecked finding may keep a target outside the band it would need.
    expect(errorsOf({ version: 1, findings: [entry({ checked: false, gap: 'not modelled', target: 0.7 })] })).toEqual([]);
  });
});

describe('readLedger', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));

  it('reports a missing file, bad YAML and invalid content with the file name', () => {
    const missing = readLedger(path.join(dir, 'none.yaml'));
    expect(missing.ok ? '' : missing.errors[0]).toMatch(/none\.yaml: cannot read the ledger/);
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'version: [1\n');
    const r1 = readLedger(bad);
    expect(r1.ok ? '' : r1.errors[0]).toMatch(/bad\.yaml: not valid YAML/);
    const invalid = path.join(dir, 'invalid.yaml');
    fs.writeFileSync(invalid, 'version: 1\nfindings: []\n');
    const r2 = readLedger(invalid);
    expect(r2.ok ? [] : r2.errors).toEqual([`${invalid}: findings: Too small: expected array to have >=1 items`]);
  });
});
