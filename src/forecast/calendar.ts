/** Calendar months written YYYY-MM. */

/** The month `n` months after `start` (YYYY-MM). */
export function addMonths(start: string, n: number): string {
  const [y, m] = start.split('-').map(Number);
  const index = (y ?? 0) * 12 + ((m ?? 1) - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
