/**
 * `forecast.xlsx`, the finance export: the same numbers as the CSV files, laid out for a planner.
 *
 *   Summary        one row per policy: NPV, CLV per customer, NPV difference against the baseline,
 *                  P(beat baseline), ROI and payback month, each at P5 / P50 / P95
 *   Monthly <key>  one sheet per policy, one row per month (the month a real Excel date, the first
 *                  of the month), one column group per metric: mean, P5, P25, P50, P75, P95. The
 *                  percentile columns are outlined (level 1), so a planner can collapse every group
 *                  to its mean; a row per month is what a plan links to by date (INDEX/MATCH).
 *   All measures   summary.csv as a table: every per-policy measure with mean, percentiles and
 *                  the Monte Carlo standard error of the mean
 *   Assumptions    every input of the scenario, with its unit and documented source
 *   Metrics        what each monthly metric means, and its unit
 *   Run            seed, runs, engine, version, scenario hash, command: how to reproduce the file
 *
 * Money is formatted with the scenario's currency code, shares as percentages; the cells hold the
 * numbers of forecast.json (10 significant digits), not rounded for display. The bytes are
 * deterministic: the document dates are a fixed epoch (pure code has no clock) and the ZIP entry
 * times, which exceljs stamps with the current time, are reset to the same epoch.
 */
import ExcelJS from 'exceljs';
import type { Fill, Font, Row, Workbook, Worksheet } from 'exceljs';
import { addMonths } from '../forecast/calendar.js';
import { METRIC_INFO, type MetricName } from '../engine/metrics.js';
import { SUMMARY_METRICS, type Forecast, type MonthlyRow } from '../forecast/types.js';
import type { Summary } from '../forecast/quantile.js';
import type { RunManifest } from './json.js';
import { jsonNumber } from './numbers.js';

/** The document date written into the workbook: 1980-01-01, the ZIP epoch. */
export const XLSX_EPOCH = new Date(Date.UTC(1980, 0, 1));

/** Sheet names (the monthly sheets are `Monthly <policy key>`). */
export const SHEETS = {
  summary: 'Summary',
  measures: 'All measures',
  assumptions: 'Assumptions',
  metrics: 'Metrics',
  run: 'Run',
} as const;

/** The rows where the monthly sheets' headers and data start (1-based). */
export const MONTHLY_LAYOUT = { groupHeaderRow: 2, statHeaderRow: 3, firstDataRow: 4, firstMetricColumn: 3 } as const;

const STATS = ['mean', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;
const STAT_LABELS: Readonly<Record<(typeof STATS)[number], string>> = { mean: 'Mean', p5: 'P5', p25: 'P25', p50: 'P50', p75: 'P75', p95: 'P95' };
const BOLD: Partial<Font> = { bold: true };
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };

// ---------------------------------------------------------------------------------------------
// Number formats

/** The Excel number format of a unit (as named in METRIC_INFO and SUMMARY_METRICS). */
export function numberFormat(unit: string, currency: string, decimals = 0): string {
  switch (unit) {
    case 'currency': {
      const digits = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
      return `"${currency} "#,##0${digits};[Red]-"${currency} "#,##0${digits}`;
    }
    case 'share':
      return '0.00%';
    case 'customers':
    case 'contacts':
    case 'gestures':
      return '#,##0';
    case 'points':
    case 'minutes':
    case 'month':
      return '0.0';
    case 'CES 1-5':
      return '0.00';
    case 'factor':
      return '0.0000';
    case 'ratio':
      return '0%';
    default:
      return 'General';
  }
}

const METRIC_UNIT = new Map<MetricName, string>(METRIC_INFO.map(([m, unit]) => [m, unit]));
const SUMMARY_UNIT = new Map<string, string>(SUMMARY_METRICS.map(([m, unit]) => [m, unit]));
const SUMMARY_TEXT = new Map<string, string>(SUMMARY_METRICS.map(([m, , text]) => [m, text]));

/** Decimals of money: per-customer values to the cent, totals to the unit. */
const moneyDecimals = (measure: string): number => (measure === 'clv' || measure === 'customerValueP50' ? 2 : 0);

/** A cell's number: as in forecast.json (10 significant digits), so that a re-export from it gives the same bytes; blank when not finite. */
const cellValue = (x: number | null | undefined): number | null => jsonNumber(x);

/** The first day of a YYYY-MM month, as a UTC date (an integral Excel serial). */
export function monthDate(isoMonth: string): Date {
  const [y, m] = isoMonth.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
}

// ---------------------------------------------------------------------------------------------
// Sheet names

const FORBIDDEN = /[[\]:*?/\\]/g;

