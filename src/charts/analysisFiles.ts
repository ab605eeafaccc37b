/**
 * The chart files of the analysis commands (`sweep`, `calibrate`), which sit beside their CSV and
 * JSON rather than under `charts/`: `<stem>.vl.json` (the Vega-Lite spec), `<stem>.svg` and
 * `<stem>.png` (at least 1200 px wide), by file name relative to the folder they are written to.
 */
import { specJson } from './files.js';
import type { Chart } from './index.js';
import { renderChart, type RenderOptions } from './render.js';

/** The chart files of an analysis command, and what to say on stderr when the chart could not be drawn. */
export interface AnalysisChartFiles {
  /** File name -> content (the PNG as bytes). */
  readonly files: Map<string, string | Uint8Array>;
  /** Empty, or one line (ending in a newline) saying why only the spec was written. */
  readonly warning: string;
}

/**
 * The files of one chart named `stem`: its spec, SVG and PNG. When the chart cannot be drawn (no
 * font is found to draw its text, as `renderChart` rejects), the spec alone, and a warning that
 * names the chart as `what` ("sweep chart not drawn (only <stem>.vl.json written): ...").
 */
export async function analysisChartFiles(stem: string, chart: Chart, what: string, options: RenderOptions = {}): Promise<AnalysisChartFiles> {
  const spec = `${stem}.vl.json`;
  try {
    const { svg, png } = await renderChart(chart.spec, options);
    const files = new Map<string, string | Uint8Array>([
      [spec, specJson(chart)],
      [`${stem}.svg`, svg],
      [`${stem}.png`, png],
    ]);
    return { files, warning: '' };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { files: new Map([[spec, specJson(chart)]]), warning: `${what} chart not drawn (only ${spec} written): ${why}\n` };
  }
}
