/**
 * Golden files for chart specs (Observable Plot's way): numbers rounded to 4 significant digits,
 * compared as text with `test/golden/charts/<name>.vl.json`. On a mismatch the new spec is written
 * next to the golden as `<name>-changed.vl.json` for review and the test fails; a missing golden is
 * written and the test fails saying so. UPDATE_GOLDEN=1 writes the goldens instead of comparing.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden/charts');

/** Numbers rounded to `digits` significant digits, everywhere in a JSON value. */
export function roundDeep(value: unknown, digits = 4): unknown {
  if (typeof value === 'number') return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value;
  if (Array.isArray(value)) return value.map((v) => roundDeep(v, digits));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v, digits)]));
  return value;
}

export function goldenText(value: unknown): string {
  return JSON.stringify(roundDeep(value), null, 2) + '\n';
}

/** Compares `value` with its golden file; returns an error message, or undefined when it matches. */
export function checkGolden(name: string, value: unknown): string | undefined {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  const file = path.join(GOLDEN_DIR, `${name}.vl.json`);
  const changed = path.join(GOLDEN_DIR, `${name}-changed.vl.json`);
  const text = goldenText(value);
  const rel = (f: string) => path.relative(process.cwd(), f);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, text);
    rmSync(changed, { force: true });
    return undefined;
  }
  if (!existsSync(file)) {
    writeFileSync(file, text);
    return `golden file ${rel(file)} did not exist and has been written: review it, then run the test again`;
  }
  if (readFileSync(file, 'utf8') === text) {
    rmSync(changed, { force: true });
    return undefined;
  }
  writeFileSync(changed, text);
  return `spec ${name} differs from its golden file ${rel(file)}; the new spec is in ${rel(changed)} (diff them; if the change is intended, rename it over the golden or run with UPDATE_GOLDEN=1)`;
}
