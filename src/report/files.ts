/**
 * The files of a finished forecast (pipeline stage 5), by name: what `run` writes into
 * `out/<scenario>/` and what `export` and `report` rebuild from a finished folder.
 */
import { buildCharts } from '../charts/index.js';
import { chartFiles } from '../charts/files.js';
import type { Forecast } from '../forecast/types.js';
import { reportHtml } from './html.js';
import { forecastCsv, summaryCsv } from './csv.js';
import { forecastJson, runJson, stableJson, type RunManifest } from './json.js';
import { forecastXlsx } from './xlsx.js';
import type { EvidenceRun } from './htmlEvidence.js';
import type { Sensitivity } from '../forecast/sensitivity.js';
import { sensitivityCsv } from './sensitivityCsv.js';

/** The analyses a report can show beyond the forecast; each also written as its own file. */
export interface Analyses {
  /** The evidence check (evidence.json, the report's "Evidence" section). */
  readonly evidence?: EvidenceRun;
  /** The sensitivity analysis (sensitivity.json and .csv, the tornado chart, the report's section). */
  readonly sensitivity?: Sensitivity;
}

/** evidence.json: how the check ran and its rows (NaN written as null). */
export function evidenceJson(e: EvidenceRun): string {
  return stableJson({ runs: e.runs, seed: e.seed, policy: e.policy, rows: e.rows });
}

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
export async function outputFiles(forecast: Forecast, manifest: RunManifest, analyses: Analyses = {}): Promise<Map<string, string | Uint8Array>> {
  const charts = buildCharts(forecast, analyses.sensitivity ? { sensitivity: analyses.sensitivity } : {});
  const files = new Map<string, string | Uint8Array>([
    ['forecast.csv', forecastCsv(forecast)],
    ['summary.csv', summaryCsv(forecast)],
    ['forecast.json', forecastJson(forecast)],
    ['run.json', runJson(manifest)],
    ['forecast.xlsx', await forecastXlsx(forecast, manifest)],
    ['report.html', reportHtml(forecast, charts, { manifest, ...analyses })],
  ]);
  if (analyses.evidence) files.set('evidence.json', evidenceJson(analyses.evidence));
  if (analyses.sensitivity) {
    files.set('sensitivity.json', stableJson(analyses.sensitivity));
    files.set('sensitivity.csv', sensitivityCsv(analyses.sensitivity));
  }
  for (const [name, content] of await chartFiles(charts)) files.set(name, content);
  return files;
}
