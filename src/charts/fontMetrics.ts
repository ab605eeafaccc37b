/**
 * Text widths from a TrueType font's own metrics (cmap + hmtx), for laying out charts without a
 * browser. Vega without a canvas guesses 0.8 em per character, which is far wider than real text,
 * so legends spread out and labels are dropped or cut as "overlapping"; with the advance widths of
 * the font that resvg will draw the text in, the layout matches the picture.
 */

/** Advance widths of one font, in em, by Unicode code point (BMP). */
export interface FontMetrics {
  /** Width in em of one character; `fallback` for characters the font lacks. */
  advance(codePoint: number): number;
  readonly fallback: number;
}

/** Parses a TrueType/OpenType font's `head`, `hhea`, `hmtx` and format-4 `cmap` tables. */
export function parseFontMetrics(font: Uint8Array): FontMetrics {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(font[rec] ?? 0, font[rec + 1] ?? 0, font[rec + 2] ?? 0, font[rec + 3] ?? 0);
    tables.set(tag, view.getUint32(rec + 8));
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) throw new Error('font without head, hhea, hmtx or cmap table');
  const unitsPerEm = view.getUint16(head + 18);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const advanceOfGlyph = (g: number): number => view.getUint16(hmtx + 4 * Math.min(g, numberOfHMetrics - 1)) / unitsPerEm;

  // The Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4.
  let sub = -1;
  const n = view.getUint16(cmap + 2);
  for (let i = 0; i < n; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const offset = cmap + view.getUint32(cmap + 8 + 8 * i);
    if (view.getUint16(offset) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) sub = offset;
  }
  if (sub < 0) throw new Error('font without a format-4 Unicode cmap');
  const segCount = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  const glyphOf = (c: number): number => {
    for (let i = 0; i < segCount; i++) {
      if (c > view.getUint16(ends + 2 * i)) continue;
      const start = view.getUint16(starts + 2 * i);
      if (c < start) return 0;
      const delta = view.getUint16(deltas + 2 * i);
      const ro = view.getUint16(rangeOffsets + 2 * i);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = view.getUint16(rangeOffsets + 2 * i + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  const fallback = advanceOfGlyph(glyphOf(0x6f)) || 0.6; // an "o"
  return {
    fallback,
    advance(c: number): number {
      let w = cache.get(c);
      if (w === undefined) {
        const g = c <= 0xffff ? glyphOf(c) : 0;
        w = g === 0 ? fallback : advanceOfGlyph(g);
        cache.set(c, w);
      }
      return w;
    },
  };
}

/** Width in px of `text` at `fontSize` px. */
export function textWidth(metrics: FontMetrics, text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += metrics.advance(ch.codePointAt(0) ?? 0x6f);
  return em * fontSize;
}
