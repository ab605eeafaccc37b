import ExcelJS from 'exceljs';
import type { Cell, Worksheet } from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRICS } from '../../src/engine/metrics.js';
import { readOutput } from '../../src/io/readOutput.js';
import { forecastCsv, summaryCsv } from '../../src/report/csv.js';
import { fixZipTimes, forecastXlsx, MONTHLY_LAYOUT, monthDate, numberFormat, SHEETS, XLSX_EPOCH } from '../../src/report/xlsx.js';

const FIXTURE = 'test/fixtures/forecast/tiny';

function fixture() {
  const r = readOutput(FIXTURE);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): Worksheet {
  const ws = wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The CSV as records keyed by their leading text fields. */
function csvIndex(csv: string, keyFields: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of csv.trimEnd().split('\n').slice(1)) {
    const f = line.split(',');
    out.set(f.slice(0, keyFields).join('|'), f.slice(keyFields));
  }
  return out;
}

const num = (c: Cell): number | null => (typeof c.value === 'number' ? c.value : c.value === null ? null : Number.NaN);
const csvNum = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));

describe('forecast.xlsx', async () => {
  const { forecast, manifest } = fixture();
  const bytes = await forecastXlsx(forecast, manifest);
  const wb = await workbook(bytes);

  it('has the summary, one monthly sheet per policy, the measures, assumptions, metrics and run sheets', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEETS.summary,
      'Monthly exceed',
      'Monthly effort',
      SHEETS.measures,
      SHEETS.assumptions,
      SHEETS.metrics,
      SHEETS.run,
    ]);
  });

  it('monthly sheets hold the numbers of forecast.csv, months as real dates', () => {
    const csv = csvIndex(forecastCsv(forecast), 4);
    const { firstDataRow, firstMetricColumn, statHeaderRow, groupHeaderRow } = MONTHLY_LAYOUT;
    const sample = ['active', 'churnRate', 'supportCost', 'revenue', 'cumulativeNpv', 'nps', 'meanCes'] as const;
    let checked = 0;
    for (const p of forecast.policies) {
      const ws = sheet(wb, `Monthly ${p.key}`);
      expect(ws.getRow(statHeaderRow).getCell(firstMetricColumn).value).toBe('Mean');
      for (const month of [1, 2, 4]) {
        const row = ws.getRow(firstDataRow + month - 1);
        expect(row.getCell(1).value).toBe(month);
        const date = row.getCell(2);
        expect(date.value).toBeInstanceOf(Date);
        const iso = `${2026 + Math.floor((10 + month - 1) / 12)}-${String(((10 + month - 1) % 12) + 1).padStart(2, '0')}`;
        expect((date.value as Date).toISOString()).toBe(`${iso}-01T00:00:00.000Z`);
        expect(date.numFmt).toBe('yyyy-mm');
        for (const metric of sample) {
          const c0 = firstMetricColumn + METRICS.indexOf(metric) * 6;
          expect(String(ws.getRow(groupHeaderRow).getCell(c0).value)).toMatch(new RegExp(`^${metric} \\(`));
          const expected = csv.get(`${p.key}|${month}|${iso}|${metric}`);
          expect(expected).toBeDefined();
          for (let s = 0; s < 6; s++) {
            expect(num(row.getCell(c0 + s))).toBe(csvNum(expected?.[s]));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(2 * 3 * sample.length * 6);
  });

  it('formats money with the currency, shares as percentages, counts with thousands separators', () => {
    const ws = sheet(wb, 'Monthly exceed');
    const col = (metric: string) => MONTHLY_LAYOUT.firstMetricColumn + METRICS.indexOf(metric as (typeof METRICS)[number]) * 6;
    const cell = (metric: string) => ws.getRow(MONTHLY_LAYOUT.firstDataRow).getCell(col(metric));
    expect(cell('revenue').numFmt).toBe('"EUR "#,##0;[Red]-"EUR "#,##0');
    expect(cell('churnRate').numFmt).toContain('%');
    expect(cell('active').numFmt).toBe('#,##0');
    expect(ws.getColumn(col('revenue') + 1).outlineLevel).toBe(1);
    expect(ws.getColumn(col('revenue')).outlineLevel ?? 0).toBe(0);
  });

  it('the summary sheet holds the numbers of summary.csv, per policy at P5 / P50 / P95', () => {
    const csv = csvIndex(summaryCsv(forecast), 2);
    const ws = sheet(wb, SHEETS.summary);
    expect(ws.getRow(4).getCell(3).value).toBe('NPV (EUR)');
    expect(ws.getRow(5).getCell(3).value).toBe('P5');
    forecast.policies.forEach((p, i) => {
      const row = ws.getRow(6 + i);
      expect(row.getCell(1).value).toBe(p.key);
      const npv = csv.get(`${p.key}|npv`);
      const clv = csv.get(`${p.key}|clv`);
      expect([3, 4, 5].map((c) => num(row.getCell(c)))).toEqual([1, 3, 5].map((j) => csvNum(npv?.[j])));
      expect([6, 7, 8].map((c) => num(row.getCell(c)))).toEqual([1, 3, 5].map((j) => csvNum(clv?.[j])));
      expect(row.getCell(3).numFmt).toContain('"EUR "');
      expect(row.getCell(6).numFmt).toContain('0.00');
    });
    const effort = ws.getRow(7);
    expect([9, 10, 11].map((c) => num(effort.getCell(c)))).toEqual([1, 3, 5].map((j) => csvNum(csv.get('effort|deltaNpvVsBaseline')?.[j])));
    expect(num(effort.getCell(12))).toBe(csvNum(csv.get('effort|pBeatBaseline')?.[0]));
    expect(effort.getCell(12).numFmt).toContain('%');
    expect([13, 14, 15].map((c) => num(effort.getCell(c)))).toEqual([1, 3, 5].map((j) => csvNum(csv.get('effort|roi')?.[j])));
    expect([16, 17, 18].map((c) => num(effort.getCell(c)))).toEqual([null, null, null]);
    expect(String(ws.getRow(6).getCell(2).value)).toContain('(baseline)');
    expect(num(ws.getRow(6).getCell(9))).toBeNull();
  });

  it('the measures sheet is summary.csv as a table', () => {
    const ws = sheet(wb, SHEETS.measures);
    const lines = summaryCsv(forecast).trimEnd().split('\n').slice(1);
    expect(ws.rowCount).toBe(lines.length + 1);
    lines.forEach((line, i) => {
      const f = line.split(',');
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(f[0]);
      expect(row.getCell(2).value).toBe(f[1]);
      expect([4, 5, 6, 7, 8, 9, 10].map((c) => num(row.getCell(c)))).toEqual(f.slice(2).map(csvNum));
    });
  });

  it('the assumptions sheet lists every input with its unit and source', () => {
    const ws = sheet(wb, SHEETS.assumptions);
    expect(ws.rowCount).toBe(forecast.assumptions.length + 1);
    const rows = new Map<string, (string | number | null)[]>();
    ws.eachRow((row, r) => {
      if (r > 1) rows.set(String(row.getCell(1).value), [1, 2, 3, 4].map((c) => row.getCell(c + 1).value as string | number | null));
    });
    expect(rows.get('segments.consumer.baseChurn')).toEqual([
      'pert(min 0.008, mode 0.012, max 0.02, lambda 4)',
      'probability',
      'yes',
      expect.stringContaining('Monthly churn probability'),
    ]);
    expect(rows.get('segments.consumer.revenuePerMonth')?.slice(0, 3)).toEqual([30, 'EUR', null]);
    expect(rows.get('service.channels.phone.costPerContact')?.[0]).toBe(8);
  });

  it('the run sheet says how to reproduce the numbers', () => {
    const ws = sheet(wb, SHEETS.run);
    const fields = new Map<string, unknown>();
    ws.eachRow((row) => fields.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(fields.get('seed')).toBe(7);
    expect(fields.get('runs')).toBe(8);
    expect(fields.get('engine')).toBe('agent');
    expect(fields.get('version')).toBe(manifest.version);
    expect(fields.get('scenario hash (SHA-256)')).toBe(manifest.scenarioHash);
    expect(fields.get('command')).toBe(manifest.command);
  });

  it('carries fixed document dates', () => {
    expect(wb.created.toISOString()).toBe(XLSX_EPOCH.toISOString());
    expect(wb.modified.toISOString()).toBe(XLSX_EPOCH.toISOString());
    expect(wb.creator).toBe('servicecast');
  });
});

describe('deterministic bytes', () => {
  afterEach(() => vi.useRealTimers());

  it('two writes at different times give identical bytes', async () => {
    const { forecast, manifest } = fixture();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
    const a = await forecastXlsx(forecast, manifest);
    vi.setSystemTime(new Date('2031-07-08T09:10:12Z'));
    const b = await forecastXlsx(forecast, manifest);
    expect(a.length).toBeGreaterThan(1000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('fixZipTimes resets every entry time and leaves the archive readable', async () => {
    const { forecast, manifest } = fixture();
    const bytes = await forecastXlsx(forecast, manifest);
    expect(Buffer.from(fixZipTimes(Uint8Array.from(bytes))).equals(Buffer.from(bytes))).toBe(true);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let locals = 0;
    for (let i = 0; i + 4 <= bytes.length; i++) {
      if (view.getUint32(i, true) === 0x04034b50 && i + 14 <= bytes.length) {
        expect([view.getUint16(i + 10, true), view.getUint16(i + 12, true)]).toEqual([0, 0x21]);
        locals++;
        i += 29;
      }
    }
    expect(locals).toBeGreaterThan(10);
    expect(() => fixZipTimes(new Uint8Array(100))).toThrow(/end-of-central-directory/);
  });
});

describe('helpers', () => {
  it('numberFormat', () => {
    expect(numberFormat('currency', 'USD')).toBe('"USD "#,##0;[Red]-"USD "#,##0');
    expect(numberFormat('currency', 'USD', 2)).toBe('"USD "#,##0.00;[Red]-"USD "#,##0.00');
    expect(numberFormat('share', 'USD')).toBe('0.00%');
    expect(numberFormat('unknown', 'USD')).toBe('General');
  });

  it('monthDate is the first of the month at midnight UTC', () => {
    expect(monthDate('2027-12').toISOString()).toBe('2027-12-01T00:00:00.000Z');
  });

  it('sheet names stay valid and unique', async () => {
    const { forecast, manifest } = fixture();
    const policies = [
      { key: 'a/very:long*policy?name[with]odd\\characters', label: 'x' },
      { key: 'a/very:long*policy?name[with]odd\\characters2', label: 'y' },
    ];
    const monthly = forecast.monthly.flatMap((r) => (r.policy === 'exceed' ? [{ ...r, policy: policies[0]?.key ?? '' }, { ...r, policy: policies[1]?.key ?? '' }] : []));
    const wb = await workbook(await forecastXlsx({ ...forecast, policies, monthly, comparisons: [] }, manifest));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(1, 3)).toEqual(['Monthly a-very-long-policy-name', 'Monthly a-very-long-policy- (2)']);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
  });
});
