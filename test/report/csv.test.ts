import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOutput } from '../../src/io/readOutput.js';
import { forecastCsv, summaryCsv } from '../../src/report/csv.js';
import { METRICS } from '../../src/engine/metrics.js';

/**
 * Golden files of the CSV exports, made from the fixture forecast test/fixtures/forecast/tiny
 * (the pipeline's output for test/fixtures/forecast/tiny.yaml). Numbers are compared rounded to 6
 * significant digits; on a mismatch the new output is written beside the golden file as
 * `<name>-changed.csv` for review (replace the golden file with it if the change is intended).
 */
const FIXTURE = 'test/fixtures/forecast/tiny';
const GOLDEN = 'test/golden/csv';

function fixture() {
  const r = readOutput(FIXTURE);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Splits one CSV line (RFC 4180 quoting). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A CSV with every number rounded to 6 significant digits. */
function rounded(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\n')
    .map((l) => fields(l).map((f) => (f !== '' && Number.isFinite(Number(f)) ? String(Number(Number(f).toPrecision(6))) : f)));
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  const changed = file.replace(/\.csv$/, '-changed.csv');
  const golden = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const same = golden !== '' && JSON.stringify(rounded(golden)) === JSON.stringify(rounded(actual));
  if (same) {
    fs.rmSync(changed, { force: true });
    return;
  }
  fs.writeFileSync(changed, actual);
  expect.fail(`${name} differs from its golden file (rounded to 6 significant digits); the new output is in ${changed}`);
}

describe('golden CSV files', () => {
  it('forecast.csv', () => expectGolden('forecast.csv', forecastCsv(fixture().forecast)));
  it('summary.csv', () => expectGolden('summary.csv', summaryCsv(fixture().forecast)));
});

describe('CSV format', () => {
  const { forecast } = fixture();
  const csv = forecastCsv(forecast);
  const summary = summaryCsv(forecast);

  it('is UTF-8 without a byte-order mark, one record per line, LF endings', () => {
    for (const text of [csv, summary]) {
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text).not.toContain('\r');
      expect(text.endsWith('\n')).toBe(true);
      expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    }
  });

  it('has one row per policy, month and metric, with ISO months', () => {
    const rows = csv.trimEnd().split('\n').slice(1).map(fields);
    expect(rows.length).toBe(forecast.policies.length * forecast.scenario.horizonMonths * METRICS.length);
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['2026-11', '2026-12', '2027-01', '2027-02']));
    expect(rows.every((r) => /^\d{4}-\d{2}$/.test(r[2] ?? ''))).toBe(true);
  });

  it('writes plain numbers: no thousands separators, no exponents, no currency', () => {
    for (const text of [csv, summary]) {
      for (const row of text.trimEnd().split('\n').slice(1).map(fields)) {
        for (const f of row.slice(row.length - 6)) {
          if (f !== '') expect(f).toMatch(/^-?\d+(\.\d+)?$/);
        }
      }
    }
  });

  it('quotes nothing it does not need to, and a policy key with a comma when it must', () => {
    expect(csv).not.toContain('"');
    const odd = { ...forecast, monthly: forecast.monthly.slice(0, 1).map((r) => ({ ...r, policy: 'a,"b"' })) };
    expect(forecastCsv(odd).split('\n')[1]).toMatch(/^"a,""b""",1,2026-11,active,/);
  });

  it('writes blanks for what is undefined (payback never reached)', () => {
    expect(summary).toContain('effort,paybackMonth,,,,,,,\n');
  });
});
