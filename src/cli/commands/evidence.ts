import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { evaluateEvidence, tally, type EvidenceRow } from '../../forecast/evidence/evaluate.js';
import { evidenceSection } from '../../forecast/evidence/section.js';
import { DEFAULT_SURVEY } from '../../forecast/evidence/survey.js';
import { readLedger } from '../../io/ledger.js';
import { formatErrors, loadScenario } from '../../io/scenarioFile.js';
import { table } from '../format.js';

interface EvidenceArgs {
  scenario: string;
  runs: number;
  seed?: number;
  set: string[];
  policy?: string;
  strict: boolean;
  json: boolean;
}

export interface EvidenceOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** 1 when the scenario is invalid or a grade-A finding (with `strict`, any finding) falls outside its band. */
  readonly exitCode: 0 | 1;
}

export interface EvidenceCommandOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly policy?: string;
  /** Fail on any checked finding outside its band, not only grade A. */
  readonly strict?: boolean;
  /** Print the rows as JSON instead of the table. */
  readonly json?: boolean;
}

export { DEFAULT_EVIDENCE_RUNS } from '../../forecast/evidence/evaluate.js';
import { DEFAULT_EVIDENCE_RUNS } from '../../forecast/evidence/evaluate.js';

export { formatValue } from '../../forecast/evidence/format.js';
import { formatValue } from '../../forecast/evidence/format.js';

function verdict(r: EvidenceRow): string {
  if (!r.checked) return '- gap';
  if (!r.applicable) return 'n/a';
  const mark = r.inBand ? '✓' : '✗';
  return r.precise ? mark : `${mark} (imprecise)`;
}

/** The evidence table as text. */
export function evidenceTable(rows: readonly EvidenceRow[]): string {
  const lines: string[][] = [['finding', 'grade', 'target', 'band', 'simulated [95% interval]', 'in band']];
  for (const r of rows) {
    const f = (x: number) => formatValue(x, r.unit);
    lines.push([
      r.finding,
      r.grade + (r.stated ? ' (stated)' : ''),
      f(r.target),
      `${f(r.band[0])} .. ${f(r.band[1])}`,
      r.applicable ? `${f(r.simulated)} [${f(r.interval[0])} .. ${f(r.interval[1])}]` : 'n/a',
      verdict(r),
    ]);
  }
  return table(lines);
}

/** Runs the evidence check on a scenario file: what to print and the exit code. */
export function evidenceReport(file: string, sets: readonly string[], opts: EvidenceCommandOptions): EvidenceOutcome {
  const loaded = loadScenario(file, sets);
  if (!loaded.ok) return { stdout: '', stderr: `${formatErrors(loaded.errors)}\n`, exitCode: 1 };
  const ledger = readLedger();
  if (!ledger.ok) return { stdout: '', stderr: `${ledger.errors.join('\n')}\n`, exitCode: 1 };
  const scenario = loaded.value.scenario;
  const seed = opts.seed ?? scenario.seed;
  const policy = opts.policy ?? scenario.baseline;
  if (!(policy in scenario.policies)) {
    return { stdout: '', stderr: `--policy: "${policy}" is not a policy; expected one of: ${Object.keys(scenario.policies).join(', ')}\n`, exitCode: 1 };
  }
  const rows = evaluateEvidence(scenario, { runs: opts.runs, seed, policy, ledger: ledger.ledger });
  const section = evidenceSection(rows);
  const failing = opts.strict ? section.failures : section.gradeAFailures;
  const exitCode: 0 | 1 = failing.length > 0 ? 1 : 0;
  if (opts.json) return { stdout: `${JSON.stringify({ scenario: file, runs: opts.runs, seed, policy, ...section }, null, 2)}\n`, stderr: '', exitCode };

  const out: string[] = [];
  out.push(
    `Evidence: ${scenario.title ?? loaded.value.name}: policy "${policy}" surveyed for ${DEFAULT_SURVEY.months} months ` +
      `after ${DEFAULT_SURVEY.warmupMonths} of warm-up, ${opts.runs} worlds, seed ${seed}`,
  );
  out.push(evidenceTable(rows));
  out.push('(simulated: mean over worlds, with the 95% interval of that mean; stated: a survey answer, so a band)');
  const { inBand, checked } = tally(rows);
  out.push(`${inBand} of ${checked} checked findings in band; ${section.gaps.length} known gaps reported, not checked.`);
  for (const r of section.failures) out.push(`✗ ${r.grade} ${r.id}: ${formatValue(r.simulated, r.unit)} is outside ${formatValue(r.band[0], r.unit)} .. ${formatValue(r.band[1], r.unit)} (statistic ${r.statistic}; see the ledger)`);
  for (const r of rows.filter((x) => x.checked && x.applicable && !x.precise)) out.push(`! ${r.id}: the interval is wider than the band; raise --runs`);
  for (const r of section.notApplicable) out.push(`n/a ${r.id}: the policy gives nothing to measure (${r.statistic})`);
  if (section.lowGradeAssumptions.length > 0) {
    out.push('Defaults that rest on weak evidence:');
    for (const line of section.lowGradeAssumptions) out.push(`  ${line}`);
  }
  const stderr = failing.length > 0 ? `servicecast evidence: ${failing.length} ${opts.strict ? '' : 'grade-A '}finding(s) outside their band: ${failing.map((r) => r.id).join(', ')}\n` : '';
  return { stdout: `${out.join('\n')}\n`, stderr, exitCode };
}

export const evidenceCommand: CommandModule<object, EvidenceArgs> = {
  command: 'evidence [scenario]',
  describe: 'Check the model against the published findings (the evidence ledger)',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', default: 'scenarios/default.yaml', describe: 'Scenario YAML file' })
      .option('runs', { type: 'number', default: DEFAULT_EVIDENCE_RUNS, describe: 'Monte Carlo runs (worlds)' })
      .option('seed', { type: 'number', describe: 'Seed (default: the scenario\'s)' })
      .option('set', { type: 'string', array: true, default: [], describe: 'Override a field: --set path=value' })
      .option('policy', { type: 'string', describe: 'Policy whose customers are surveyed (default: the baseline)' })
      .option('strict', { type: 'boolean', default: false, describe: 'Exit 1 when any checked finding is outside its band, not only grade A' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the rows as JSON' }) as unknown as Argv<EvidenceArgs>,
  handler: (args: ArgumentsCamelCase<EvidenceArgs>) => {
    const opts: EvidenceCommandOptions = {
      runs: args.runs,
      strict: args.strict,
      json: args.json,
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.policy === undefined ? {} : { policy: args.policy }),
    };
    if (!Number.isInteger(opts.runs) || opts.runs < 2) {
      process.stderr.write('--runs: expected a whole number of at least 2\n');
      process.exitCode = 1;
      return;
    }
    const outcome = evidenceReport(args.scenario, args.set.map(String), opts);
    if (outcome.stdout !== '') process.stdout.write(outcome.stdout);
    if (outcome.stderr !== '') process.stderr.write(outcome.stderr);
    if (outcome.exitCode !== 0) process.exitCode = outcome.exitCode;
  },
};
