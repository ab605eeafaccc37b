import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.js';
import { readOutput } from '../../src/io/readOutput.js';
import { forecastCsv, summaryCsv } from '../../src/report/csv.js';
import { EXPORT_FORMATS, FORMAT_FILES, outputFiles } from '../../src/report/files.js';
import { forecastJson, runJson } from '../../src/report/json.js';

const FIXTURE = 'test/fixtures/forecast/tiny';

function fixture() {
  const r = readOutput(FIXTURE);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('outputFiles', () => {
  it('renders every output file of a forecast', async () => {
    const { forecast, manifest } = fixture();
    const files = await outputFiles(forecast, manifest);
    const charts = buildCharts(forecast).map((c) => c.id);
    expect([...files.keys()]).toEqual([
      'forecast.csv', 'summary.csv', 'forecast.json', 'run.json', 'forecast.xlsx', 'report.html',
      ...charts.flatMap((id) => [`charts/${id}.vl.json`, `charts/${id}.svg`, `charts/${id}.png`]),
    ]);
    expect(charts.length).toBeGreaterThanOrEqual(8);
    expect(String(files.get('report.html')).startsWith('<!DOCTYPE html>')).toBe(true);
    expect(files.get('forecast.csv')).toBe(forecastCsv(forecast));
    expect(files.get('summary.csv')).toBe(summaryCsv(forecast));
    expect(files.get('forecast.json')).toBe(forecastJson(forecast));
    expect(files.get('run.json')).toBe(runJson(manifest));
    const xlsx = files.get('forecast.xlsx');
    expect(xlsx).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(xlsx as Uint8Array).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('every export format names files that outputFiles renders', async () => {
    const { forecast, manifest } = fixture();
    const names = new Set((await outputFiles(forecast, manifest)).keys());
    for (const f of EXPORT_FORMATS) for (const n of FORMAT_FILES[f]) expect(names.has(n)).toBe(true);
  });

  it('a finished folder read back renders its JSON files byte for byte', async () => {
    const { forecast, manifest } = fixture();
    const files = await outputFiles(forecast, manifest);
    expect(files.get('forecast.json')).toBe(fs.readFileSync(`${FIXTURE}/forecast.json`, 'utf8'));
    expect(files.get('run.json')).toBe(fs.readFileSync(`${FIXTURE}/run.json`, 'utf8'));
  });
});