/** A valid, unique (case-insensitive) sheet name of at most 31 characters. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(FORBIDDEN, '-').slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - ` (${i})`.length)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

/** The monthly sheet name of each policy, in policy order. */
export function monthlySheetNames(f: Forecast): string[] {
  const taken = new Set(Object.values(SHEETS).map((s) => s.toLowerCase()));
  return f.policies.map((p) => sheetName(`Monthly ${p.key}`, taken));
}

// ---------------------------------------------------------------------------------------------
// The sheets

function styleHeader(row: Row): void {
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

function title(ws: Worksheet, text: string, note: string): void {
  ws.getCell('A1').value = text;
  ws.getCell('A1').font = { bold: true, size: 13 };
  if (note !== '') ws.getCell('A2').value = note;
}

function summarySheet(wb: Workbook, f: Forecast): void {
  const ws = wb.addWorksheet(SHEETS.summary, { views: [{ state: 'frozen', xSplit: 2, ySplit: 5 }] });
  const cur = f.scenario.currency;
  title(
    ws,
    `${f.scenario.title}: which service strategy pays`,
    `Percentiles over ${f.scenario.runs} simulated worlds (Monte Carlo runs, seed ${f.scenario.seed}); money in ${cur}, NPV discounted to ${f.scenario.startMonth} over ${f.scenario.horizonMonths} months; baseline: ${f.scenario.baseline}.`,
  );
  const groups: { label: string; stats: readonly ('p5' | 'p50' | 'p95' | 'value')[]; fmt: string }[] = [
    { label: `NPV (${cur})`, stats: ['p5', 'p50', 'p95'], fmt: numberFormat('currency', cur) },
    { label: `CLV per customer (${cur})`, stats: ['p5', 'p50', 'p95'], fmt: numberFormat('currency', cur, 2) },
    { label: `NPV vs baseline (${cur})`, stats: ['p5', 'p50', 'p95'], fmt: numberFormat('currency', cur) },
    { label: 'P(beat baseline)', stats: ['value'], fmt: '0.0%' },
    { label: 'ROI on programme cost', stats: ['p5', 'p50', 'p95'], fmt: numberFormat('ratio', cur) },
    { label: 'Payback month', stats: ['p5', 'p50', 'p95'], fmt: numberFormat('month', cur) },
    { label: 'P(payback within horizon)', stats: ['value'], fmt: '0.0%' },
  ];
  const groupRow = ws.getRow(4);
  const statRow = ws.getRow(5);
  groupRow.getCell(1).value = 'Policy';
  groupRow.getCell(2).value = 'Label';
  ws.mergeCells(4, 1, 5, 1);
  ws.mergeCells(4, 2, 5, 2);
  let col = 3;
  const formats: string[] = [];
  for (const g of groups) {
    groupRow.getCell(col).value = g.label;
    if (g.stats.length > 1) ws.mergeCells(4, col, 4, col + g.stats.length - 1);
    g.stats.forEach((s, i) => {
      statRow.getCell(col + i).value = s === 'value' ? 'share of runs' : s.toUpperCase();
      formats[col + i] = g.fmt;
    });
    col += g.stats.length;
  }
  styleHeader(groupRow);
  styleHeader(statRow);
  const pick = (s: Summary | null | undefined): (number | null)[] => [cellValue(s?.p5), cellValue(s?.p50), cellValue(s?.p95)];
  f.policies.forEach((p, i) => {
    const measure = (m: string): Summary | undefined => f.summary.find((r) => r.policy === p.key && r.metric === m);
    const c = f.comparisons.find((x) => x.policy === p.key);
    const isBaseline = p.key === f.scenario.baseline;
    const values: (string | number | null)[] = [
      p.key,
      isBaseline ? `${p.label} (baseline)` : p.label,
      ...pick(measure('npv')),
      ...pick(measure('clv')),
      ...pick(c?.deltaNpv),
      cellValue(c?.pBeatBaseline),
      ...pick(c?.roi),
      cellValue(c?.paybackMonth.p5),
      cellValue(c?.paybackMonth.p50),
      cellValue(c?.paybackMonth.p95),
      cellValue(c?.pPayback),
    ];
    const row = ws.getRow(6 + i);
    row.values = values;
    values.forEach((_, j) => {
      const fmt = formats[j + 1];
      if (fmt !== undefined) row.getCell(j + 1).numFmt = fmt;
    });
  });
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 30;
  for (let j = 3; j < col; j++) ws.getColumn(j).width = 15;
  const notes = [
    'NPV: net contribution (gross margin less support cost) discounted monthly, over the horizon.',
    'CLV per customer: closed-form lifetime value of today\'s book under the policy\'s steady state.',
    'NPV vs baseline: run by run (every policy simulated in the same worlds), so its percentiles are of the difference.',
    'ROI: NPV vs baseline / present value of the programme cost (blank without programme cost).',
    'Payback month: first month from which cumulative NPV stays ahead of the baseline (blank: not within the horizon).',
  ];
  notes.forEach((n, i) => (ws.getCell(7 + f.policies.length + i, 1).value = n));
}

function monthlySheet(wb: Workbook, f: Forecast, policy: { key: string; label: string }, name: string, rows: ReadonlyMap<string, MonthlyRow>): void {
  const { groupHeaderRow, statHeaderRow, firstDataRow, firstMetricColumn } = MONTHLY_LAYOUT;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: firstMetricColumn - 1, ySplit: statHeaderRow }],
    properties: { outlineLevelCol: 1, outlineProperties: { summaryRight: false, summaryBelow: false } },
  });
  const cur = f.scenario.currency;
  title(ws, `${policy.label} (${policy.key}): monthly forecast`, `Mean and percentiles over ${f.scenario.runs} runs; money in ${cur}. Collapse the outline (+/-) to see the means only.`);
  const groupRow = ws.getRow(groupHeaderRow);
  const statRow = ws.getRow(statHeaderRow);
  groupRow.getCell(1).value = 'Month';
  groupRow.getCell(2).value = 'Date';
  ws.mergeCells(groupHeaderRow, 1, statHeaderRow, 1);
  ws.mergeCells(groupHeaderRow, 2, statHeaderRow, 2);
  METRIC_INFO.forEach(([metric, unit], m) => {
    const c0 = firstMetricColumn + m * STATS.length;
    groupRow.getCell(c0).value = unit === 'currency' ? `${metric} (${cur})` : `${metric} (${unit})`;
    ws.mergeCells(groupHeaderRow, c0, groupHeaderRow, c0 + STATS.length - 1);
    STATS.forEach((s, i) => {
      statRow.getCell(c0 + i).value = STAT_LABELS[s];
      const column = ws.getColumn(c0 + i);
      column.numFmt = numberFormat(unit, cur);
      column.width = 13;
      if (i > 0) {
        column.outlineLevel = 1;
        // exceljs marks every outlined column `collapsed` (its getter compares with the sheet's
        // outline level); the groups are open, so say so, or Excel shows them as closed.
        Object.defineProperty(column, 'collapsed', { get: () => false });
      }
    });
  });
  styleHeader(groupRow);
  styleHeader(statRow);
  ws.getColumn(1).width = 7;
  ws.getColumn(2).width = 10;
  ws.getColumn(2).numFmt = 'yyyy-mm';
  for (let t = 1; t <= f.scenario.horizonMonths; t++) {
    const row = ws.getRow(firstDataRow + t - 1);
    let date: string | undefined;
    const values: (number | Date | null)[] = [t, null];
    for (const [metric] of METRIC_INFO) {
      const r = rows.get(rowKey(policy.key, t, metric));
      date ??= r?.date;
      for (const s of STATS) values.push(cellValue(r?.[s]));
    }
    values[1] = monthDate(date ?? addMonths(f.scenario.startMonth, t - 1));
    row.values = values;
  }
}

