/** Numbers as written to CSV and JSON: plain decimal, no thousands separators, 10 significant digits. */
export function plainNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(10));
  const s = String(rounded);
  if (!s.includes('e')) return s;
  const digits = Math.max(0, Math.min(100, 10 - Math.floor(Math.log10(Math.abs(rounded))) - 1));
  return rounded.toFixed(digits).replace(/\.?0+$/, '');
}

/** A number rounded for JSON (10 significant digits), or null when not finite. */
export function jsonNumber(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return Number(x.toPrecision(10));
}
