/** `sensitivity.csv`: the sensitivity analysis as a tidy table (analysis, policy, input, measure, value). */
import type { Sensitivity } from '../forecast/sensitivity.js';
import { csvField } from './csv.js';
import { plainNumber } from './numbers.js';

/** `sensitivity.csv`, tidy: analysis, policy, input, measure, value. */
export function sensitivityCsv(s: Sensitivity): string {
  const lines = ['analysis,policy,input,measure,value'];
  const row = (analysis: string, policy: string, input: string, measure: string, value: number) =>
    lines.push([analysis, csvField(policy), csvField(input), measure, plainNumber(value)].join(','));
  for (const t of s.tornado.policies) {
    row('tornado', t.policy, '', 'baseDelta', t.baseDelta);
    for (const b of t.bars) {
      row('tornado', t.policy, b.input, 'lowValue', b.lowValue);
      row('tornado', t.policy, b.input, 'highValue', b.highValue);
      row('tornado', t.policy, b.input, 'deltaAtLow', b.deltaAtLow);
      row('tornado', t.policy, b.input, 'deltaAtHigh', b.deltaAtHigh);
      row('tornado', t.policy, b.input, 'swing', b.swing);
    }
  }
  for (const c of s.rankCorrelations) for (const r of c.correlations) row('spearman', c.policy, r.input, 'rho', r.rho);
  const v = s.valueOfInformation;
  row('voi', '', '', 'evpi', v.evpi);
  row('voi', '', '', 'noiseFloor', v.noiseFloor);
  for (const i of v.inputs) {
    row('voi', '', i.input, 'evppi', i.evppi);
    row('voi', '', i.input, 'pDecisionChange', i.pDecisionChange);
  }
  return lines.join('\n') + '\n';
}

