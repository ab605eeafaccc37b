/**
 * Headless rendering: every chart to SVG and to a PNG at least 1200 px wide, with its text drawn.
 * The PNGs go to out/test-charts/ for a person to look at (they are not compared: anti-aliasing
 * and font hinting differ across machines, the specs' golden files pin what is drawn).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCharts, chartFiles, renderChart } from '../../src/charts/index.js';
import { parseFontMetrics, textWidth } from '../../src/charts/fontMetrics.js';
import { findFontFiles, FONT_MISSING } from '../../src/charts/render.js';
import { fixtureDeltaNpvRuns, fixtureForecast } from './fixture.js';

const fonts = findFontFiles();
const missing = fonts.length === 0 && !process.env.CI;
if (missing) console.warn(`skipping chart rendering tests: ${FONT_MISSING}`);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe.skipIf(missing)('renderChart', () => {
  const charts = buildCharts(fixtureForecast(), { deltaNpvRuns: fixtureDeltaNpvRuns() });
  const dir = path.resolve('out/test-charts');
  mkdirSync(dir, { recursive: true });

  it('finds DejaVu Sans and reads its metrics', () => {
    expect(fonts.length).toBeGreaterThan(0);
    const m = parseFontMetrics(readFileSync(fonts[0] ?? ''));
    // DejaVu Sans: digits are 0.636 em, "i" 0.278 em, "m" 0.974 em.
    expect(m.advance('0'.codePointAt(0) ?? 0)).toBeCloseTo(0.636, 2);
    expect(m.advance('i'.codePointAt(0) ?? 0)).toBeCloseTo(0.278, 2);
    expect(textWidth(m, 'mm', 10)).toBeCloseTo(19.48, 1);
  });

  for (const chart of charts) {
    it(`renders ${chart.id} to SVG and a PNG at least 1200 px wide`, async () => {
      const { svg, png } = await renderChart(chart.spec);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('<text');
      expect(svg).toContain(chart.title.split(' ')[0] ?? '');
      expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const { width, height } = pngSize(png);
      expect(width).toBeGreaterThanOrEqual(1200);
      expect(height).toBeGreaterThan(300);
      // A blank or text-less PNG of this size compresses to far less.
      expect(png.byteLength).toBeGreaterThan(30_000);
      writeFileSync(path.join(dir, `${chart.id}.png`), png);
      writeFileSync(path.join(dir, `${chart.id}.svg`), svg);
    });
  }

  it('fails with a clear message when no font file can be read', async () => {
    const spec = charts[0]?.spec;
    expect(spec).toBeDefined();
    if (spec) await expect(renderChart(spec, { fontFiles: [] })).rejects.toThrow(/No DejaVu Sans font/);
  });
});

describe.skipIf(missing)('chartFiles', () => {
  it('gives each chart its spec, SVG and PNG under charts/', async () => {
    const charts = buildCharts(fixtureForecast()).slice(0, 2);
    const files = await chartFiles(charts);
    expect([...files.keys()]).toEqual(charts.flatMap((c) => [`charts/${c.id}.vl.json`, `charts/${c.id}.svg`, `charts/${c.id}.png`]));
    expect(JSON.parse(String(files.get(`charts/${charts[0]?.id}.vl.json`)))).toEqual(JSON.parse(JSON.stringify(charts[0]?.spec)));
    expect(files.get(`charts/${charts[0]?.id}.png`)).toBeInstanceOf(Uint8Array);
  });
});
