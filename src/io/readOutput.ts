/**
 * A finished output folder, read back and updated: `out/<scenario>/forecast.json` and `run.json`
 * become a `Forecast` and a `RunManifest` again (so that `export` and `report` rebuild files
 * without simulating), and rebuilt files replace the old ones one at a time, atomically.
 *
 * Every problem is reported with its file and field; none throws.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { METRICS, type MetricName } from '../engine/metrics.js';
import type { Forecast } from '../forecast/types.js';
import { SUMMARY_METRICS, type SummaryMetric } from '../forecast/types.js';
import type { RunManifest } from '../report/json.js';
import { Distribution } from '../scenario/distribution.js';
import { showValue } from '../scenario/messages.js';

/** A problem with a finished output folder: the file, the field (dotted, empty for the whole file) and what is wrong. */
export interface OutputError {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export interface FinishedRun {
  readonly dir: string;
  readonly forecast: Forecast;
  readonly manifest: RunManifest;
}

export type ReadOutputResult = { readonly ok: true; readonly value: FinishedRun } | { readonly ok: false; readonly errors: readonly OutputError[] };

/** The messages about output folders, in one place. */
export const outputMsg = {
  noFolder: 'no such folder; expected a finished output folder such as out/default (written by "servicecast run")',
  notFolder: 'not a folder; expected a finished output folder such as out/default',
  cannotRead: (reason: string) => `cannot read the file: ${reason}; is this a finished output folder of "servicecast run"?`,
  notJson: (reason: string) => `not valid JSON (${reason}); the file is corrupt: run the scenario again`,
  disagree: (field: string, inRun: unknown, inForecast: unknown) =>
    `run.json says ${field} ${String(inRun)} but forecast.json says ${String(inForecast)}; the two files come from different runs`,
  otherScenario: (found: string, expected: string) =>
    `is an analysis of scenario "${found}", not of this folder's "${expected}"; delete it or run the analysis of "${expected}" again`,
  unknownPolicy: (policy: string) => `"${policy}" is not one of the forecast's policies`,
  missingRows: (found: number, expected: number) => `has ${found} rows; expected ${expected} (policies x months x metrics)`,
  moreIssues: (n: number) => `... and ${n} more problems`,
  missing: (expected: string) => `missing; expected ${expected.startsWith('one of') ? expected : article(expected)}`,
  wrongType: (found: string, expected: string) => `found ${found}; expected ${article(expected)}`,
  oneOf: (found: string, values: readonly string[]) => `found ${found}; expected one of: ${values.join(', ')}`,
  cannotWrite: (reason: string) => `cannot write the file: ${reason}`,
} as const;

function article(type: string): string {
  return type === 'null' || type === 'undefined' ? type : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

// ---------------------------------------------------------------------------------------------
// The shapes of forecast.json and run.json

/** A number as written by `stableJson`: non-finite numbers are null, read back as NaN. */
export const num = z.number().nullable().transform((x) => x ?? Number.NaN);
const summaryShape = { mean: num, p5: num, p25: num, p50: num, p75: num, p95: num };
const SummaryJson = z.object(summaryShape);
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written YYYY-MM');

const metricNames = METRICS as readonly MetricName[] as [MetricName, ...MetricName[]];
const summaryMetricNames = SUMMARY_METRICS.map((m) => m[0]) as [SummaryMetric, ...SummaryMetric[]];

const ForecastJson = z.object({
  scenario: z.object({
    name: z.string(),
    title: z.string(),
    currency: z.string(),
    startMonth: isoMonth,
    horizonMonths: z.number().int().min(1),
    runs: z.number().int().min(1),
    seed: z.number().int(),
    engine: z.string(),
    baseline: z.string(),
  }),
  policies: z.array(z.object({ key: z.string(), label: z.string() })).min(1),
  monthly: z.array(z.object({ policy: z.string(), month: z.number().int().min(1), date: isoMonth, metric: z.enum(metricNames), ...summaryShape })),
  summary: z.array(z.object({ policy: z.string(), metric: z.enum(summaryMetricNames), ...summaryShape, standardError: num.optional().transform((x) => x ?? Number.NaN) })),
  comparisons: z.array(
    z.object({
      policy: z.string(),
      baseline: z.string(),
      deltaNpv: SummaryJson,
      pBeatBaseline: num,
      pBeatStandardError: num,
      deltaNpvStandardError: num,
      roi: SummaryJson.nullable(),
      paybackMonth: z.object({ p5: z.number().nullable(), p50: z.number().nullable(), p95: z.number().nullable() }),
      pPayback: num,
    }),
  ),
  inputs: z.array(z.object({ path: z.string(), dist: Distribution })),
  /** Absent in folders written before the assumptions sheet existed. */
  assumptions: z
    .array(
      z.object({
        path: z.string(),
        value: z.union([z.number(), z.string()]),
        unit: z.string().exactOptional(),
        description: z.string().exactOptional(),
      }),
    )
    .default([]),
  /** Absent in folders written before the NPV-difference histogram existed. */
  deltaNpvRuns: z.record(z.string(), z.array(z.number())).exactOptional(),
});

/** A number of run.json that JSON may have written as null (an infinite half-width). */
const jsonNumber = z.union([z.number(), z.null()]).transform((v) => v ?? Number.NaN);

/** `--precision`'s outcome in run.json (`PrecisionOutcome`). */
const PrecisionJson = z.object({
  target: z.string(),
  stopReason: z.enum(['precision', 'ranking', 'max-runs']),
  runs: z.number().int().min(1),
  maxRuns: z.number().int().min(1),
  step: z.number().int().min(1),
  checks: z.array(
    z.object({
      runs: z.number().int(),
      policies: z.array(z.object({ policy: z.string(), meanDelta: jsonNumber, halfWidth: jsonNumber, target: jsonNumber, met: z.boolean() })),
      met: z.boolean(),
      ranking: z.array(z.string()),
      rankingResolved: z.boolean(),
    }),
  ),
});

const ManifestJson = z.object({
  tool: z.literal('servicecast'),
  version: z.string(),
  scenario: z.string(),
  scenarioFile: z.string(),
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'),
  seed: z.number().int(),
  runs: z.number().int().min(1),
  engine: z.string(),
  workers: z.number().int().min(1),
  horizonMonths: z.number().int().min(1),
  command: z.string(),
  node: z.string(),
  timingsMs: z.record(z.string(), z.number()),
  sampling: z.enum(['random', 'lhs']).exactOptional(),
  stopReason: z.string().exactOptional(),
  precision: PrecisionJson.exactOptional(),
});

// ---------------------------------------------------------------------------------------------
// Reading

const MAX_ISSUES = 10;

/** A JSON file's data, or undefined with the problem in `errors`. */
export function readJson(file: string, errors: OutputError[]): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    errors.push({ file, path: '', message: outputMsg.cannotRead(reason(err)) });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    errors.push({ file, path: '', message: outputMsg.notJson(reason(err)) });
    return undefined;
  }
}

