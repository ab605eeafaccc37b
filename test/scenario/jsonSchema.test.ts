import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/jsonSchema.js';

const COMMITTED = 'scenarios/schema.json';

describe('scenarioJsonSchema', () => {
  it('matches the committed scenarios/schema.json (regenerate: servicecast schema > scenarios/schema.json)', () => {
    const text = scenarioJsonSchemaText();
    const committed = fs.existsSync(COMMITTED) ? fs.readFileSync(COMMITTED, 'utf8') : '';
    if (committed !== text) fs.writeFileSync(`${COMMITTED}-changed`, text);
    expect(committed === '' ? undefined : JSON.parse(committed)).toEqual(scenarioJsonSchema());
    expect(committed).toBe(text);
  });

  it('defines the distribution union once and refers to it', () => {
    const schema = scenarioJsonSchema() as { $defs?: Record<string, unknown>; required?: string[] };
    expect(Object.keys(schema.$defs ?? {})).toContain('Distribution');
    const text = JSON.stringify(schema);
    expect(text.split('"dist"').length - 1).toBe(6 * 2); // each of the 6 variants: its property and `required`
    expect(text).toContain('"$ref":"#/$defs/Distribution"');
    expect(schema.required).toEqual(['baseline', 'segments', 'policies']);
  });

  it('holds only valid JSON Schema bounds (no null or unsafe-integer limits)', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    expect(text).not.toMatch(/"(minimum|maximum)":null/);
    expect(text).not.toContain('9007199254740991');
  });
});
