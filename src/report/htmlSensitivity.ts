/**
 * The report's "What would change the answer" section, shown when the scenario has uncertain
 * inputs: "measure this first" (value of information), the tornado chart, the rank correlations
 * of the inputs with each policy's NPV difference over the runs, and the EVPPI of each input.
 * Pure: a sensitivity analysis in, HTML out (the tornado is drawn from its spec like every chart).
 */
import { count, money, percent } from '../charts/format.js';
import type { Forecast } from '../forecast/types.js';
import { measureFirstText } from '../forecast/measureFirst.js';
import type { Sensitivity } from '../forecast/sensitivity.js';
import { plainLabel } from '../charts/theme.js';
import { escapeHtml } from './htmlEscape.js';

/** How many inputs the tables show at most. */
const TOP = 10;

function correlationTable(forecast: Forecast, s: Sensitivity): string {
  const rc = s.rankCorrelations;
  const first = rc[0];
  if (!first || first.correlations.length === 0) return '';
  const inputs = first.correlations.map((c) => c.input).slice(0, TOP);
  const head = `<tr><th class="text">Input</th>${rc.map((c) => `<th>${escapeHtml(plainLabel(forecast, c.policy))}</th>`).join('')}</tr>`;
  const rows = inputs.map((input) => {
    const cells = rc.map((c) => {
      const r = c.correlations.find((x) => x.input === input);
      if (!r || !Number.isFinite(r.rho)) return '<td>n/a</td>';
      return `<td${r.significant ? ' class="strong"' : ''}>${r.rho >= 0 ? '+' : '−'}${Math.abs(r.rho).toFixed(2)}${r.significant ? '' : '<span class="sub">not significant</span>'}</td>`;
    });
    return `<tr><td class="text"><code>${escapeHtml(input)}</code></td>${cells.join('')}</tr>`;
  });
  return `<h3>Rank correlation with the NPV difference</h3>
<p class="note">Spearman's ρ between each input's drawn value and each policy's NPV difference against the baseline, over ${count(first.runs)} simulated futures; + means a higher value of the input favours the policy. Significant: |ρ| above 1.96/√(runs−1).</p>
<div class="table-wrap"><table><thead>${head}</thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function voiTable(forecast: Forecast, s: Sensitivity): string {
  const v = s.valueOfInformation;
  if (v.inputs.length === 0) return '';
  const rows = v.inputs.slice(0, TOP).map((i) => {
    const name = (key: string) => plainLabel(forecast, key);
    const deciles = i.bestByDecile.every((b) => b === i.bestByDecile[0]) ? `${name(i.bestByDecile[0] ?? '')} throughout` : i.bestByDecile.map(name).join(' · ');
    return `<tr${i.input === v.measureFirst ? ' class="first"' : ''}><td class="text"><code>${escapeHtml(i.input)}</code></td><td>${escapeHtml(money(i.evppi, s.currency))}</td><td>${escapeHtml(percent(i.pDecisionChange))}</td><td class="text">${escapeHtml(deciles)}</td></tr>`;
  });
  return `<h3>Value of information</h3>
<p class="note">EVPPI: how much NPV, on average, knowing the input's true value before choosing would add (the best policy for each value instead of the best on average). Perfect information on every input at once is worth ${escapeHtml(money(v.evpi, s.currency))}; estimates below ${escapeHtml(money(v.noiseFloor, s.currency))} are within the noise of the method.</p>
<div class="table-wrap"><table><thead><tr><th class="text">Input</th><th>EVPPI</th><th>Would change the decision<span class="sub">share of futures</span></th><th class="text">Best policy by tenth of the input's range, low to high</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/** The section's HTML; `tornadoFigure` is the figure element of the tornado chart (or empty). */
export function sensitivityHtml(forecast: Forecast, s: Sensitivity, tornadoFigure: string): string {
  const sentence = measureFirstText(s, { money: (x) => money(x, s.currency), percent: (x) => percent(x), policy: (key) => plainLabel(forecast, key) });
  const flips = s.tornado.switches.filter((x) => x.changesDecision);
  const t = s.tornado;
  const switches = flips.length
    ? `Alone at its P${Math.round(100 * t.lowQuantile)} or P${Math.round(100 * t.highQuantile)}, ${flips.map((x) => `<code>${escapeHtml(x.input)}</code>`).join(', ')} ${flips.length === 1 ? 'changes' : 'each change'} the best policy (${escapeHtml(plainLabel(forecast, t.bestAtBase))} with every input at its median).`
    : `No input alone, at its P${Math.round(100 * t.lowQuantile)} or P${Math.round(100 * t.highQuantile)}, changes the best policy (${escapeHtml(plainLabel(forecast, t.bestAtBase))} with every input at its median).`;
  return `<p class="callout">${escapeHtml(sentence)}</p>
<p>${switches}</p>
${tornadoFigure}
${correlationTable(forecast, s)}
${voiTable(forecast, s)}`;
}
