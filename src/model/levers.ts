import type { Drawn, World } from '../scenario/world.js';
import type { Policy, Service } from '../scenario/schema.js';

/** The service levers in force in one world under one policy, every number drawn. */
export type Levers = Drawn<Service>;
/** A policy as drawn in one world. */
export type DrawnPolicy = Drawn<Policy>;

const NOT_LEVERS = new Set(['label', 'description', 'costs', 'rampMonths']);

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Deep merge: `over`'s leaves replace `base`'s; arrays are replaced whole. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** The levers of policy `key` at full effect: the status quo with the policy's changes. */
export function policyLevers(world: World, key: string): Levers {
  const policy = world.policies[key];
  if (!policy) throw new Error(`unknown policy ${key}`);
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(policy)) if (!NOT_LEVERS.has(k)) changes[k] = v;
  return deepMerge(world.service, changes) as Levers;
}

/**
 * Levers part-way through a ramp: every number moves linearly from `from` to `to` as `w` goes from
 * 0 to 1; agents are rounded to whole agents; lists (price changes) are the target's.
 */
export function interpolateLevers(from: Levers, to: Levers, w: number): Levers {
  if (w >= 1) return to;
  if (w <= 0) return from;
  const lerp = (a: unknown, b: unknown, key: string): unknown => {
    if (typeof a === 'number' && typeof b === 'number') {
      const x = a + (b - a) * w;
      return key === 'agents' ? Math.round(x) : x;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      const out: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) out[k] = lerp(a[k], b[k], k);
      return out;
    }
    return b === undefined ? a : b;
  };
  return lerp(from, to, '') as Levers;
}

/** The share of a policy's effect reached in month `t` (1-based) with a ramp of `rampMonths`. */
export function rampWeight(t: number, rampMonths: number): number {
  return rampMonths <= 0 ? 1 : Math.min(1, t / rampMonths);
}
