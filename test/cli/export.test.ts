import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportCommand, exportRun, rebuildFiles } from '../../src/cli/commands/export.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { readOutput } from '../../src/io/readOutput.js';
import { runPipeline } from '../../src/pipeline.js';

const FIXTURE = 'test/fixtures/forecast/tiny';

/** A scratch copy of the fixture output folder. */
function copy(): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-export-')), 'tiny');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const read = (dir: string, name: string): Buffer => fs.readFileSync(path.join(dir, name));
const ls = (dir: string): string[] => fs.readdirSync(dir).sort();

describe('export', () => {
  it('writes the CSV files of a finished run, nothing else', async () => {
    const dir = copy();
    const out = await exportRun(dir, ['csv']);
    expect(out).toEqual({ stdout: `wrote ${dir}/forecast.csv, ${dir}/summary.csv\n`, stderr: '', exitCode: 0 });
    expect(ls(dir)).toEqual(['forecast.csv', 'forecast.json', 'run.json', 'summary.csv']);
    expect(read(dir, 'forecast.csv').equals(fs.readFileSync('test/golden/csv/forecast.csv'))).toBe(true);
    expect(read(dir, 'summary.csv').equals(fs.readFileSync('test/golden/csv/summary.csv'))).toBe(true);
  });

  it('writes the workbook, the same bytes every time', async () => {
    const dir = copy();
    expect((await exportRun(dir, ['xlsx'])).exitCode).toBe(0);
    const first = read(dir, 'forecast.xlsx');
    expect(first.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await exportRun(dir, ['xlsx'])).exitCode).toBe(0);
    expect(read(dir, 'forecast.xlsx').equals(first)).toBe(true);
    expect(ls(dir)).toEqual(['forecast.json', 'forecast.xlsx', 'run.json']);
  });

  it('rewrites forecast.json identically and never touches run.json', async () => {
    const dir = copy();
    const before = read(dir, 'forecast.json');
    fs.writeFileSync(path.join(dir, 'run.json'), read(dir, 'run.json').toString('utf8').replace('"node"', '"extra": 1, "node"'));
    const run = read(dir, 'run.json');
    expect((await exportRun(dir, ['json'])).exitCode).toBe(0);
    expect(read(dir, 'forecast.json').equals(before)).toBe(true);
    expect(read(dir, 'run.json').equals(run)).toBe(true);
  });

  it('the command handler parses formats and prints what it wrote', async () => {
    const dir = copy();
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await exportCommand.handler({ _: [], $0: 'servicecast', dir, format: ['xlsx', 'csv'] });
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toBe(`wrote ${dir}/forecast.csv, ${dir}/summary.csv, ${dir}/forecast.xlsx\n`);
    expect(process.exitCode).toBeUndefined();
  });
});

