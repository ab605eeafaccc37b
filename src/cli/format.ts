/** Plain-text formatting of figures for the terminal. */

/** Money in compact form: 4.1M, 820k, 95. */
export function compactMoney(x: number | null | undefined, currency: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  const sign = x < 0 ? '-' : '';
  const body = a >= 1e9 ? `${(a / 1e9).toFixed(2)}B` : a >= 1e6 ? `${(a / 1e6).toFixed(2)}M` : a >= 1e4 ? `${(a / 1e3).toFixed(0)}k` : a.toFixed(0);
  return `${sign}${currency} ${body}`;
}

export const percent = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(digits)}%`;

export const integer = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Math.round(x).toLocaleString('en-US');

/** A left-aligned first column and right-aligned others. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  ')).join('\n');
}
