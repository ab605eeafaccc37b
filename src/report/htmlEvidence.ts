/**
 * The report's "Evidence" section: how well the scenario's model reproduces the published findings
 * of the evidence ledger (the table of `servicecast evidence`), the known gaps, and the inputs
 * whose defaults rest on weak evidence; plus the flags on the headline numbers that rest on them.
 * Pure: evidence rows in, HTML out.
 */
import { count } from '../charts/format.js';
import { tally, type EvidenceRow } from '../forecast/evidence/evaluate.js';
import { formatValue } from '../forecast/evidence/format.js';
import { evidenceSection, type EvidenceSection, type Headline } from '../forecast/evidence/section.js';
import { escapeHtml } from './htmlEscape.js';

/** How the evidence was computed, for the section's first sentence. */
export interface EvidenceRun {
  readonly runs: number;
  readonly seed: number;
  /** The surveyed policy's label. */
  readonly policy: string;
  readonly rows: readonly EvidenceRow[];
}

function verdictCell(r: EvidenceRow): string {
  if (!r.checked) return '<td class="text gap">known gap</td>';
  if (!r.applicable) return '<td class="text">not applicable</td>';
  const mark = r.inBand ? '<span class="ok">✓ in band</span>' : '<span class="miss">✗ outside</span>';
  return `<td class="text">${mark}${r.precise ? '' : '<span class="sub">interval wider than the band</span>'}</td>`;
}

function row(r: EvidenceRow): string {
  const v = (x: number) => formatValue(x, r.unit);
  const simulated = Number.isFinite(r.simulated) ? `${v(r.simulated)}<span class="sub">95% interval ${escapeHtml(v(r.interval[0]))} to ${escapeHtml(v(r.interval[1]))}</span>` : 'n/a';
  const kind = r.stated ? '<span class="tag">stated intention</span>' : '';
  return `<tr${r.checked && r.applicable && !r.inBand ? ' class="miss"' : ''}>
<td class="text"><strong>${escapeHtml(r.finding)}</strong>${kind}<span class="sub wrap">${escapeHtml(r.measured)}</span></td>
<td class="text">${escapeHtml(r.source)}<span class="sub">grade ${escapeHtml(r.grade)}</span></td>
<td>${escapeHtml(v(r.target))}<span class="sub">band ${escapeHtml(v(r.band[0]))} to ${escapeHtml(v(r.band[1]))}</span></td>
<td>${simulated}</td>
${verdictCell(r)}
</tr>`;
}

/** The section's HTML; `s` is `evidenceSection(e.rows)`, passed in when the caller has it already. */
export function evidenceHtml(e: EvidenceRun, s: EvidenceSection = evidenceSection(e.rows)): string {
  const { inBand: passed, checked } = tally(e.rows);
  const intro = `<p>Before its forecasts can be trusted, the model must reproduce what the research measured. The customers of <strong>${escapeHtml(e.policy)}</strong> were surveyed the way each study surveyed its own (a year of contacts after three months of warm-up) in ${count(e.runs)} simulated worlds (seed ${escapeHtml(String(e.seed))}): <strong>${count(passed)} of ${count(checked)}</strong> checked findings fall inside their band${s.gaps.length ? `; ${count(s.gaps.length)} known ${s.gaps.length === 1 ? 'gap is' : 'gaps are'} reported, not checked` : ''}. Grade A: primary source read; B: author or vendor material; C: secondary summary. A stated intention is a survey answer, not observed behaviour, so it gets a wide band.</p>`;
  const alarm = s.gradeAFailures.length
    ? `<p class="alarm">The model misses ${s.gradeAFailures.length === 1 ? 'a grade-A finding' : `${count(s.gradeAFailures.length)} grade-A findings`}: ${s.gradeAFailures.map((r) => escapeHtml(r.finding)).join('; ')}. Treat the forecast with care until the scenario is fixed.</p>`
    : '';
  const table = `<div class="table-wrap"><table class="evidence">
<thead><tr><th class="text">Finding<span class="sub">measured as</span></th><th class="text">Source</th><th>Target<span class="sub">band</span></th><th>Simulated (mean)<span class="sub">95% interval</span></th><th class="text">Verdict</th></tr></thead>
<tbody>
${e.rows.map(row).join('\n')}
</tbody></table></div>`;
  const gaps = s.gaps.length
    ? `<h3>Known gaps</h3>\n<ul>\n${s.gaps.map((r) => `<li><strong>${escapeHtml(r.finding)}</strong>: ${escapeHtml(r.gap ?? 'not reproduced by design')}</li>`).join('\n')}\n</ul>`
    : '';
  const weak = s.weakAssumptions.length
    ? `<h3 id="weak-evidence">Inputs on weak evidence</h3>
<p>These inputs are constrained only by grade-C findings or by findings the model misses; the headline numbers that depend on them are marked <span class="flag">⚑</span> above.</p>
<ul>\n${s.weakAssumptions.map((w) => `<li><code>${escapeHtml(w.path)}</code>: ${escapeHtml(w.grade === 'fail' ? `the model misses ${w.findings.join(', ')}` : `grade C evidence only (${w.findings.join(', ')})`)}</li>`).join('\n')}\n</ul>`
    : '<p>No input rests on grade-C evidence alone, and no finding that constrains an input is missed.</p>';
  return `${intro}\n${alarm}\n${table}\n${gaps}\n${weak}`;
}

/**
 * The flag after a headline number's column title: ⚑ with the weak inputs it rests on, or
 * nothing. `flags`: `evidenceSection(rows).headlineFlags`, computed once per report.
 */
export function headlineFlag(flags: EvidenceSection['headlineFlags'] | undefined, headline: Headline): string {
  const paths = flags?.[headline] ?? [];
  if (paths.length === 0) return '';
  return ` <a class="flag" href="#weak-evidence" title="${escapeHtml(`Rests on inputs with weak evidence: ${paths.join(', ')}`)}">⚑</a>`;
}
