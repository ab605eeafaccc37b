/**
 * The files of a finished forecast (pipeline stage 5), by name: what `run` writes into
 * `out/<scenario>/` and what `export` and `report` rebuild from a finished folder.
 */
import { buildCharts } from '../charts/index.js';
import { chartFiles } from '../charts/files.js';
import type { Forecast } from '../forecast/types.js';
import { reportHtml } from './html.js';
import { forecastCsv, summaryCsv } from './csv.js';
import { forecastJson, runJson, type RunManifest } from './json.js';
import { forecastXlsx } from './xlsx.js';

/** The export formats and the files each one is made of (run.json, the record of the run, is never rewritten by an export). */
export const FORMAT_FILES = {
  csv: ['forecast.csv', 'summary.csv'],
  xlsx: ['forecast.xlsx'],
  json: ['forecast.json'],
} as const;
export type ExportFormat = keyof typeof FORMAT_FILES;
export const EXPORT_FORMATS = Object.keys(FORMAT_FILES) as ExportFormat[];

/**
 * Every output file of a forecast: name -> content (text as UTF-8 strings, binary as bytes):
 * the exports, `report.html`, and each chart as `charts/<id>.vl.json`, `.svg` and `.png`.
 */
export async function outputFiles(forecast: Forecast, manifest: RunManifest): Promise<Map<string, string | Uint8Array>> {
  const charts = buildCharts(forecast);
  const files = new Map<string, string | Uint8Array>([
    ['forecast.csv', forecastCsv(forecast)],
    ['summary.csv', summaryCsv(forecast)],
    ['forecast.json', forecastJson(forecast)],
    ['run.json', runJson(manifest)],
    ['forecast.xlsx', await forecastXlsx(forecast, manifest)],
    ['report.html', reportHtml(forecast, charts, { manifest })],
  ]);
  for (const [name, content] of await chartFiles(charts)) files.set(name, content);
  return files;
}
