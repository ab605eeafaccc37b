/**
 * Cumulative tables for drawing one category with one uniform (the agent engine). Rows are
 * closed exactly at 1 from their last positive entry on, so a draw in [0, 1) never lands on a
 * category of probability 0, whatever the rounding of the row's sum.
 */
export function cumulativeRows(table: Float64Array, width: number): Float64Array {
  const out = new Float64Array(table.length);
  for (let row = 0; row < table.length; row += width) {
    let total = 0;
    let last = -1;
    for (let j = 0; j < width; j++) {
      const v = table[row + j] ?? 0;
      total += v;
      if (v > 0) last = j;
    }
    let acc = 0;
    for (let j = 0; j < width; j++) {
      acc += table[row + j] ?? 0;
      out[row + j] = last >= 0 && j < last && total > 0 ? acc / total : 1;
    }
  }
  return out;
}

/** The category of uniform u in the cumulative row starting at `row`. */
export function pick(cdf: Float64Array, row: number, width: number, u: number): number {
  let j = 0;
  while (j < width - 1 && u >= (cdf[row + j] as number)) j++;
  return j;
}
