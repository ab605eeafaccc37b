import seedrandom from 'seedrandom';
import { Tychei } from './tychei.js';

/**
 * Seed derivation. Every random stream of a simulation is named by the scenario seed and a path of
 * labels (run index, purpose, input path ...). The stream then depends only on its name, never on
 * the worker count or on the order in which work is done.
 */

/** A 32-bit seed derived from a base seed and labels, through seedrandom's ARC4 key schedule. */
export function deriveSeed(base: number, ...labels: readonly (string | number)[]): number {
  return seedrandom(`servicecast/${base}/${labels.join('/')}`).int32() >>> 0;
}

/** A fast generator for the stream named by `base` and `labels`. */
export function stream(base: number, ...labels: readonly (string | number)[]): Tychei {
  return Tychei.fromSeed(deriveSeed(base, ...labels));
}

/** murmur3's 32-bit finaliser: a cheap bijective mix of a 32-bit integer. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The seed of one customer's own stream in the agent engine: a mix of the run's engine seed and the
 * customer's number, so that each customer sees the same random numbers under every policy
 * (common random numbers) and whatever the order of processing.
 */
export function customerSeed(runSeed: number, customer: number): number {
  return mix32(mix32(runSeed) ^ Math.imul(customer + 1, 0x9e3779b1));
}

/** A 32-bit hash of a string (FNV-1a), used to name input streams by their path. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
