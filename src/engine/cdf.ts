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

/**
 * The most likely category of each row of a table of rows of `width` probabilities (the first
 * one on ties), for `pickFrom`.
 */
export function rowModes(table: Float64Array, width: number): Uint8Array {
  const out = new Uint8Array(Math.floor(table.length / width));
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let j = 1; j < width; j++) if ((table[r * width + j] ?? 0) > (table[r * width + best] ?? 0)) best = j;
    out[r] = best;
  }
  return out;
}

/**
 * `pick` that tries the row's most likely category first: the same category for every u (the
 * intervals [cdf[j - 1], cdf[j]) do not overlap), found with one comparison or two most of the time
 * instead of a walk from category 0.
 */
export function pickFrom(cdf: Float64Array, row: number, width: number, u: number, mode: number): number {
  if (u < (cdf[row + mode] as number) && (mode === 0 || u >= (cdf[row + mode - 1] as number))) return mode;
  return pick(cdf, row, width, u);
}
