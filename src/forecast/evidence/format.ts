/** How an evidence value is written, in the unit of its finding. */
import type { StatisticUnit } from './statistics.js';

/** A value in the unit of its finding: 96.0% (share), 3.68x (ratio), +27.7% (change); n/a when not finite. */
export function formatValue(x: number, unit: StatisticUnit): string {
  if (!Number.isFinite(x)) return 'n/a';
  switch (unit) {
    case 'share':
      return `${(100 * x).toFixed(1)}%`;
    case 'ratio':
      return `${x.toFixed(2)}x`;
    case 'change':
      return `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
  }
}
