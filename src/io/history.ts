/**
 * A firm's monthly history for `servicecast calibrate` (read with csv-parse: quoting, a BOM and
 * CRLF line ends handled), and the calibrated scenario written back as YAML: the original file
 * with the fitted values set (comments and layout kept), so the analyst sees exactly what changed.
 *
 * The history CSV: a header row; a `month` column (YYYY-MM, or a date YYYY-MM-DD whose month is
 * taken), one row per consecutive month; and any of the columns `active, churnRate, contacts,
 * meanCes, nps` (objective.ts says what each is). An empty cell is a missing value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseDocument } from 'yaml';
import { addMonths } from '../forecast/calendar.js';
import { HISTORY_COLUMNS, HISTORY_RANGE, type History, type HistoryColumn } from '../forecast/calibrate/objective.js';

/** A problem with a history file: where (line, column name) and what. */
export interface HistoryError {
  readonly file: string;
  readonly line?: number;
  readonly column?: string;
  readonly message: string;
}

export type HistoryResult = { readonly ok: true; readonly value: History } | { readonly ok: false; readonly errors: readonly HistoryError[] };

const MONTH = /^(\d{4}-(?:0[1-9]|1[0-2]))(?:-\d{2})?$/;

/** The messages about history files, in one place. */
export const historyMsg = {
  cannotRead: (reason: string) => `cannot read the file: ${reason}`,
  csv: (reason: string) => `not a valid CSV file: ${reason}`,
  empty: 'no data rows; expected a header row and one row per month',
  noMonth: (found: readonly string[]) => `no "month" column; the header has: ${found.join(', ') || '(nothing)'}`,
  unknownColumn: (name: string) => `unknown column "${name}"; expected month and any of: ${HISTORY_COLUMNS.join(', ')}`,
  duplicate: (name: string) => `column "${name}" appears twice`,
  noData: `no column to fit; expected any of: ${HISTORY_COLUMNS.join(', ')}`,
  badMonth: (found: string) => `found "${found}"; expected a month written YYYY-MM`,
  notConsecutive: (found: string, expected: string) => `found ${found}; expected ${expected}: one row per consecutive month`,
  notNumber: (found: string) => `found "${found}"; expected a number (or an empty cell for a missing value)`,
  outOfRange: (x: number, lo: number, hi: number) => `${x} is out of range; expected ${Number.isFinite(hi) ? `a number between ${lo} and ${hi}` : `a number >= ${lo}`}`,
} as const;

function reason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/** Reads and checks a history CSV; every problem at once, each with its line. */
export function readHistory(file: string): HistoryResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, errors: [{ file, message: historyMsg.cannotRead(reason(err)) }] };
  }
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, info: true }) as unknown as { info: { lines: number }; record: string[] }[];
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    const e: HistoryError = { file, message: historyMsg.csv(err instanceof Error ? err.message : String(err)) };
    return { ok: false, errors: [typeof line === 'number' ? { ...e, line } : e] };
  }
  const head = records[0];
  if (!head || records.length < 2) return { ok: false, errors: [{ file, message: historyMsg.empty }] };
  const errors: HistoryError[] = [];
  const names = head.record;
  const monthAt = names.indexOf('month');
  if (monthAt < 0) errors.push({ file, line: head.info.lines, message: historyMsg.noMonth(names) });
  const wanted: [HistoryColumn, number][] = [];
  const seen = new Set<string>();
  names.forEach((name, j) => {
    if (seen.has(name)) errors.push({ file, line: head.info.lines, column: name, message: historyMsg.duplicate(name) });
    seen.add(name);
    if (name === 'month') return;
    const col = HISTORY_COLUMNS.find((c) => c === name);
    if (col) wanted.push([col, j]);
    else errors.push({ file, line: head.info.lines, column: name, message: historyMsg.unknownColumn(name) });
  });
  if (wanted.length === 0 && monthAt >= 0) errors.push({ file, line: head.info.lines, message: historyMsg.noData });
  if (errors.length > 0) return { ok: false, errors };
  const rows = records.slice(1);
  const months: string[] = [];
  const columns: Partial<Record<HistoryColumn, Float64Array>> = {};
  for (const [c] of wanted) columns[c] = new Float64Array(rows.length);
  rows.forEach(({ info, record }, i) => {
    const line = info.lines;
    const m = MONTH.exec(record[monthAt] ?? '');
    const month = m?.[1];
    if (month === undefined) errors.push({ file, line, column: 'month', message: historyMsg.badMonth(record[monthAt] ?? '') });
    else {
      const prev = months[i - 1];
      if (i > 0 && prev !== undefined && prev !== '' && addMonths(prev, 1) !== month) {
        errors.push({ file, line, column: 'month', message: historyMsg.notConsecutive(month, addMonths(prev, 1)) });
      }
    }
    months.push(month ?? '');
    for (const [c, j] of wanted) {
      const cell = record[j] ?? '';
      const arr = columns[c] as Float64Array;
      if (cell === '') {
        arr[i] = Number.NaN;
        continue;
      }
      const x = Number(cell);
      const [lo, hi] = HISTORY_RANGE[c];
      if (!Number.isFinite(x)) errors.push({ file, line, column: c, message: historyMsg.notNumber(cell) });
      else if (x < lo || x > hi) errors.push({ file, line, column: c, message: historyMsg.outOfRange(x, lo, hi) });
      arr[i] = x;
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { file, months, columns } };
}

/** One line per error: `file:line  column: message`. */
export function formatHistoryErrors(errors: readonly HistoryError[]): string {
  return errors.map((e) => `${e.line === undefined ? e.file : `${e.file}:${e.line}`}  ${e.column === undefined ? '' : `${e.column}: `}${e.message}`).join('\n');
}

/**
 * The scenario file `source` with each dotted path set to its value, as YAML text to be written
 * into `targetDir`: comments and layout kept, a relative `extends` rewritten to stay valid from
 * there, and a header comment saying where the values came from.
 */
export function calibratedScenarioYaml(source: string, values: ReadonlyMap<string, number>, targetDir: string, note: string): string {
  const doc = parseDocument(fs.readFileSync(source, 'utf8'));
  for (const [p, v] of values) doc.setIn(p.split('.'), Number(v.toPrecision(10)));
  const rebase = (rel: string): string => path.relative(targetDir, path.resolve(path.dirname(source), rel)).split(path.sep).join('/');
  const ext = doc.get('extends');
  if (typeof ext === 'string' && !path.isAbsolute(ext)) {
    doc.set('extends', rebase(ext));
  }
  const schema = doc.get('$schema');
  if (typeof schema === 'string' && !path.isAbsolute(schema) && !/^[a-z]+:/i.test(schema)) {
    doc.set('$schema', rebase(schema));
  }
  const header = note
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n');
  // The editor's modeline, `# yaml-language-server: $schema=./schema.json`, rebased too.
  const body = doc
    .toString({ lineWidth: 0 })
    .replace(/^(#\s*yaml-language-server:\s*\$schema=)(\S+)/m, (all, key: string, rel: string) =>
      path.isAbsolute(rel) || /^[a-z]+:/i.test(rel) ? all : `${key}${rebase(rel)}`,
    );
  return `${header}\n${body}`;
}
