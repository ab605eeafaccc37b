/**
 * The JSON Schema of scenario files, generated from the zod schema (the single source of truth) for
 * editor autocompletion and checking. `scenarios/schema.json` is this output, kept in sync by a test;
 * regenerate it with `servicecast schema > scenarios/schema.json`.
 */
import { z } from 'zod';
import { Distribution } from './distribution.js';
import { ChannelMix, EffortMix, Staffing, Scenario } from './schema.js';

/** Schemas used in many places, emitted once under `$defs` with these names. */
const SHARED: ReadonlyArray<readonly [z.core.$ZodType, string]> = [
  [Distribution, 'Distribution'],
  [EffortMix, 'EffortMix'],
  [ChannelMix, 'ChannelMix'],
  [Staffing, 'Staffing'],
];

function registerShared(): void {
  for (const [schema, id] of SHARED) {
    const meta = z.globalRegistry.get(schema);
    if (meta?.id === id) continue;
    if (meta !== undefined) z.globalRegistry.remove(schema);
    z.globalRegistry.add(schema, { ...meta, id });
  }
}

/**
 * Drops bounds that JSON cannot hold or that only restate a number type: an infinite bound (which zod
 * writes as `null`, and editors reject) and the safe-integer limits of `.int()`.
 */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const isBound = k === 'minimum' || k === 'maximum' || k === 'exclusiveMinimum' || k === 'exclusiveMaximum';
    if (isBound && (v === null || (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) === Number.MAX_SAFE_INTEGER)))) continue;
    out[k] = tidy(v);
  }
  return out;
}

/** The JSON Schema (draft 2020-12) of a scenario as written in a file (defaults not required). */
export function scenarioJsonSchema(): object {
  registerShared();
  const { $schema, ...rest } = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' });
  return {
    $schema,
    $id: 'https://servicecast.invalid/scenario.schema.json',
    title: 'servicecast scenario',
    description: 'A servicecast scenario: customer segments, the status-quo service, and the policies to compare against a baseline.',
    ...(tidy(rest) as object),
  };
}

/** The schema as the text of `scenarios/schema.json`. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
