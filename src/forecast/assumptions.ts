/**
 * The assumptions sheet: every input of the validated scenario (defaults filled in), one leaf per
 * row, with its value, its unit and the text the schema documents it with (which cites the
 * research a default stands on). Read off the scenario and its zod schema together, so that a
 * field added to the schema shows up here without further code.
 */
import type { z } from 'zod';
import type { Distribution } from '../scenario/distribution.js';
import { isDistribution } from '../random/distribution.js';
import { Scenario } from '../scenario/schema.js';

/** One input of the scenario. */
export interface Assumption {
  /** Dotted path in the scenario, e.g. `segments.consumer.baseChurn` (list items by index). */
  readonly path: string;
  /** A number, a text, a distribution written as text (`pert(min 0.008, mode 0.012, max 0.018, lambda 4)`), or a list of numbers as text. */
  readonly value: number | string;
  /** The unit: `probability`, `share`, a currency code, `months`, `minutes` ... when known. */
  readonly unit?: string;
  /** The schema's description of the field. */
  readonly description?: string;
}

type Schema = z.core.$ZodType;

/** Keys of the scenario file that are not inputs of the model. */
const FILE_ONLY = new Set(['$schema', 'extends']);
const MAX_DEPTH = 32;

/** Units of fields whose range or description does not say it, by field name. */
const UNIT_BY_KEY: Readonly<Record<string, string>> = {
  customers: 'customers',
  acquisitionPerMonth: 'customers per month',
  horizonMonths: 'months',
  rampMonths: 'months',
  month: 'month number',
  startMonth: 'YYYY-MM',
  handleMinutes: 'minutes',
  waitToleranceMinutes: 'minutes',
  maxWaitMinutes: 'minutes',
  openHoursPerMonth: 'hours per month',
  agents: 'agents',
  reachBad: 'people',
  reachGood: 'people',
  loyaltyAnchor: 'score 0-10',
  initialScores: 'weights of scores 0-10',
  newCustomerScores: 'weights of scores 0-10',
  downSteps: 'weights of 1, 2, 3 points',
  upSteps: 'weights of 1, 2 points',
  detractorMultiplier: 'x baseChurn',
  passiveMultiplier: 'x baseChurn',
  promoterMultiplier: 'x baseChurn',
  unresolvedPriceMultiplier: 'x price sensitivity',
  priceElasticity: 'probability per 100% rise',
  change: 'relative change',
  discountRate: 'annual rate',
  runs: 'runs',
  detractor: 'x revenuePerMonth',
  passive: 'x revenuePerMonth',
  promoter: 'x revenuePerMonth',
};

/** Every input leaf of a validated scenario, in document order. */
export function assumptions(scenario: Scenario): Assumption[] {
  const out: Assumption[] = [];
  const root = scenario as unknown as Record<string, unknown>;
  const shape = objectShape(unwrap(Scenario).schema);
  for (const [key, value] of Object.entries(root)) {
    if (FILE_ONLY.has(key)) continue;
    walk(value, shape?.[key], key, key, scenario.currency, out);
  }
  return out;
}

/** A distribution as one line of text: `pert(min 0.008, mode 0.012, max 0.018, lambda 4)`. */
export function distributionText(d: Distribution): string {
  const params = Object.entries(d)
    .filter(([k, v]) => k !== 'dist' && v !== undefined)
    .map(([k, v]) => `${k} ${String(v)}`);
  return `${d.dist}(${params.join(', ')})`;
}

function walk(value: unknown, schema: Schema | undefined, path: string, key: string, currency: string, out: Assumption[]): void {
  if (value === undefined || value === null) return;
  const { schema: here, description } = schema === undefined ? { schema: undefined, description: undefined } : unwrap(schema);
  if (isDistribution(value)) {
    out.push(leaf(path, distributionText(value), unitOf(key, here, description, currency), description));
    return;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    const shown = typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value.trimEnd() : value;
    out.push(leaf(path, shown, unitOf(key, here, description, currency), description));
    return;
  }
  if (Array.isArray(value)) {
    if (value.every((x) => typeof x === 'number')) {
      const text = value.length === 0 ? 'none' : value.map((x) => String(x)).join(', ');
      out.push(leaf(path, text, value.length === 0 ? undefined : unitOf(key, here, description, currency), description));
      return;
    }
    const element = here !== undefined && here._zod.def.type === 'array' ? (here._zod.def as z.core.$ZodArrayDef).element : undefined;
    value.forEach((item, i) => walk(item, element, `${path}.${i}`, key, currency, out));
    return;
  }
  if (typeof value === 'object') {
    const def = here?._zod.def;
    const shape = here === undefined ? undefined : objectShape(here);
    const valueType = def?.type === 'record' ? (def as z.core.$ZodRecordDef).valueType : undefined;
    for (const [k, v] of Object.entries(value)) walk(v, shape?.[k] ?? valueType, `${path}.${k}`, k, currency, out);
  }
}

function leaf(path: string, value: number | string, unit: string | undefined, description: string | undefined): Assumption {
  return {
    path,
    value,
    ...(unit === undefined ? {} : { unit }),
    ...(description === undefined ? {} : { description }),
  };
}

/** The schema under optional / default / pipe wrappers, and the outermost description on the way. */
function unwrap(s: Schema): { schema: Schema; description: string | undefined } {
  let here = s;
  let description: string | undefined;
  for (let i = 0; i < MAX_DEPTH; i++) {
    description ??= describe(here);
    const def = here._zod.def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'nonoptional' || def.type === 'catch') {
      here = (def as z.core.$ZodOptionalDef).innerType;
    } else if (def.type === 'pipe') {
      here = (def as z.core.$ZodPipeDef).in;
    } else {
      break;
    }
  }
  return { schema: here, description };
}

function describe(s: Schema): string | undefined {
  const meta = (s as { description?: unknown }).description;
  return typeof meta === 'string' ? meta : undefined;
}

function objectShape(s: Schema): Readonly<Record<string, Schema>> | undefined {
  return s._zod.def.type === 'object' ? (s._zod.def as z.core.$ZodObjectDef).shape : undefined;
}

/** The upper bound of the plain-number option of a field (`uncertain` fields are a union of a number and a distribution). */
function upperBound(s: Schema | undefined): number | undefined {
  if (s === undefined) return undefined;
  const def = s._zod.def;
  if (def.type === 'union') {
    for (const o of (def as z.core.$ZodUnionDef).options) {
      const b = upperBound(unwrap(o).schema);
      if (b !== undefined) return b;
    }
    return undefined;
  }
  if (def.type !== 'number') return undefined;
  let max: number | undefined;
  for (const check of def.checks ?? []) {
    const c = check._zod.def as { check: string; value?: unknown };
    if (c.check === 'less_than' && typeof c.value === 'number') max = Math.min(max ?? Number.POSITIVE_INFINITY, c.value);
  }
  return max;
}

function unitOf(key: string, schema: Schema | undefined, description: string | undefined, currency: string): string | undefined {
  const byKey = UNIT_BY_KEY[key];
  if (byKey !== undefined) return byKey;
  if (description?.includes('(currency)')) return currency;
  if (description?.startsWith('Weight of ')) return 'weight';
  if (upperBound(schema) === 1) return /^Share|\(share\)/.test(description ?? '') ? 'share' : 'probability';
  return undefined;
}
