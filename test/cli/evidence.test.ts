import { afterEach, describe, expect, it, vi } from 'vitest';
import { evidenceCommand, evidenceReport, formatValue } from '../../src/cli/commands/evidence.js';

const DEFAULT = 'scenarios/default.yaml';

describe('servicecast evidence', () => {
  it('passes every band on the default scenario and prints the table', () => {
    const out = evidenceReport(DEFAULT, [], { runs: 100, seed: 42 });
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^Evidence: .*policy "exceed" surveyed for 12 months after 3 of warm-up, 100 worlds, seed 42$/);
    expect(lines[1]).toMatch(/^finding +grade +target +band +simulated \[95% interval\] +in band$/);
    const high = lines.find((l) => l.startsWith('High-effort contacts -> more disloyal'));
    expect(high).toMatch(/A \(stated\) +96\.0% +91\.0% \.\. 100\.0% +9\d\.\d% \[9\d\.\d% \.\. 9\d\.\d%\] +✓$/);
    expect(out.stdout).toMatch(/18 of 18 checked findings in band; 4 known gaps reported, not checked\./);
    expect(out.stdout).not.toContain('✗');
    expect(out.stdout).toContain('Defaults that rest on weak evidence:');
    expect(out.stdout).toContain('  spend.promoter: grade C evidence only (spend-turned-promoter)');
  });

  it('exits 1 when a grade-A finding falls outside its band', () => {
    const out = evidenceReport(DEFAULT, ['response.highEffortResolved.down=0.3'], { runs: 20, seed: 42 });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(/^servicecast evidence: \d+ grade-A finding\(s\) outside their band: .*high-effort-disloyal/);
    expect(out.stdout).toMatch(/✗ A high-effort-disloyal: \d+\.\d% is outside 91\.0% \.\. 100\.0%/);
  });

  it('exits 0 when only lower grades fail, 1 with --strict', () => {
    const sets = ['spend.promoter=1.4'];
    const loose = evidenceReport(DEFAULT, sets, { runs: 10, seed: 42 });
    expect(loose.exitCode).toBe(0);
    expect(loose.stdout).toMatch(/✗ C spend-turned-promoter/);
    const strict = evidenceReport(DEFAULT, sets, { runs: 10, seed: 42, strict: true });
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toContain('spend-turned-promoter');
  });

  it('shows findings the baseline gives nothing to measure as n/a', () => {
    const out = evidenceReport(DEFAULT, ['policies.exceed.delight.rate=0'], { runs: 5, seed: 42 });
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split('\n').find((l) => l.startsWith('Exceeding vs meeting expectations'))).toMatch(/n\/a +n\/a$/);
    expect(out.stdout).toContain('n/a exceed-marginal: the policy gives nothing to measure');
  });

  it('prints JSON with the section', () => {
    const out = evidenceReport(DEFAULT, [], { runs: 40, seed: 42, json: true });
    const data = JSON.parse(out.stdout) as { rows: { id: string }[]; failures: unknown[]; lowGradeAssumptions: string[]; policy: string };
    expect(data.policy).toBe('exceed');
    expect(data.rows.length).toBeGreaterThanOrEqual(18);
    expect(data.failures).toEqual([]);
    expect(data.lowGradeAssumptions.length).toBeGreaterThan(0);
  });

  it('reports an invalid scenario or policy without a stack trace', () => {
    const bad = evidenceReport('test/fixtures/bad/probability.yaml', [], { runs: 5 });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('segments.consumer.grossMargin');
    const policy = evidenceReport(DEFAULT, [], { runs: 5, policy: 'nope' });
    expect(policy).toEqual({ stdout: '', stderr: '--policy: "nope" is not a policy; expected one of: exceed, meet, effort, next_issue\n', exitCode: 1 });
  });

  it('formats values in their unit', () => {
    expect(formatValue(0.9612, 'share')).toBe('96.1%');
    expect(formatValue(3.968, 'ratio')).toBe('3.97x');
    expect(formatValue(0.25, 'change')).toBe('+25.0%');
    expect(formatValue(-0.36, 'change')).toBe('-36.0%');
    expect(formatValue(Number.NaN, 'share')).toBe('n/a');
  });
});

describe('the command handler', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('defaults to scenarios/default.yaml and sets the exit code without throwing', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await evidenceCommand.handler({ _: [], $0: 'servicecast', scenario: DEFAULT, runs: 5, set: ['response.highEffortResolved.down=0.3'], strict: false, json: false });
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toContain('High-effort contacts -> more disloyal');
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('high-effort-disloyal');
    expect(process.exitCode).toBe(1);
  });

  it('rejects fewer than 2 runs', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await evidenceCommand.handler({ _: [], $0: 'servicecast', scenario: DEFAULT, runs: 1, set: [], strict: false, json: false });
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toBe('--runs: expected a whole number of at least 2\n');
    expect(process.exitCode).toBe(1);
  });
});
