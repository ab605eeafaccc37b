/**
 * "Measure this first": the value-of-information verdict in one sentence, shared by the
 * `sensitivity` command and the report. Which input, if learnt, would most often change the best
 * policy and what knowing it is worth (EVPPI); or why none is worth measuring.
 */
import type { Sensitivity } from './sensitivity.js';

/** How the sentence writes amounts (in the scenario's currency) and shares (0..1). */
export interface SentenceFormat {
  readonly money: (x: number) => string;
  readonly percent: (x: number) => string;
  /** A policy's name from its key (default: the key). */
  readonly policy?: (key: string) => string;
}

/**
 * The sentence. The decision is "robust" when knowing an input (or every input) is worth less than
 * 1% of the best policy's lead over the runner-up.
 */
export function measureFirstText(s: Sensitivity, f: SentenceFormat): string {
  const v = s.valueOfInformation;
  const best = f.policy ? f.policy(v.bestPolicy) : v.bestPolicy;
  const top = v.inputs.find((i) => i.input === v.measureFirst);
  if (!top && v.evpi > 0 && v.evpi < 0.01 * v.margin) {
    return `The decision is robust: ${best} leads the runner-up by ${f.money(v.margin)} of NPV on average, and perfect information on every uncertain input would be worth only ${f.money(v.evpi)} (EVPI); no input is worth measuring before deciding.`;
  }
  if (top && top.evppi < 0.01 * v.margin) {
    return `The decision is robust: ${best} leads the runner-up by ${f.money(v.margin)} of NPV on average; the most informative input, ${top.input}, would change it in ${f.percent(top.pDecisionChange)} of the simulated worlds and is worth only ${f.money(top.evppi)} (EVPPI).`;
  }
  if (top) {
    return `Measure this first: ${top.input}. Knowing it would change the best policy in ${f.percent(top.pDecisionChange)} of the simulated worlds and is worth ${f.money(top.evppi)} of NPV (EVPPI; perfect information on everything: ${f.money(v.evpi)}).`;
  }
  if (!(v.evpi > 0)) return `No input is worth measuring for this decision: ${best} is best in every simulated world (EVPI = 0).`;
  return `No single input is worth measuring first: none has an EVPPI clearly above the noise of the estimate (${f.money(v.noiseFloor)}); the uncertainty that matters (EVPI ${f.money(v.evpi)}) is spread over several inputs or comes from the simulation's own randomness.`;
}