function measuresSheet(wb: Workbook, f: Forecast): void {
  const ws = wb.addWorksheet(SHEETS.measures, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const cur = f.scenario.currency;
  const header = ws.getRow(1);
  header.values = ['Policy', 'Measure', 'Unit', 'Mean', 'P5', 'P25', 'P50', 'P75', 'P95', 'Std error of mean', 'Description'];
  styleHeader(header);
  const add = (policy: string, measure: string, unit: string, s: Partial<Record<(typeof STATS)[number], number | null>>, se: number | undefined, text: string, decimals = 0) => {
    const row = ws.addRow([policy, measure, unit === 'currency' ? cur : unit, ...STATS.map((k) => cellValue(s[k])), cellValue(se), text]);
    const fmt = numberFormat(unit, cur, decimals);
    for (let j = 4; j <= 10; j++) row.getCell(j).numFmt = fmt;
  };
  for (const r of f.summary) add(r.policy, r.metric, SUMMARY_UNIT.get(r.metric) ?? '', r, r.standardError, SUMMARY_TEXT.get(r.metric) ?? '', moneyDecimals(r.metric));
  for (const c of f.comparisons) {
    add(c.policy, 'deltaNpvVsBaseline', 'currency', c.deltaNpv, c.deltaNpvStandardError, `NPV(policy) - NPV(${c.baseline}), run by run`);
    add(c.policy, 'pBeatBaseline', 'share', { mean: c.pBeatBaseline }, c.pBeatStandardError, `Share of runs in which the policy's NPV beats ${c.baseline}'s`);
    if (c.roi) add(c.policy, 'roi', 'ratio', c.roi, undefined, 'NPV vs baseline / present value of the programme cost');
    add(c.policy, 'paybackMonth', 'month', c.paybackMonth, undefined, 'Month from which cumulative NPV stays ahead of the baseline (blank: not within the horizon)');
    add(c.policy, 'pPaybackWithinHorizon', 'share', { mean: c.pPayback }, undefined, 'Share of runs that pay back within the horizon');
  }
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 10;
  for (let j = 4; j <= 10; j++) ws.getColumn(j).width = 15;
  ws.getColumn(11).width = 80;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 11 } };
}

