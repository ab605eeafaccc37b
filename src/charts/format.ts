/**
 * Numbers as people read them, shared by the charts (as text in tooltips, and as Vega expressions
 * for axis labels) and the HTML report, so that a figure reads the same everywhere.
 */

/** The symbol written before an amount of `currency` (ISO 4217 code); other codes are written "CHF 12k". */
const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', AUD: 'A$', CAD: 'C$', NZD: 'NZ$', INR: '₹' };

export function currencyPrefix(currency: string): string {
  return SYMBOLS[currency] ?? `${currency} `;
}

/** The minus sign used in text (U+2212, which reads better than a hyphen). */
export const MINUS = '−';

const finite = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/** Up to `digits` significant digits, trailing zeros dropped: 4.1, 12.3, 820. */
function significant(a: number, digits: number): string {
  if (a === 0) return '0';
  const s = a >= 10 ** digits ? Math.round(a).toString() : Number(a.toPrecision(digits)).toString();
  return s;
}

/** Thousands separators on an integer string. */
function groupThousands(s: string): string {
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Money in compact form with the currency: $4.1M, $820k, $1,062, −$0.3M; 3 significant digits
 * above 10,000. `n/a` when not a finite number.
 */
export function money(x: number | null | undefined, currency: string, digits = 3): string {
  if (!finite(x)) return 'n/a';
  const a = Math.abs(x);
  const sign = x < 0 && Number(a.toPrecision(digits)) !== 0 ? MINUS : '';
  let body: string;
  if (a >= 1e9) body = `${significant(a / 1e9, digits)}B`;
  else if (a >= 1e6) body = `${significant(a / 1e6, digits)}M`;
  else if (a >= 1e4) body = `${significant(a / 1e3, digits)}k`;
  else body = groupThousands(Math.round(a).toString());
  return `${sign}${currencyPrefix(currency)}${body}`;
}

/** A share as a percentage: 0.905 -> "90.5%", 0.99 -> "99%", 0.0151 -> "1.51%". */
export function percent(x: number | null | undefined, digits = 3): string {
  if (!finite(x)) return 'n/a';
  const p = 100 * x;
  const a = Math.abs(p);
  const decimals = a === 0 ? 0 : a >= 10 ** (digits - 1) ? 0 : Math.min(4, digits - 1 - Math.floor(Math.log10(a)));
  const s = Number(a.toFixed(Math.max(0, decimals))).toString();
  return `${p < 0 && Number(s) !== 0 ? MINUS : ''}${a >= 1000 ? groupThousands(s) : s}%`;
}

/**
 * Percentage points, for standard errors of probabilities and rates: 0.0207 -> "2.1 pp"; below
 * 0.1 pp two significant digits, so a small error never shows as zero: 0.0000312 -> "0.0031 pp".
 */
export function percentagePoints(x: number | null | undefined): string {
  if (!finite(x)) return 'n/a';
  const p = 100 * Math.abs(x);
  return `${p >= 10 ? p.toFixed(0) : p >= 0.1 ? p.toFixed(1) : p === 0 ? '0' : Number(p.toPrecision(2)).toString()} pp`;
}

/** A count of people or things: 200,155; 3.2k is never used, counts stay whole. */
export function count(x: number | null | undefined): string {
  if (!finite(x)) return 'n/a';
  return `${x < 0 ? MINUS : ''}${groupThousands(Math.round(Math.abs(x)).toString())}`;
}

/** A plain number with up to `digits` significant digits, thousands grouped (NPS points, ROI, inputs). */
export function plain(x: number | null | undefined, digits = 3): string {
  if (!finite(x)) return 'n/a';
  const a = Math.abs(x);
  const s = a >= 10 ** digits ? Math.round(a).toString() : Number(a.toPrecision(digits)).toString();
  if (s.includes('e')) return `${x < 0 ? MINUS : ''}${s}`;
  const [int = '', frac] = s.split('.');
  const out = frac === undefined ? groupThousands(int) : `${groupThousands(int)}.${frac}`;
  return `${x < 0 && Number(s) !== 0 ? MINUS : ''}${out}`;
}

/** "Jan 2027" from "2027-01". */
export function monthLabel(date: string): string {
  const [y, m] = date.split('-');
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[Number(m) - 1] ?? m} ${y}`;
}

/** A number rounded to `digits` significant digits, for the data inlined in a chart. */
export function roundTo(x: number, digits = 6): number {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)) : x;
}

/**
 * A Vega expression that formats `value` (an expression) as compact money, as `money` does, for
 * axis labels: `$4.1M`, `$820k`, `$1,062`.
 */
export function moneyExpr(value: string, currency: string): string {
  const prefix = JSON.stringify(currencyPrefix(currency)).replace(/"/g, "'");
  const a = `abs(${value})`;
  const body =
    `(${a} >= 1e9 ? format(${a} / 1e9, '.3~r') + 'B' : ${a} >= 1e6 ? format(${a} / 1e6, '.3~r') + 'M' : ` +
    `${a} >= 1e4 ? format(${a} / 1e3, '.3~r') + 'k' : format(${a}, ',.0f'))`;
  return `(${value} < 0 ? '${MINUS}' : '') + ${prefix} + ${body}`;
}
