/**
 * The chart files of the analysis commands (`sweep`, `calibrate`), which sit beside their CSV and
 * JSON rather than under `charts/`: `<stem>.vl.json` (the Vega-Lite spec), `<stem>.svg` and
 * `<stem>.png` (at least 1200 px wide), by file name relative to the folder they are written to.
 */
import { specJson } from './files.js';
import type { Chart } from './index.js';
import { renderChart, type RenderOptions } from './render.js';

/** The chart file names of `stem`, in the order they are written. */
export function chartFileNames(stem: string): [string, string, string] {
  return [`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`];
}

/**
 * File name -> content of one chart named `stem` (the PNG as bytes). Rejects, as `renderChart`
 * does, when no font is found to draw the text.
 */
export async function chartFilesAt(stem: string, chart: Chart, options: RenderOptions = {}): Promise<Map<string, string | Uint8Array>> {
  const { svg, png } = await renderChart(chart.spec, options);
  const [spec, svgName, pngName] = chartFileNames(stem);
  return new Map<string, string | Uint8Array>([
    [spec, specJson(chart)],
    [svgName, svg],
    [pngName, png],
  ]);
}
