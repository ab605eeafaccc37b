/** `forecast.json` (the whole forecast, numbers to 10 significant digits) and `run.json` (the run manifest). */
import type { PrecisionOutcome } from '../forecast/precision.js';
import type { Forecast } from '../forecast/types.js';
import { jsonNumber } from './numbers.js';

/** Stable JSON: numbers rounded, non-finite numbers as null, two-space indentation. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? jsonNumber(v) : v), 2) + '\n';
}

export function forecastJson(f: Forecast): string {
  return stableJson(f);
}

/** What `run.json` records, so that any figure can be reproduced exactly. */
export interface RunManifest {
  readonly tool: 'servicecast';
  readonly version: string;
  readonly scenario: string;
  readonly scenarioFile: string;
  readonly scenarioHash: string;
  readonly seed: number;
  readonly runs: number;
  readonly engine: string;
  readonly workers: number;
  readonly horizonMonths: number;
  readonly command: string;
  readonly node: string;
  readonly timingsMs: Readonly<Record<string, number>>;
  /** Set only when not the default (random sampling). */
  readonly sampling?: 'random' | 'lhs';
  /** With --precision: why the runs stopped (target met, ranking stable, or --max-runs). */
  readonly stopReason?: string;
  /** With --precision: the target and every check made. */
  readonly precision?: PrecisionOutcome;
}

export function runJson(m: RunManifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}
