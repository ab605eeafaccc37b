/**
 * The tidy CSV exports: `forecast.csv` (policy, month, date, metric, mean, p5..p95: one row per
 * policy, month and metric) and `summary.csv` (policy, metric, mean, p5..p95, with the comparison
 * measures against the baseline, and `se`: the Monte Carlo standard error of the mean, or of the
 * share for pBeatBaseline). UTF-8, comma-separated, plain numbers, ISO dates (YYYY-MM).
 */
import type { Forecast } from '../forecast/types.js';
import type { Summary } from '../forecast/quantile.js';
import { plainNumber } from './numbers.js';

const STATS = ['mean', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;

/** A CSV field, quoted (RFC 4180) only when it must be. */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const stats = (s: Summary): string => STATS.map((k) => plainNumber(s[k])).join(',');

export function forecastCsv(f: Forecast): string {
  const lines = [`policy,month,date,metric,${STATS.join(',')}`];
  for (const r of f.monthly) lines.push(`${csvField(r.policy)},${r.month},${r.date},${r.metric},${stats(r)}`);
  return lines.join('\n') + '\n';
}

export function summaryCsv(f: Forecast): string {
  const lines = [`policy,metric,${STATS.join(',')},se`];
  for (const r of f.summary) lines.push(`${csvField(r.policy)},${r.metric},${stats(r)},${plainNumber(r.standardError)}`);
  for (const c of f.comparisons) {
    const p = csvField(c.policy);
    lines.push(`${p},deltaNpvVsBaseline,${stats(c.deltaNpv)},${plainNumber(c.deltaNpvStandardError)}`);
    lines.push(`${p},pBeatBaseline,${plainNumber(c.pBeatBaseline)},,,,,,${plainNumber(c.pBeatStandardError)}`);
    if (c.roi) lines.push(`${p},roi,${stats(c.roi)},`);
    lines.push(`${p},paybackMonth,,${plainNumber(c.paybackMonth.p5)},,${plainNumber(c.paybackMonth.p50)},,${plainNumber(c.paybackMonth.p95)},`);
    lines.push(`${p},pPaybackWithinHorizon,${plainNumber(c.pPayback)},,,,,,`);
  }
  return lines.join('\n') + '\n';
}
