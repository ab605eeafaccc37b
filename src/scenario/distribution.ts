import { z } from 'zod';

/**
 * The distributions an uncertain input may take. Each is written in YAML as an object with a `dist`
 * key, e.g. `{ dist: pert, min: 0.01, mode: 0.012, max: 0.016 }`. Parameters are in the unit of the
 * field they stand for (a probability, money, a count ...).
 */
export const Uniform = z
  .object({ dist: z.literal('uniform'), min: z.number(), max: z.number() })
  .strict()
  .describe('Uniform between min and max.');

export const Triangular = z
  .object({ dist: z.literal('triangular'), min: z.number(), mode: z.number(), max: z.number() })
  .strict()
  .describe('Triangular with the given min, most likely value (mode) and max.');

export const Pert = z
  .object({
    dist: z.literal('pert'),
    min: z.number(),
    mode: z.number(),
    max: z.number(),
    lambda: z.number().positive().default(4).describe('Weight of the mode (classic PERT: 4).'),
  })
  .strict()
  .describe('Beta-PERT with min, most likely value (mode) and max.');

export const Normal = z
  .object({
    dist: z.literal('normal'),
    mean: z.number(),
    sd: z.number().nonnegative(),
    min: z.number().optional().describe('Truncate below (also truncated to the field range).'),
    max: z.number().optional().describe('Truncate above (also truncated to the field range).'),
  })
  .strict()
  .describe('Normal with mean and standard deviation, truncated to the field range.');

export const Lognormal = z
  .object({
    dist: z.literal('lognormal'),
    mean: z.number().positive(),
    sd: z.number().nonnegative(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict()
  .describe('Lognormal given by the mean and standard deviation of the value itself (not of its log).');

export const Beta = z
  .object({
    dist: z.literal('beta'),
    alpha: z.number().positive(),
    beta: z.number().positive(),
    min: z.number().default(0),
    max: z.number().default(1),
  })
  .strict()
  .describe('Beta(alpha, beta), scaled to [min, max] (default [0, 1]).');

export const Distribution = z.discriminatedUnion('dist', [Uniform, Triangular, Pert, Normal, Lognormal, Beta]);
export type Distribution = z.infer<typeof Distribution>;
export type DistributionName = Distribution['dist'];
export const DISTRIBUTION_NAMES: readonly DistributionName[] = ['uniform', 'triangular', 'pert', 'normal', 'lognormal', 'beta'];

/** A number that may be uncertain: a plain value or a distribution. */
export type Uncertain = number | Distribution;

/** The range a field's values must stay within, with the unit named in messages. */
export interface FieldRange {
  readonly min: number;
  readonly max: number;
  /** Unit as shown to the analyst: "probability", "money", "customers" ... */
  readonly unit: string;
}

export const PROBABILITY: FieldRange = { min: 0, max: 1, unit: 'probability' };
export const NONNEGATIVE: FieldRange = { min: 0, max: Number.POSITIVE_INFINITY, unit: 'non-negative number' };
export const MONEY: FieldRange = { min: 0, max: Number.POSITIVE_INFINITY, unit: 'money' };

function describeRange(r: FieldRange): string {
  const hi = Number.isFinite(r.max) ? String(r.max) : 'infinity';
  return `a ${r.unit} between ${r.min} and ${hi}`;
}

/** The bounds a distribution's own parameters place on its support, where it has them. */
function supportBounds(d: Distribution): [number, number] | undefined {
  switch (d.dist) {
    case 'uniform':
    case 'triangular':
    case 'pert':
    case 'beta':
      return [d.min, d.max];
    default:
      return undefined;
  }
}

/**
 * A schema for an uncertain number confined to `range`: a plain number in range, or a distribution
 * whose support lies in range (uniform, triangular, PERT, beta) or whose centre does (normal and
 * lognormal, which are then truncated to the range when drawn).
 */
export function uncertain(range: FieldRange, description: string) {
  const fixed = z.number().min(range.min).max(range.max);
  return z.union([fixed, Distribution]).describe(description).superRefine((value, ctx) => {
    if (typeof value === 'number') return;
    const bounds = supportBounds(value);
    if (bounds) {
      const [lo, hi] = bounds;
      if (!(lo <= hi)) {
        ctx.addIssue({ code: 'custom', message: `min (${lo}) must not exceed max (${hi})` });
        return;
      }
      if (lo < range.min || hi > range.max) {
        ctx.addIssue({
          code: 'custom',
          message: `a ${value.dist} from ${lo} to ${hi} leaves the valid range; expected ${describeRange(range)}`,
        });
      }
      if ((value.dist === 'triangular' || value.dist === 'pert') && (value.mode < lo || value.mode > hi)) {
        ctx.addIssue({ code: 'custom', message: `mode (${value.mode}) must lie between min (${lo}) and max (${hi})` });
      }
      return;
    }
    if (value.dist === 'normal' || value.dist === 'lognormal') {
      if (value.mean < range.min || value.mean > range.max) {
        ctx.addIssue({
          code: 'custom',
          message: `the mean ${value.mean} is outside the valid range; expected ${describeRange(range)}`,
        });
      }
      if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
        ctx.addIssue({ code: 'custom', message: `min (${value.min}) must not exceed max (${value.max})` });
      }
    }
  }).transform((value): Uncertain => truncateToRange(value, range));
}

/** Normal and lognormal draws are truncated to the field range: record it on the distribution. */
function truncateToRange(value: Uncertain, range: FieldRange): Uncertain {
  if (typeof value === 'number' || (value.dist !== 'normal' && value.dist !== 'lognormal')) return value;
  const lo = Math.max(range.min, value.min ?? Number.NEGATIVE_INFINITY);
  const hi = Math.min(range.max, value.max ?? Number.POSITIVE_INFINITY);
  const out = { ...value };
  if (Number.isFinite(lo)) out.min = lo;
  if (Number.isFinite(hi)) out.max = hi;
  return out;
}

/** A probability in [0, 1] that may be uncertain. */
export const uncertainProbability = (description: string) => uncertain(PROBABILITY, description);
/** An amount of money (>= 0) that may be uncertain. */
export const uncertainMoney = (description: string) => uncertain(MONEY, description);
/** A non-negative quantity that may be uncertain. */
export const uncertainNonNegative = (description: string) => uncertain(NONNEGATIVE, description);
