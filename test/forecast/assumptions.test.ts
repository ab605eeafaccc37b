import { describe, expect, it } from 'vitest';
import { assumptions, distributionText } from '../../src/forecast/assumptions.js';
import { loadScenario } from '../../src/io/scenarioFile.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { isDistribution } from '../../src/random/distribution.js';

function load(file: string, sets: string[] = []): Scenario {
  const r = loadScenario(file, sets);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.scenario;
}

/** Every leaf of a value: numbers, strings, distributions and lists of numbers, by dotted path. */
function leaves(node: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (node === undefined) return out;
  if (isDistribution(node) || typeof node !== 'object' || node === null || (Array.isArray(node) && node.every((x) => typeof x === 'number'))) {
    out.set(path, node);
  } else if (Array.isArray(node)) node.forEach((x, i) => leaves(x, `${path}.${i}`, out));
  else for (const [k, v] of Object.entries(node)) leaves(v, path === '' ? k : `${path}.${k}`, out);
  return out;
}

describe('assumptions', () => {
  const scenario = load('test/fixtures/good/minimal.yaml', [
    'segments.consumer.baseChurn={dist: pert, min: 0.008, mode: 0.012, max: 0.018}',
    'service.priceChanges=[{month: 3, change: 0.05}]',
  ]);
  const list = assumptions(scenario);
  const byPath = new Map(list.map((a) => [a.path, a]));

  it('lists every input leaf of the validated scenario, defaults included, once', () => {
    const expected = leaves(scenario, '', new Map());
    expect(new Set(list.map((a) => a.path))).toEqual(new Set(expected.keys()));
    expect(list.length).toBe(expected.size);
    expect(byPath.get('service.channels.phone.costPerContact')?.value).toBe(8);
    expect(byPath.get('response.drift')?.value).toBe(scenario.response.drift);
    expect(byPath.get('horizonMonths')?.value).toBe(36);
  });

  it('leaves out the file-only keys', () => {
    const withSchema = assumptions({ ...scenario, $schema: './schema.json', extends: 'base.yaml' });
    expect(withSchema.map((a) => a.path)).not.toContain('$schema');
    expect(withSchema.map((a) => a.path)).not.toContain('extends');
  });

  it('takes descriptions from the schema, records through their value schema', () => {
    expect(byPath.get('segments.consumer.baseChurn')?.description).toMatch(/^Monthly churn probability/);
    expect(byPath.get('segments.consumer.contactShare')?.description).toContain('TARP/Goodman 2005');
    expect(byPath.get('policies.exceed.delight.rate')?.description).toContain('CEB: about 16%');
    expect(byPath.get('churn.unresolvedTrigger')?.description).toMatch(/^Extra probability of leaving/);
    expect(byPath.get('service.priceChanges.0.change')?.description).toBe('Relative change, e.g. 0.05 for +5%.');
    const described = list.filter((a) => a.description !== undefined).length;
    expect(described / list.length).toBeGreaterThan(0.9);
  });

  it('writes distributions and lists as text, and names units', () => {
    expect(byPath.get('segments.consumer.baseChurn')).toEqual({
      path: 'segments.consumer.baseChurn',
      value: 'pert(min 0.008, mode 0.012, max 0.018, lambda 4)',
      unit: 'probability',
      description: expect.any(String),
    });
    expect(byPath.get('segments.consumer.initialScores')?.value).toBe(scenario.segments['consumer']?.initialScores.join(', '));
    expect(byPath.get('segments.consumer.revenuePerMonth')?.unit).toBe('USD');
    expect(byPath.get('segments.consumer.grossMargin')?.unit).toBe('share');
    expect(byPath.get('segments.consumer.customers')?.unit).toBe('customers');
    expect(byPath.get('service.staffing.maxWaitMinutes')?.unit).toBe('minutes');
    expect(byPath.get('seed')?.unit).toBeUndefined();
    expect(assumptions(load('test/fixtures/good/minimal.yaml')).find((a) => a.path === 'service.priceChanges')?.value).toBe('none');
  });

  it('distributionText', () => {
    expect(distributionText({ dist: 'normal', mean: 0.05, sd: 0.01, min: 0, max: 1 })).toBe('normal(mean 0.05, sd 0.01, min 0, max 1)');
    expect(distributionText({ dist: 'uniform', min: 1, max: 2 })).toBe('uniform(min 1, max 2)');
  });

  it('covers every shipped scenario', () => {
    for (const file of ['scenarios/default.yaml', 'scenarios/b2b.yaml', 'scenarios/telecom.yaml']) {
      const s = load(file);
      expect(assumptions(s).length).toBe(leaves({ ...s, $schema: undefined, extends: undefined }, '', new Map()).size);
    }
  });
});
