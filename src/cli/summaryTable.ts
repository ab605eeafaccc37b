import type { Forecast } from '../forecast/types.js';
import { compactMoney, integer, percent, table } from './format.js';

/** The short summary `servicecast run` prints: one line per policy, medians over runs. */
export function summaryTable(f: Forecast): string {
  const cur = f.scenario.currency;
  const get = (policy: string, metric: string) => f.summary.find((r) => r.policy === policy && r.metric === metric);
  const rows: string[][] = [['policy', 'customers@end', 'churn/mo', 'support cost', 'NPV', 'CLV/cust', 'dNPV vs base (P5..P95)', 'P(beat)']];
  for (const p of f.policies) {
    const c = f.comparisons.find((x) => x.policy === p.key);
    rows.push([
      p.key === f.scenario.baseline ? `${p.label} (baseline)` : p.label,
      integer(get(p.key, 'activeAtHorizon')?.p50),
      percent(get(p.key, 'meanChurnRate')?.mean, 2),
      compactMoney(get(p.key, 'supportCost')?.p50, cur),
      compactMoney(get(p.key, 'npv')?.p50, cur),
      compactMoney(get(p.key, 'clv')?.p50, cur),
      c ? `${compactMoney(c.deltaNpv.p50, cur)} (${compactMoney(c.deltaNpv.p5, cur)} .. ${compactMoney(c.deltaNpv.p95, cur)})` : '-',
      c ? percent(c.pBeatBaseline, 0) : '-',
    ]);
  }
  const head = `${f.scenario.title}: ${f.scenario.runs} runs x ${f.scenario.horizonMonths} months, ${f.scenario.engine} engine, seed ${f.scenario.seed}`;
  return `${head}\n${table(rows)}\n(medians over runs; churn is the mean monthly rate)`;
}
