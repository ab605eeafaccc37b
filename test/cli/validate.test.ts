import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateCommand, validateFiles } from '../../src/cli/commands/validate.js';
import { schemaCommand } from '../../src/cli/commands/schema.js';
import { scenarioJsonSchema } from '../../src/scenario/jsonSchema.js';

const GOOD = 'test/fixtures/good/minimal.yaml';
const BAD = 'test/fixtures/bad/probability.yaml';

describe('validateFiles', () => {
  it('prints "ok <file>" for valid files', () => {
    expect(validateFiles([GOOD, 'test/fixtures/good/child.yaml'], [])).toEqual({
      stdout: `ok ${GOOD}\nok test/fixtures/good/child.yaml\n`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('prints the errors of invalid files and fails', () => {
    const out = validateFiles([GOOD, BAD], []);
    expect(out.stdout).toBe(`ok ${GOOD}\n`);
    expect(out.stderr).toBe(`${BAD}:6:18  segments.consumer.grossMargin: 1.5 is too big; expected a probability between 0 and 1\n`);
    expect(out.exitCode).toBe(1);
  });

  it('applies --set to every file', () => {
    const out = validateFiles([GOOD], ['segments.consumer.grossMargin=2']);
    expect(out.stderr).toBe('--set  segments.consumer.grossMargin: 2 is too big; expected a probability between 0 and 1\n');
    expect(out.exitCode).toBe(1);
  });
});

describe('command handlers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('validate writes to stdout/stderr and sets the exit code without throwing', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await validateCommand.handler({ _: [], $0: 'servicecast', files: [GOOD, BAD, 'nope.yaml'], set: [] });
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toBe(`ok ${GOOD}\n`);
    const err = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(err).toContain(`${BAD}:6:18  segments.consumer.grossMargin`);
    expect(err).toContain('nope.yaml  cannot read the file: no such file');
    expect(process.exitCode).toBe(1);
  });

  it('schema prints the JSON schema', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await schemaCommand.handler({ _: [], $0: 'servicecast' });
    expect(JSON.parse(stdout.mock.calls.map((c) => String(c[0])).join(''))).toEqual(scenarioJsonSchema());
  });
});
