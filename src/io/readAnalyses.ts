/**
 * The analyses of a finished output folder, read back for `report` and `export`: `evidence.json`
 * (the evidence check) and `sensitivity.json` (the sensitivity analysis). Both are optional (a
 * folder written before they existed has neither); when present, each is checked against its
 * shape and must belong to the folder's scenario, and every problem names the file and field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GRADES } from '../forecast/evidence/ledger.js';
import { STATISTIC_IDS, UNITS } from '../forecast/evidence/statistics.js';
import type { Sensitivity } from '../forecast/sensitivity.js';
import type { Forecast } from '../forecast/types.js';
import type { Analyses } from '../report/files.js';
import type { EvidenceRun } from '../report/htmlEvidence.js';
import { Distribution } from '../scenario/distribution.js';
import { num, outputMsg, parse, readJson, type OutputError } from './readOutput.js';

const pair = z.tuple([num, num]);

const EvidenceJson = z.object({
  runs: z.number().int().min(2),
  seed: z.number().int(),
  policy: z.string(),
  rows: z.array(
    z.object({
      id: z.string(),
      finding: z.string(),
      statement: z.string(),
      source: z.string(),
      grade: z.enum(GRADES),
      unit: z.enum(UNITS),
      stated: z.boolean(),
      statistic: z.enum(STATISTIC_IDS),
      measured: z.string(),
      method: z.string(),
      calibrates: z.array(z.string()),
      checked: z.boolean(),
      gap: z.string().exactOptional(),
      target: num,
      band: pair,
      bandReason: z.string(),
      simulated: num,
      interval: pair,
      spread: pair,
      pInBand: num,
      inBand: z.boolean(),
      intervalInBand: z.boolean(),
      precise: z.boolean(),
      runs: z.number().int().min(0),
      applicable: z.boolean(),
    }),
  ),
});

const SensitivityJson = z.object({
  scenario: z.string(),
  currency: z.string(),
  baseline: z.string(),
  policies: z.array(z.string()),
  inputs: z.array(z.object({ path: z.string(), dist: Distribution })),
  tornado: z.object({
    engine: z.literal('expected'),
    lowQuantile: num,
    highQuantile: num,
    medians: z.record(z.string(), num),
    bestAtBase: z.string(),
    policies: z.array(
      z.object({
        policy: z.string(),
        baseline: z.string(),
        baseDelta: num,
        bars: z.array(z.object({ input: z.string(), lowValue: num, highValue: num, deltaAtLow: num, deltaAtHigh: num, swing: num })),
      }),
    ),
    switches: z.array(z.object({ input: z.string(), bestAtLow: z.string(), bestAtHigh: z.string(), changesDecision: z.boolean() })),
  }),
  rankCorrelations: z.array(
    z.object({
      policy: z.string(),
      baseline: z.string(),
      runs: z.number().int(),
      correlations: z.array(z.object({ input: z.string(), rho: num, significant: z.boolean() })),
    }),
  ),
  valueOfInformation: z.object({
    runs: z.number().int(),
    bestPolicy: z.string(),
    margin: num,
    evpi: num,
    noiseFloor: num,
    inputs: z.array(z.object({ input: z.string(), evppi: num, pDecisionChange: num, bestByDecile: z.array(z.string()) })),
    measureFirst: z.string().nullable(),
  }),
});

/** The analyses found in `dir` for `forecast`; problems with them are added to `errors`. */
export function readAnalyses(dir: string, forecast: Forecast, errors: OutputError[]): Analyses {
  const out: { evidence?: EvidenceRun; sensitivity?: Sensitivity } = {};
  const evidenceFile = path.join(dir, 'evidence.json');
  if (fs.existsSync(evidenceFile)) {
    const data = readJson(evidenceFile, errors);
    const e = data === undefined ? undefined : parse(EvidenceJson, evidenceFile, data, errors);
    if (e) out.evidence = e;
  }
  const sensitivityFile = path.join(dir, 'sensitivity.json');
  if (fs.existsSync(sensitivityFile)) {
    const data = readJson(sensitivityFile, errors);
    const s = data === undefined ? undefined : parse(SensitivityJson, sensitivityFile, data, errors);
    if (s && s.scenario !== forecast.scenario.name) errors.push({ file: sensitivityFile, path: 'scenario', message: outputMsg.otherScenario(s.scenario, forecast.scenario.name) });
    else if (s) out.sensitivity = s;
  }
  return out;
}