describe('report', () => {
  it('rebuilds every file but run.json', async () => {
    const dir = copy();
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await reportCommand.handler({ _: [], $0: 'servicecast', dir });
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toMatch(
      /^wrote .*forecast\.csv, .*summary\.csv, .*forecast\.json, .*forecast\.xlsx, .*report\.html, .*charts\/active-customers\.vl\.json, .*\.png\n$/,
    );
    expect(ls(dir)).toEqual(['charts', 'forecast.csv', 'forecast.json', 'forecast.xlsx', 'report.html', 'run.json', 'summary.csv']);
    expect(read(dir, 'run.json').equals(fs.readFileSync(`${FIXTURE}/run.json`))).toBe(true);
  });

  it('reproduces the files of a run byte for byte, without simulating', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-report-'));
    const r = await runPipeline({ file: 'test/fixtures/forecast/tiny.yaml', sets: ['runs=3', 'horizonMonths=3'], workers: 1, outRoot: root, command: 'test' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(ls(r.dir)).toEqual(['charts', 'evidence.json', 'forecast.csv', 'forecast.json', 'forecast.xlsx', 'report.html', 'run.json', 'sensitivity.csv', 'sensitivity.json', 'summary.csv']);
    const names = (fs.readdirSync(r.dir, { recursive: true }) as string[]).filter((n) => fs.statSync(path.join(r.dir, n)).isFile()).sort();
    expect(names.filter((n) => n.startsWith('charts/') && n.endsWith('.png')).length).toBeGreaterThanOrEqual(8);
    const before = new Map(names.map((n) => [n, read(r.dir, n)]));
    for (const n of ['forecast.csv', 'summary.csv', 'forecast.xlsx', 'report.html', 'sensitivity.csv']) fs.rmSync(path.join(r.dir, n));
    fs.rmSync(path.join(r.dir, 'charts'), { recursive: true });
    expect((await rebuildFiles(r.dir)).exitCode).toBe(0);
    for (const n of names) expect(read(r.dir, n).equals(before.get(n) ?? Buffer.alloc(0)), n).toBe(true);
  });
});

describe('a folder that is not a finished run', () => {
  it('a missing folder', async () => {
    const out = await exportRun('out/does-not-exist', ['csv']);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe('out/does-not-exist  no such folder; expected a finished output folder such as out/default (written by "servicecast run")\n');
  });

  it('a folder without forecast.json', async () => {
    const dir = copy();
    fs.rmSync(path.join(dir, 'forecast.json'));
    const out = await exportRun(dir, ['csv']);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe(`${dir}/forecast.json  cannot read the file: no such file; is this a finished output folder of "servicecast run"?\n`);
    expect(ls(dir)).toEqual(['run.json']);
  });

  it('corrupt JSON', async () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, 'run.json'), '{"tool": "servicecast",');
    const out = await exportRun(dir, ['csv']);
    expect(out.stderr).toMatch(new RegExp(`^${dir}/run.json  not valid JSON \\(.*\\); the file is corrupt: run the scenario again\\n$`));
  });

  it('a field of the wrong type or missing: the file and the field', async () => {
    const dir = copy();
    const f = JSON.parse(read(dir, 'forecast.json').toString('utf8')) as { monthly: Record<string, unknown>[]; summary: Record<string, unknown>[] };
    const row = f.monthly[3];
    if (row) row['mean'] = 'many';
    const s = f.summary[0];
    if (s) delete s['p50'];
    fs.writeFileSync(path.join(dir, 'forecast.json'), JSON.stringify(f));
    const out = await exportRun(dir, ['csv']);
    expect(out.stderr).toBe(`${dir}/forecast.json  monthly.3.mean: found "many"; expected a number\n${dir}/forecast.json  summary.0.p50: missing; expected a number\n`);
  });

  it('an unknown metric', async () => {
    const dir = copy();
    const f = JSON.parse(read(dir, 'forecast.json').toString('utf8')) as { monthly: Record<string, unknown>[] };
    const row = f.monthly[0];
    if (row) row['metric'] = 'activ';
    fs.writeFileSync(path.join(dir, 'forecast.json'), JSON.stringify(f));
    expect((await exportRun(dir, ['csv'])).stderr).toMatch(/forecast\.json {2}monthly\.0\.metric: found "activ"; expected one of: active, new, /);
  });

  it('run.json and forecast.json from different runs', async () => {
    const dir = copy();
    const m = JSON.parse(read(dir, 'run.json').toString('utf8')) as Record<string, unknown>;
    m['seed'] = 8;
    fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(m));
    expect((await exportRun(dir, ['csv'])).stderr).toBe(`${dir}/run.json  seed: run.json says seed 8 but forecast.json says 7; the two files come from different runs\n`);
  });

  it('null numbers (not finite when written) read back as blanks', async () => {
    const dir = copy();
    const f = JSON.parse(read(dir, 'forecast.json').toString('utf8')) as { monthly: Record<string, unknown>[] };
    const row = f.monthly[0];
    if (row) row['p5'] = null;
    fs.writeFileSync(path.join(dir, 'forecast.json'), JSON.stringify(f));
    const r = readOutput(dir);
    expect(r.ok && Number.isNaN(r.value.forecast.monthly[0]?.p5)).toBe(true);
    expect((await exportRun(dir, ['csv'])).exitCode).toBe(0);
    expect(read(dir, 'forecast.csv').toString('utf8').split('\n')[1]).toMatch(/^exceed,1,2026-11,active,[\d.]+,,/);
  });

  it('the handlers print to stderr and set exit code 1, without a stack trace', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await exportCommand.handler({ _: [], $0: 'servicecast', dir: 'out/nope', format: ['csv'] });
    await reportCommand.handler({ _: [], $0: 'servicecast', dir: 'out/nope' });
    expect(stdout).not.toHaveBeenCalled();
    const err = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(err).toBe('out/nope  no such folder; expected a finished output folder such as out/default (written by "servicecast run")\n'.repeat(2));
    expect(err).not.toMatch(/\bat .*\.ts:\d+/);
    expect(process.exitCode).toBe(1);
  });
});
