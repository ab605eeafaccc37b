/**
 * The evidence check (README, "Evidence"): does the scenario's model reproduce the published
 * findings of the ledger? Load the ledger with `io/ledger.ts`, then
 *
 *   const rows = evaluateEvidence(scenario, { runs: 200, seed: scenario.seed, ledger: loadLedger() });
 *   const section = evidenceSection(rows);   // what the report shows
 */
export { evaluateEvidence, fails, surveyRuns, type EvidenceOptions, type EvidenceRow } from './evaluate.js';
export { GRADES, Ledger, LedgerEntry, parseLedger, type Grade, type LedgerResult } from './ledger.js';
export { evidenceSection, HEADLINE_INPUTS, pathUnder, type EvidenceSection, type Headline, type WeakAssumption } from './section.js';
export { STATISTIC_IDS, UNITS, type StatisticId, type StatisticUnit, type SurveyStats } from './statistics.js';
export { DEFAULT_SURVEY, LOYAL_FROM, surveyWorld, type SurveyOptions, type SurveyTrace } from './survey.js';
