import { isDistribution, sampleDistribution, distributionMean } from '../random/distribution.js';
import { Tychei } from '../random/tychei.js';
import { deriveSeed, hashString, mix32 } from '../random/streams.js';
import type { Distribution } from './distribution.js';
import type { Scenario } from './schema.js';

/** `T` with every uncertain number replaced by the number drawn for it. */
export type Drawn<T> = T extends number | Distribution
  ? number
  : T extends readonly (infer U)[]
    ? Drawn<U>[]
    : T extends object
      ? { [K in keyof T]: Drawn<T[K]> }
      : T;

/** One simulated world: the scenario with one value for each uncertain input. */
export type World = Drawn<Scenario>;

/** An uncertain input of a scenario: where it is, and its distribution. */
export interface UncertainInput {
  /** Dotted path in the scenario, e.g. `segments.consumer.baseChurn`. */
  readonly path: string;
  readonly dist: Distribution;
}

function walk(node: unknown, path: string, visit: (d: Distribution, path: string) => number): unknown {
  if (isDistribution(node)) return visit(node, path);
  if (Array.isArray(node)) return node.map((x, i) => walk(x, `${path}.${i}`, visit));
  if (typeof node === 'object' && node !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, path ? `${path}.${k}` : k, visit);
    return out;
  }
  return node;
}

/** Every uncertain input of the scenario, in document order. */
export function uncertainInputs(scenario: Scenario): UncertainInput[] {
  const found: UncertainInput[] = [];
  walk(scenario, '', (dist, path) => {
    found.push({ path, dist });
    return 0;
  });
  return found;
}

/**
 * The world of Monte Carlo run `run`: each uncertain input drawn from its own stream, named by the
 * scenario seed, the run and the input's path. Adding an input or a policy leaves the other
 * inputs' draws unchanged, and the world never depends on which worker simulates the run.
 */
export function drawWorld(scenario: Scenario, run: number, overrides?: ReadonlyMap<string, number>): World {
  const runSeed = deriveSeed(scenario.seed, 'world', run);
  return walk(scenario, '', (dist, path) => {
    const fixed = overrides?.get(path);
    if (fixed !== undefined) return fixed;
    const rng = Tychei.fromSeed(mix32(runSeed ^ hashString(path)));
    return sampleDistribution(rng, dist);
  }) as World;
}

/** The world with every uncertain input at its mean (or at the given override). */
export function meanWorld(scenario: Scenario, overrides?: ReadonlyMap<string, number>): World {
  return walk(scenario, '', (dist, path) => overrides?.get(path) ?? distributionMean(dist)) as World;
}
