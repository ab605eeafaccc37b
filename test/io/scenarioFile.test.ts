import { describe, expect, it } from 'vitest';
import { formatErrors, loadScenario, type LoadResult, type ScenarioError } from '../../src/io/scenarioFile.js';

const GOOD = 'test/fixtures/good/minimal.yaml';
const bad = (name: string): string => `test/fixtures/bad/${name}`;

function errorsOf(r: LoadResult): ScenarioError[] {
  if (r.ok) throw new Error('expected the scenario to be invalid');
  return r.errors;
}

describe('loadScenario: a valid file', () => {
  it('loads, fills defaults, names and hashes', () => {
    const r = loadScenario(GOOD);
    if (!r.ok) throw new Error(formatErrors(r.errors));
    expect(r.value.file).toBe(GOOD);
    expect(r.value.name).toBe('minimal');
    expect(r.value.scenario.baseline).toBe('exceed');
    expect(r.value.scenario.runs).toBe(1000);
    expect(r.value.scenario.segments['consumer']?.contactShare).toBe(0.5);
    expect(r.value.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes deterministically, and differently when the scenario differs', () => {
    const a = loadScenario(GOOD);
    const b = loadScenario(GOOD);
    const c = loadScenario(GOOD, ['runs=999']);
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid');
    expect(a.value.hash).toBe(b.value.hash);
    expect(c.value.hash).not.toBe(a.value.hash);
  });

  it('applies --set overrides with YAML values', () => {
    const r = loadScenario(GOOD, [
      'segments.consumer.baseChurn=0.02',
      'runs=200',
      'policies.effort.costs.oneOff=1e6',
      'policies.meet.delight.rate={dist: uniform, min: 0, max: 0.2}',
      'name=from-set',
    ]);
    if (!r.ok) throw new Error(formatErrors(r.errors));
    const s = r.value.scenario;
    expect(s.segments['consumer']?.baseChurn).toBe(0.02);
    expect(s.runs).toBe(200);
    expect(s.policies['effort']?.costs.oneOff).toBe(1e6);
    expect(s.policies['meet']?.delight?.rate).toEqual({ dist: 'uniform', min: 0, max: 0.2 });
    expect(r.value.name).toBe('from-set');
  });

  it('deep-merges the file it extends (objects key by key, the base name not inherited)', () => {
    const r = loadScenario('test/fixtures/good/child.yaml');
    if (!r.ok) throw new Error(formatErrors(r.errors));
    const s = r.value.scenario;
    expect(r.value.name).toBe('child-run');
    expect(s.runs).toBe(50);
    expect(s.baseline).toBe('exceed');
    expect(s.segments['consumer']?.customers).toBe(1000);
    expect(s.segments['consumer']?.baseChurn).toEqual({ dist: 'uniform', min: 0.01, max: 0.02 });
    expect(s.policies['exceed']?.delight?.rate).toBe(0.16);
    expect(s.policies['effort']?.costs.oneOff).toBe(250000);
  });
});

describe('loadScenario: errors with file, line, column, path and message', () => {
  it('reports a missing file', () => {
    expect(errorsOf(loadScenario(bad('no-such-file.yaml')))).toEqual([
      { file: bad('no-such-file.yaml'), path: '', message: 'cannot read the file: no such file' },
    ]);
  });

  it('reports a YAML syntax error at its line', () => {
    const [e, ...rest] = errorsOf(loadScenario(bad('syntax.yaml')));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ file: bad('syntax.yaml'), line: 4, column: 1, path: '' });
    expect(e?.message).toMatch(/^YAML syntax error: Flow map .* end with a \}$/);
  });

  it('names the expected type and the value found', () => {
    expect(errorsOf(loadScenario(bad('wrong-type.yaml')))).toEqual([
      { file: bad('wrong-type.yaml'), line: 2, column: 7, path: 'runs', message: 'found "many"; expected a whole number between 1 and 1000000' },
    ]);
  });

  it('says a probability is out of range', () => {
    expect(errorsOf(loadScenario(bad('probability.yaml')))).toEqual([
      {
        file: bad('probability.yaml'),
        line: 6,
        column: 18,
        path: 'segments.consumer.grossMargin',
        message: '1.5 is too big; expected a probability between 0 and 1',
      },
    ]);
  });

  it('suggests the key that was meant', () => {
    expect(errorsOf(loadScenario(bad('misspelled.yaml')))).toEqual([
      {
        file: bad('misspelled.yaml'),
        line: 4,
        column: 5,
        path: 'segments.consumer.custmers',
        message: 'unknown key "custmers"; did you mean "customers"?',
      },
    ]);
  });

  it('says when the baseline is not a policy', () => {
    expect(errorsOf(loadScenario(bad('baseline.yaml')))).toEqual([
      { file: bad('baseline.yaml'), line: 1, column: 11, path: 'baseline', message: '"exceeds" is not a policy; expected one of: exceed, meet' },
    ]);
  });

  it('reports a base file that cannot be read at the extends line', () => {
    expect(errorsOf(loadScenario(bad('extends-missing.yaml')))).toEqual([
      {
        file: bad('extends-missing.yaml'),
        line: 1,
        column: 10,
        path: 'extends',
        message: `cannot read the base scenario "${bad('no-such-base.yaml')}": no such file`,
      },
    ]);
  });

  it('reports an extends cycle', () => {
    expect(errorsOf(loadScenario(bad('cycle-a.yaml')))).toEqual([
      {
        file: bad('cycle-b.yaml'),
        line: 2,
        column: 10,
        path: 'extends',
        message: `extends forms a cycle: ${bad('cycle-a.yaml')} -> ${bad('cycle-b.yaml')} -> ${bad('cycle-a.yaml')}`,
      },
    ]);
  });

  it('names the base file and its line for an error that comes from the base', () => {
    expect(errorsOf(loadScenario(bad('extends-bad-base.yaml')))).toEqual([
      {
        file: bad('base-bad.yaml'),
        line: 7,
        column: 16,
        path: 'segments.consumer.baseChurn',
        message: '-0.5 is too small; expected a probability between 0 and 1',
      },
    ]);
  });

  it('reports bad --set overrides under the name --set', () => {
    expect(errorsOf(loadScenario(GOOD, ['runs', 'x..y=1', 'currency=[1', 'baseline.x=1']))).toEqual([
      { file: '--set', path: '', message: '"runs" is not an override; expected path=value, e.g. segments.consumer.baseChurn=0.02' },
      { file: '--set', path: 'x..y', message: '"x..y" is not a valid path; expected dotted keys such as policies.effort.costs.oneOff' },
      { file: '--set', path: 'currency', message: 'the value is not valid YAML: Flow sequence must end with a ]' },
      { file: '--set', path: 'baseline.x', message: 'cannot set a key inside baseline, which is "exceed"' },
    ]);
  });

  it('validates --set values like the file, with suggestions', () => {
    expect(errorsOf(loadScenario(GOOD, ['runs=abc', 'segments.consumer.baseChrun=0.1']))).toEqual([
      { file: '--set', path: 'runs', message: 'found "abc"; expected a whole number between 1 and 1000000' },
      { file: '--set', path: 'segments.consumer.baseChrun', message: 'unknown key "baseChrun"; did you mean "baseChurn"?' },
    ]);
  });

  it('reports every issue at once, in file order', () => {
    const file = bad('several.yaml');
    const errors = errorsOf(loadScenario(file));
    expect(errors.map((e) => [e.line, e.column, e.path])).toEqual([
      [2, 16, 'horizonMonths'],
      [3, 9, 'engine'],
      [4, 11, 'currency'],
      [6, 3, 'segments.consumer.customers'],
      [7, 22, 'segments.consumer.revenuePerMonth'],
      [9, 16, 'segments.consumer.baseChurn'],
      [10, 26, 'segments.consumer.problemRate.dist'],
      [11, 19, 'segments.consumer.contactShare'],
      [14, 16, 'policies.meet.delight.rat'],
    ]);
    expect(errors.every((e) => e.file === file)).toBe(true);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^12\.5 is not a whole number; expected a whole number between 1 and \d+$/),
      '"agnet" is not valid; did you mean "agent"? expected one of: auto, expected, cohort, agent',
      '"usd" is not valid; expected a three-letter ISO 4217 code such as USD',
      'missing; expected a non-negative whole number',
      '-3 is too small; expected a non-negative number',
      'a uniform from 0 to 2 leaves the valid range; expected a probability between 0 and 1',
      '"pret" is not a distribution; did you mean "pert"? expected one of: uniform, triangular, pert, normal, lognormal, beta',
      'found "half"; expected a probability between 0 and 1 or a distribution ({dist: uniform|triangular|pert|normal|lognormal|beta, ...})',
      'unknown key "rat"; did you mean "rate"?',
    ]);
  });
});

describe('formatErrors', () => {
  it('writes one "file:line:col  path: message" line per error', () => {
    expect(
      formatErrors([
        { file: 'a.yaml', line: 3, column: 7, path: 'runs', message: 'bad' },
        { file: '--set', path: 'x', message: 'worse' },
        { file: 'b.yaml', path: '', message: 'cannot read the file: no such file' },
      ]),
    ).toBe('a.yaml:3:7  runs: bad\n--set  x: worse\nb.yaml  cannot read the file: no such file');
  });
});