/** An issue in words: what was found and what would be valid. */
function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? outputMsg.missing(issue.expected) : outputMsg.wrongType(showValue(input), issue.expected);
    case 'invalid_value':
      return input === undefined ? outputMsg.missing(`one of: ${issue.values.map(String).join(', ')}`) : outputMsg.oneOf(showValue(input), issue.values.map(String));
    default:
      return issue.message;
  }
}

/** `data` checked against `schema`, or undefined with every issue (file, field, message) in `errors`. */
export function parse<T extends z.ZodType>(schema: T, file: string, data: unknown, errors: OutputError[]): z.output<T> | undefined {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  const issues = r.error.issues;
  for (const issue of issues.slice(0, MAX_ISSUES)) errors.push({ file, path: issue.path.map(String).join('.'), message: issueMessage(issue) });
  if (issues.length > MAX_ISSUES) errors.push({ file, path: '', message: outputMsg.moreIssues(issues.length - MAX_ISSUES) });
  return undefined;
}

/** The checks across fields and files that the shapes cannot express. */
function crossCheck(dir: string, f: Forecast, m: RunManifest, errors: OutputError[]): void {
  const forecastFile = path.join(dir, 'forecast.json');
  const runFile = path.join(dir, 'run.json');
  const keys = new Set(f.policies.map((p) => p.key));
  if (!keys.has(f.scenario.baseline)) errors.push({ file: forecastFile, path: 'scenario.baseline', message: outputMsg.unknownPolicy(f.scenario.baseline) });
  const badRow = f.monthly.findIndex((r) => !keys.has(r.policy));
  if (badRow >= 0) errors.push({ file: forecastFile, path: `monthly.${badRow}.policy`, message: outputMsg.unknownPolicy(f.monthly[badRow]?.policy ?? '') });
  const expected = f.policies.length * f.scenario.horizonMonths * METRICS.length;
  if (f.monthly.length !== expected) errors.push({ file: forecastFile, path: 'monthly', message: outputMsg.missingRows(f.monthly.length, expected) });
  for (const field of ['seed', 'runs', 'horizonMonths', 'engine'] as const) {
    if (m[field] !== f.scenario[field]) errors.push({ file: runFile, path: field, message: outputMsg.disagree(field, m[field], f.scenario[field]) });
  }
  if (m.scenario !== f.scenario.name) errors.push({ file: runFile, path: 'scenario', message: outputMsg.disagree('scenario', m.scenario, f.scenario.name) });
}

/** Reads `dir/forecast.json` and `dir/run.json` of a finished run, checking their shape. */
export function readOutput(dir: string): ReadOutputResult {
  const errors: OutputError[] = [];
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    return { ok: false, errors: [{ file: dir, path: '', message: outputMsg.noFolder }] };
  }
  if (!stat.isDirectory()) return { ok: false, errors: [{ file: dir, path: '', message: outputMsg.notFolder }] };
  const forecastFile = path.join(dir, 'forecast.json');
  const runFile = path.join(dir, 'run.json');
  const forecastData = readJson(forecastFile, errors);
  const forecast: Forecast | undefined = forecastData === undefined ? undefined : parse(ForecastJson, forecastFile, forecastData, errors);
  const runData = readJson(runFile, errors);
  const manifest: RunManifest | undefined = runData === undefined ? undefined : parse(ManifestJson, runFile, runData, errors);
  if (forecast === undefined || manifest === undefined) return { ok: false, errors };
  crossCheck(dir, forecast, manifest, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { dir, forecast, manifest } };
}

/** One line per error: `file  field: message`. */
export function formatOutputErrors(errors: readonly OutputError[]): string {
  return errors.map((e) => `${e.file}  ${e.path === '' ? '' : `${e.path}: `}${e.message}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Writes each file into the existing folder `dir`, one at a time and atomically: the content goes
 * to a temporary file beside the target, which is renamed over it only once complete. A failure
 * leaves the old file in place and returns the error (files written before it stay replaced).
 */
export function replaceFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): OutputError[] {
  const errors: OutputError[] = [];
  for (const [name, content] of files) {
    const target = path.join(dir, name);
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(tmp, content);
      fs.renameSync(tmp, target);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      errors.push({ file: target, path: '', message: outputMsg.cannotWrite(reason(err)) });
      break;
    }
  }
  return errors;
}

function reason(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a folder';
    return err.message;
  }
  return String(err);
}
