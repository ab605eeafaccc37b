/**
 * The chart files of an output folder: for each chart `charts/<id>.vl.json` (the Vega-Lite spec),
 * `charts/<id>.svg` and `charts/<id>.png` (at least 1200 px wide), by file name relative to
 * `out/<scenario>/`, ready to add to the other output files.
 */
import type { Chart } from './index.js';
import { renderChart, type RenderOptions } from './render.js';

/** The Vega-Lite spec as written to `<id>.vl.json`: two-space indentation, final newline. */
export function specJson(chart: Chart): string {
  return JSON.stringify(chart.spec, null, 2) + '\n';
}

/** File name -> content for every chart (the PNG as bytes), charts in order. */
export async function chartFiles(charts: readonly Chart[], options: RenderOptions = {}): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  // All at once, so that their rasterisation overlaps (renderChart); the files keep the charts' order.
  const rendered = await Promise.all(charts.map((chart) => renderChart(chart.spec, options)));
  charts.forEach((chart, i) => {
    const { svg, png } = rendered[i] as { svg: string; png: Uint8Array };
    files.set(`charts/${chart.id}.vl.json`, specJson(chart));
    files.set(`charts/${chart.id}.svg`, svg);
    files.set(`charts/${chart.id}.png`, png);
  });
  return files;
}
