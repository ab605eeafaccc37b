/**
 * The analyses of a finished folder (evidence.json, sensitivity.json): written by `run`, read back
 * by `report` and `export` without loss (NaN included), and every problem named by file and field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildFiles } from '../../src/cli/commands/export.js';
import { readAnalyses } from '../../src/io/readAnalyses.js';
import { readOutput, type OutputError } from '../../src/io/readOutput.js';
import { runPipeline } from '../../src/pipeline.js';
import { evidenceJson } from '../../src/report/files.js';

let dir = '';

beforeAll(async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-analyses-'));
  const r = await runPipeline({ file: 'test/fixtures/forecast/tiny.yaml', sets: [], workers: 1, outRoot: out, command: 'test' });
  if (!r.ok) throw new Error('tiny.yaml failed');
  dir = r.dir;
}, 60_000);

function read() {
  const f = readOutput(dir);
  if (!f.ok) throw new Error(JSON.stringify(f.errors));
  const errors: OutputError[] = [];
  return { analyses: readAnalyses(dir, f.value.forecast, errors), errors, forecast: f.value.forecast };
}

describe('run writes the analyses', () => {
  it('writes evidence.json, sensitivity.json and .csv, and the tornado chart', () => {
    for (const f of ['evidence.json', 'sensitivity.json', 'sensitivity.csv', 'charts/tornado.vl.json', 'charts/tornado.svg', 'charts/tornado.png']) {
      expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
    }
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('id="evidence"');
    expect(html).toContain('id="sensitivity"');
  });
});

describe('readAnalyses', () => {
  it('reads both back without loss, NaN included', () => {
    const { analyses, errors } = read();
    expect(errors).toEqual([]);
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'evidence.json'), 'utf8')) as { rows: unknown[] };
    expect(analyses.evidence?.rows).toHaveLength(written.rows.length);
    expect(analyses.sensitivity?.scenario).toBe('tiny');
    expect(analyses.sensitivity?.tornado.policies[0]?.bars.length).toBeGreaterThan(0);
    // a statistic no world could measure is NaN, written as null and read back as NaN
    const e = analyses.evidence;
    if (!e) throw new Error('no evidence read');
    const file = path.join(dir, 'evidence.json');
    const good = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, evidenceJson({ ...e, rows: e.rows.map((r, i) => (i === 0 ? { ...r, simulated: Number.NaN, interval: [Number.NaN, Number.NaN] as const } : r)) }));
      expect(fs.readFileSync(file, 'utf8')).toContain('"simulated": null');
      const again = read().analyses.evidence;
      expect(again?.rows[0]?.simulated).toBeNaN();
      expect(again?.rows.slice(1)).toEqual(e.rows.slice(1));
    } finally {
      fs.writeFileSync(file, good);
    }
  });

  it('lets `report` rebuild the same report.html and charts byte for byte', async () => {
    const before = fs.readFileSync(path.join(dir, 'report.html'));
    const tornado = fs.readFileSync(path.join(dir, 'charts/tornado.png'));
    const r = await rebuildFiles(dir);
    expect(r.stderr).toBe('');
    expect(fs.readFileSync(path.join(dir, 'report.html')).equals(before)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'charts/tornado.png')).equals(tornado)).toBe(true);
  });

  it('names the file and field of a damaged analysis, and report refuses to run', async () => {
    const file = path.join(dir, 'evidence.json');
    const good = fs.readFileSync(file, 'utf8');
    try {
      const data = JSON.parse(good) as { rows: Record<string, unknown>[] };
      (data.rows[2] as Record<string, unknown>)['grade'] = 'Z';
      fs.writeFileSync(file, JSON.stringify(data));
      const { errors } = read();
      expect(errors).toEqual([{ file, path: 'rows.2.grade', message: 'found "Z"; expected one of: A, B, C' }]);
      const r = await rebuildFiles(dir);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('evidence.json');
      fs.writeFileSync(file, '{ not json');
      expect(read().errors[0]?.message).toMatch(/^not valid JSON/);
    } finally {
      fs.writeFileSync(file, good);
    }
  });

  it('refuses the sensitivity analysis of another scenario', () => {
    const file = path.join(dir, 'sensitivity.json');
    const good = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, good.replace('"scenario": "tiny"', '"scenario": "other"'));
      const { errors, analyses } = read();
      expect(errors).toHaveLength(1);
      expect(errors[0]?.path).toBe('scenario');
      expect(errors[0]?.message).toContain('scenario "other", not of this folder\'s "tiny"');
      expect(analyses.sensitivity).toBeUndefined();
    } finally {
      fs.writeFileSync(file, good);
    }
  });

  it('reads a folder without analyses as having none', () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bare-'));
    const { forecast } = read();
    const errors: OutputError[] = [];
    expect(readAnalyses(bare, forecast, errors)).toEqual({});
    expect(errors).toEqual([]);
  });
});