function assumptionsSheet(wb: Workbook, f: Forecast): void {
  const ws = wb.addWorksheet(SHEETS.assumptions, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const header = ws.getRow(1);
  header.values = ['Input', 'Value', 'Unit', 'Uncertain', 'Description and source'];
  styleHeader(header);
  const uncertain = new Set(f.inputs.map((i) => i.path));
  for (const a of f.assumptions) {
    const row = ws.addRow([a.path, a.value, a.unit ?? null, uncertain.has(a.path) ? 'yes' : null, a.description ?? null]);
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  ws.getColumn(1).width = 52;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 22;
  ws.getColumn(4).width = 10;
  ws.getColumn(5).width = 100;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
}

function metricsSheet(wb: Workbook, f: Forecast): void {
  const ws = wb.addWorksheet(SHEETS.metrics, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.getRow(1);
  header.values = ['Metric', 'Unit', 'Meaning'];
  styleHeader(header);
  for (const [metric, unit, text] of METRIC_INFO) ws.addRow([metric, unit === 'currency' ? f.scenario.currency : unit, text]);
  for (const [metric, unit, text] of SUMMARY_METRICS) ws.addRow([metric, unit === 'currency' ? f.scenario.currency : unit, `Summary: ${text}`]);
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 90;
}

function runSheet(wb: Workbook, f: Forecast, m: RunManifest): void {
  const ws = wb.addWorksheet(SHEETS.run);
  const header = ws.getRow(1);
  header.values = ['Field', 'Value'];
  styleHeader(header);
  const rows: [string, string | number][] = [
    ['tool', m.tool],
    ['version', m.version],
    ['scenario', m.scenario],
    ['title', f.scenario.title],
    ['scenario file', m.scenarioFile],
    ['scenario hash (SHA-256)', m.scenarioHash],
    ['seed', m.seed],
    ['runs', m.runs],
    ['engine', m.engine],
    ['workers', m.workers],
    ['horizon (months)', m.horizonMonths],
    ['start month', f.scenario.startMonth],
    ['currency', f.scenario.currency],
    ['baseline', f.scenario.baseline],
    ['command', m.command],
    ['node', m.node],
    ...Object.entries(m.timingsMs).map(([k, v]): [string, number] => [`timing ${k} (ms)`, v]),
    ['percentiles', 'over Monte Carlo runs, linear interpolation between order statistics (type 7, as R and NumPy)'],
  ];
  for (const r of rows) ws.addRow(r);
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 90;
  ws.getColumn(2).alignment = { horizontal: 'left' };
}

// ---------------------------------------------------------------------------------------------
// The workbook

const rowKey = (policy: string, month: number, metric: string): string => `${policy}\u0000${month}\u0000${metric}`;

/** The workbook of a forecast, as the bytes of an .xlsx file (identical bytes for identical input). */
export async function forecastXlsx(f: Forecast, manifest: RunManifest): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'servicecast';
  wb.lastModifiedBy = 'servicecast';
  wb.title = f.scenario.title;
  wb.subject = `servicecast ${manifest.version} forecast of ${f.scenario.name}`;
  wb.created = XLSX_EPOCH;
  wb.modified = XLSX_EPOCH;
  wb.lastPrinted = XLSX_EPOCH;
  const rows = new Map<string, MonthlyRow>();
  for (const r of f.monthly) rows.set(rowKey(r.policy, r.month, r.metric), r);
  summarySheet(wb, f);
  const names = monthlySheetNames(f);
  f.policies.forEach((p, i) => monthlySheet(wb, f, p, names[i] ?? p.key, rows));
  measuresSheet(wb, f);
  assumptionsSheet(wb, f);
  metricsSheet(wb, f);
  runSheet(wb, f, manifest);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return fixZipTimes(bytes);
}

/**
 * Sets the modification time of every entry of a ZIP archive to 1980-01-01 00:00 (DOS time 0,
 * date 0x21), in both the local headers and the central directory, in place. JSZip (inside
 * exceljs) stamps entries with the time of writing; nothing else in the archive depends on it.
 */
export function fixZipTimes(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('forecast.xlsx: the ZIP archive has no end-of-central-directory record');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('forecast.xlsx: unexpected ZIP central directory layout');
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, 0x21, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('forecast.xlsx: unexpected ZIP local header layout');
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, 0x21, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return zip;
}
