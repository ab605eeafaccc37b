/**
 * The executive report: one self-contained HTML file that works offline.
 *
 *   Forecast + charts + options --1 verdict (htmlVerdict.ts)--> plain words at the top
 *     --2 policy table--> --3 charts (specs as JSON, drawn in the page by the inlined vega,
 *     vega-lite and vega-embed)--> --4 assumptions--> --5 how to reproduce--> report.html
 *
 * Nothing in the page refers to anything outside it: the scripts and specs are inline, and a
 * Content-Security-Policy forbids any request (`default-src 'none'`), so the file behaves the same
 * on a laptop in a plane. Pure but for reading the scripts (assets.ts), which options.assets
 * replaces.
 */
import type { Chart } from '../charts/index.js';
import { count, money, percent, percentagePoints, plain } from '../charts/format.js';
import { futures, horizon, plainLabel } from '../charts/theme.js';
import type { Summary } from '../forecast/quantile.js';
import type { Assumption } from '../forecast/assumptions.js';
import { evidenceSection, type EvidenceSection, type Headline } from '../forecast/evidence/section.js';
import type { Sensitivity } from '../forecast/sensitivity.js';
import type { Comparison, Forecast, SummaryMetric, SummaryRow } from '../forecast/types.js';
import type { Distribution } from '../scenario/distribution.js';
import { loadReportAssets, type ReportAssets } from './assets.js';
import { escapeHtml } from './htmlEscape.js';
import { evidenceHtml, headlineFlag, type EvidenceRun } from './htmlEvidence.js';
import { sensitivityHtml } from './htmlSensitivity.js';
import { REPORT_CSS } from './htmlStyle.js';
import { verdict } from './htmlVerdict.js';
import type { PrecisionOutcome } from '../forecast/precision.js';

/** How the run can be reproduced; `RunManifest` (json.ts) has all of these. */
export interface ReportManifest {
  readonly command: string;
  readonly seed: number;
  readonly version: string;
  readonly scenarioHash: string;
  readonly scenarioFile?: string;
  readonly runs?: number;
  readonly engine?: string;
  readonly workers?: number;
  readonly node?: string;
  /** Latin Hypercube sampling, when not the default random sampling. */
  readonly sampling?: 'random' | 'lhs';
  /** With `--precision`: the target, why the runs stopped, and when. */
  readonly precision?: Pick<PrecisionOutcome, 'target' | 'stopReason' | 'runs' | 'maxRuns'>;
}

export interface ReportOptions {
  /** The run manifest, for "how to reproduce". */
  readonly manifest?: ReportManifest;
  /** The inlined scripts; default: the installed vega, vega-lite and vega-embed. */
  readonly assets?: ReportAssets;
  /** The evidence check of the scenario's model: the "Evidence" section and the flags on headline numbers. */
  readonly evidence?: EvidenceRun;
  /** The sensitivity analysis: the "What would change the answer" section (with the chart `tornado`). */
  readonly sensitivity?: Sensitivity;
}

export { escapeHtml };

/** JSON that is safe inside a <script> element (no "</script", no "<!--"). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A script's code made safe inside a <script> element. */
function scriptCode(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

// ---------------------------------------------------------------------------------------------
// the policy table

function summary(f: Forecast, policy: string, metric: SummaryMetric): SummaryRow | undefined {
  return f.summary.find((r) => r.policy === policy && r.metric === metric);
}

function cell(main: string, sub?: string, cls?: string, se?: string): string {
  const subs = (sub ? `<span class="sub">${escapeHtml(sub)}</span>` : '') + (se ? `<span class="sub se">${escapeHtml(se)}</span>` : '');
  return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(main)}${subs}</td>`;
}

/** "± $52.1k" : the Monte Carlo standard error of a mean, written with the mean's formatter. */
function seOf(se: number | undefined, f: (x: number) => string): string | undefined {
  return se !== undefined && Number.isFinite(se) ? `± ${f(se)}` : undefined;
}

function rangeOf(s: Summary | undefined, f: (x: number) => string): string | undefined {
  return s ? `${f(s.p5)} to ${f(s.p95)}` : undefined;
}

function paybackCells(c: Comparison, forecast: Forecast): string {
  const pb = c.paybackMonth;
  const within = `within ${horizon(forecast)}: ${percent(c.pPayback)}`;
  if (pb.p50 === null) return cell('not within horizon', within);
  if (pb.p5 === pb.p50 && pb.p95 === pb.p50) return cell(`month ${count(pb.p50)}`, within);
  const range = `${pb.p5 === null ? '?' : count(pb.p5)} to ${pb.p95 === null ? `>${forecast.scenario.horizonMonths}` : count(pb.p95)}`;
  return cell(`month ${count(pb.p50)}`, `${range}; ${within}`);
}

function table(head: readonly string[], rows: readonly string[]): string {
  return `<div class="table-wrap"><table>
<thead><tr>${head.map((h, i) => `<th${i === 0 ? ' class="text"' : ''}>${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function nameCell(forecast: Forecast, key: string, label: string): string {
  const isBase = key === forecast.scenario.baseline;
  return `<td class="text"><strong>${escapeHtml(label)}</strong>${isBase ? '<span class="tag">baseline</span>' : ''}</td>`;
}

function policyTables(forecast: Forecast, flags: EvidenceSection['headlineFlags'] | undefined): string {
  const cur = forecast.scenario.currency;
  const flag = (h: Headline) => headlineFlag(flags, h);
  const m = (x: number) => money(x, cur);
  const m4 = (x: number) => money(x, cur, 4);
  const range = '<span class="sub">P5 to P95</span>';
  const outcomes = forecast.policies.map((p) => {
    const npv = summary(forecast, p.key, 'npv');
    const clv = summary(forecast, p.key, 'clv');
    const churn = summary(forecast, p.key, 'meanChurnRate');
    const nps = summary(forecast, p.key, 'npsAtHorizon');
    const cost = summary(forecast, p.key, 'supportCost');
    const cells = [
      cell(m4(npv?.mean ?? Number.NaN), rangeOf(npv, m), undefined, seOf(npv?.standardError, m)),
      cell(money(clv?.mean, cur, 4), rangeOf(clv, m), undefined, seOf(clv?.standardError, (x) => money(x, cur, 2))),
      cell(percent(churn?.mean), rangeOf(churn, (x) => percent(x)), undefined, seOf(churn?.standardError, percentagePoints)),
      cell(plain(nps?.mean), rangeOf(nps, (x) => plain(x)), undefined, seOf(nps?.standardError, (x) => plain(x, 2))),
      cell(m(cost?.mean ?? Number.NaN), rangeOf(cost, m), undefined, seOf(cost?.standardError, m)),
    ];
    return `<tr${p.key === forecast.scenario.baseline ? ' class="baseline"' : ''}>${nameCell(forecast, p.key, p.label)}${cells.join('')}</tr>`;
  });
  const versus = forecast.policies.flatMap((p) => {
    const c = forecast.comparisons.find((x) => x.policy === p.key);
    if (!c) return [];
    const cells = [
      cell(
        m(c.deltaNpv.p50),
        `${m(c.deltaNpv.p5)} to ${m(c.deltaNpv.p95)}`,
        c.deltaNpv.p50 > 0 ? 'pos' : c.deltaNpv.p50 < 0 ? 'neg' : undefined,
        `mean ${m(c.deltaNpv.mean)} ${seOf(c.deltaNpvStandardError, m) ?? ''}`.trim(),
      ),
      cell(
        percent(c.pBeatBaseline),
        c.pBeatBaseline >= 1 ? `all ${count(forecast.scenario.runs)} futures` : c.pBeatBaseline <= 0 ? `none of ${count(forecast.scenario.runs)}` : `± ${percentagePoints(c.pBeatStandardError)}`,
      ),
      c.roi ? cell(percent(c.roi.p50), `${percent(c.roi.p5)} to ${percent(c.roi.p95)}`) : cell('n/a', 'no programme cost'),
      paybackCells(c, forecast),
    ];
    return [`<tr>${nameCell(forecast, p.key, p.label)}${cells.join('')}</tr>`];
  });
  const baseline = escapeHtml(plainLabel(forecast, forecast.scenario.baseline));
  const outcomeTable = table(
    [
      'Policy',
      `NPV, ${escapeHtml(horizon(forecast))} (mean)${flag('npv')}${range}`,
      `CLV per customer (mean)${flag('clv')}${range}`,
      `Monthly churn (mean)${flag('meanChurnRate')}${range}`,
      `NPS at month ${forecast.scenario.horizonMonths} (mean)${flag('npsAtHorizon')}${range}`,
      `Support cost, ${escapeHtml(horizon(forecast))} (mean)${flag('supportCost')}${range}`,
    ],
    outcomes,
  );
  const versusTable = versus.length
    ? `<h3>Against the baseline, ${baseline}</h3>
${table(['Policy', `NPV gain (median)${flag('deltaNpvVsBaseline')}${range}`, 'Beats the baseline<span class="sub">share of futures ± standard error</span>', `ROI (median)${range}`, `Payback month (median)${range}`], versus)}`
    : '';
  return `${outcomeTable}
${versusTable}
<p class="note">NPV: net contribution (gross margin less support cost) over ${escapeHtml(horizon(forecast))}, discounted. CLV: discounted lifetime value per customer of today's book. Support cost undiscounted. Ranges: 5th to 95th percentile of ${escapeHtml(futures(forecast))}. The comparison with the baseline is made in each simulated future (paired), so the NPV gain is known far more precisely than the NPVs themselves. ROI: NPV gain over the present value of the programme cost. Payback: the month from which the policy stays ahead of the baseline in cumulative NPV. ± figures: the Monte Carlo standard error of the mean, how far it could move if the ${escapeHtml(futures(forecast))} were drawn again (not the spread of outcomes, which the ranges give).${flags && Object.values(flags).some((x) => x.length > 0) ? ' ⚑: rests on inputs with weak evidence (see Evidence).' : ''}</p>`;
}

// ---------------------------------------------------------------------------------------------
// assumptions

const num = (x: number | undefined): string => (x === undefined ? '' : plain(x, 4));

/** A distribution in words: "PERT: min 0.01, most likely 0.013, max 0.018". */
export function distributionWords(d: Distribution): string {
  switch (d.dist) {
    case 'uniform':
      return `uniform from ${num(d.min)} to ${num(d.max)}`;
    case 'triangular':
      return `triangular: min ${num(d.min)}, most likely ${num(d.mode)}, max ${num(d.max)}`;
    case 'pert':
      return `PERT: min ${num(d.min)}, most likely ${num(d.mode)}, max ${num(d.max)}${d.lambda !== 4 ? ` (λ ${num(d.lambda)})` : ''}`;
    case 'normal':
      return `normal: mean ${num(d.mean)}, sd ${num(d.sd)}${d.min !== undefined || d.max !== undefined ? `, truncated to [${num(d.min) || '−∞'}, ${num(d.max) || '∞'}]` : ''}`;
    case 'lognormal':
      return `lognormal: mean ${num(d.mean)}, sd ${num(d.sd)} (of the value)${d.min !== undefined || d.max !== undefined ? `, truncated to [${num(d.min) || '0'}, ${num(d.max) || '∞'}]` : ''}`;
    case 'beta':
      return `beta(${num(d.alpha)}, ${num(d.beta)}) scaled to [${num(d.min)}, ${num(d.max)}]`;
  }
}

/** Units read after a number as a noun ("160,000 customers"); others are written in brackets. */
const NOUN_UNITS = new Set(['customers', 'customers per month', 'months', 'minutes', 'hours per month', 'agents', 'people', 'runs']);

/** An assumption's value with its unit: "0.08 (annual rate)", "160,000 customers", "USD 8". */
function assumptionValue(a: Assumption): string {
  const v = typeof a.value === 'number' ? plain(a.value, 6) : a.value;
  if (!a.unit || typeof a.value !== 'number') return a.unit && typeof a.value !== 'number' && a.unit !== 'YYYY-MM' ? `${v} (${a.unit})` : v;
  if (/^[A-Z]{3}$/.test(a.unit)) return `${a.unit} ${v}`;
  return NOUN_UNITS.has(a.unit) ? `${v} ${a.unit}` : `${v} (${a.unit})`;
}

function assumptionsSection(forecast: Forecast, assumptions: readonly Assumption[]): string {
  const inputs = forecast.inputs.length
    ? `<p>Each simulated future draws one value of each of these ${count(forecast.inputs.length)} uncertain inputs, and every policy is simulated in that same future.</p>
<div class="table-wrap"><table><thead><tr><th class="text">Input</th><th class="text">Distribution</th></tr></thead><tbody>
${forecast.inputs.map((i) => `<tr><td class="text"><code>${escapeHtml(i.path)}</code></td><td class="text">${escapeHtml(distributionWords(i.dist))}</td></tr>`).join('\n')}
</tbody></table></div>`
    : '<p>No input of this scenario is uncertain: the futures differ only by the chance events of the simulation.</p>';
  const all = assumptions.length
    ? `<h3>All assumptions</h3>
<details id="all-assumptions">
<summary>Every input of the scenario, defaults filled in (${count(assumptions.length)}), with its unit and what it is; defaults cite their sources</summary>
<div class="table-wrap"><table class="assumptions"><thead><tr><th class="text">Input</th><th class="text">Value</th><th class="text">What it is</th></tr></thead><tbody>
${assumptions.map((a) => `<tr><td class="text"><code>${escapeHtml(a.path)}</code></td><td class="text">${escapeHtml(assumptionValue(a))}</td><td class="text">${escapeHtml(a.description ?? '')}</td></tr>`).join('\n')}
</tbody></table></div>
</details>`
    : '';
  return `<h3>Uncertain inputs</h3>\n${inputs}\n${all}`;
}

// ---------------------------------------------------------------------------------------------
// reproduce

function reproduceSection(forecast: Forecast, manifest: ReportManifest | undefined): string {
  const s = forecast.scenario;
  const rows: [string, string][] = [
    ['Scenario', s.name],
    ['Seed', String(manifest?.seed ?? s.seed)],
    ['Simulated futures (runs)', count(manifest?.runs ?? s.runs)],
    ['Engine', manifest?.engine ?? s.engine],
    ['Horizon', `${horizon(forecast)} from ${s.startMonth}`],
  ];
  if (manifest) {
    rows.push(['servicecast version', manifest.version], ['Scenario hash (SHA-256)', manifest.scenarioHash]);
    if (manifest.scenarioFile) rows.push(['Scenario file', manifest.scenarioFile]);
    if (manifest.node) rows.push(['Node.js', manifest.node]);
    if (manifest.sampling === 'lhs') rows.push(['Sampling of the uncertain inputs', 'Latin Hypercube']);
    if (manifest.precision) rows.push(['Number of runs', precisionText(manifest.precision)]);
  }
  const command = manifest?.command ?? `servicecast run <scenario file> --seed ${s.seed} --runs ${s.runs}`;
  return `<p>The same scenario, seed and version give the same numbers, whatever the number of worker threads.</p>
<pre><code>${escapeHtml(command)}</code></pre>
<div class="table-wrap"><table><tbody>
${rows.map(([k, v]) => `<tr><td class="text">${escapeHtml(k)}</td><td class="text"><code>${escapeHtml(v)}</code></td></tr>`).join('\n')}
</tbody></table></div>`;
}

/** Why an adaptive Monte Carlo (`--precision`) ran the runs it ran, in words. */
export function precisionText(p: NonNullable<ReportManifest['precision']>): string {
  const asked = `chosen by --precision ${p.target}: `;
  switch (p.stopReason) {
    case 'precision':
      return `${asked}every policy's mean NPV difference was known to the target after ${count(p.runs)} runs`;
    case 'ranking':
      return `${asked}stopped at ${count(p.runs)} runs, before the target, because the ranking of the policies was settled (the same at two checks in a row, every neighbour apart at 95%)`;
    case 'max-runs':
      return `${asked}stopped at the ceiling of ${count(p.maxRuns)} runs (--max-runs) before the target was met; run.json has each check's half-widths`;
  }
}

// ---------------------------------------------------------------------------------------------
// charts

/** The charts shown in their own sections rather than under "Charts". */
const SECTION_CHARTS = new Set(['tornado']);

function figure(c: Chart): string {
  return `<figure id="fig-${escapeHtml(c.id)}"><div class="chart" data-chart="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.title)}"></div></figure>`;
}

function chartsSection(charts: readonly Chart[]): string {
  return charts
    .filter((c) => !SECTION_CHARTS.has(c.id))
    .map(figure)
    .join('\n');
}

/** Draws every chart container from the inlined specs; marks each as rendered or failed. */
const EMBED_SCRIPT = `
(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var nodes = document.querySelectorAll('.chart[data-chart]');
  var pending = nodes.length;
  function done() { if (--pending === 0) document.documentElement.setAttribute('data-charts', 'done'); }
  if (pending === 0) document.documentElement.setAttribute('data-charts', 'done');
  Array.prototype.forEach.call(nodes, function (el) {
    var spec = specs[el.getAttribute('data-chart')];
    if (typeof vegaEmbed !== 'function') {
      el.setAttribute('data-state', 'failed');
      el.textContent = 'The charts need the inlined vega-embed script, which this page lacks.';
      done();
      return;
    }
    vegaEmbed(el, spec, { actions: false, renderer: 'svg' }).then(function () {
      el.setAttribute('data-state', 'rendered');
      done();
    }).catch(function (err) {
      el.setAttribute('data-state', 'failed');
      var p = document.createElement('p');
      p.className = 'error';
      p.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : err);
      el.appendChild(p);
      console.error(err);
      done();
    });
  });
})();
`;

// ---------------------------------------------------------------------------------------------
// the page

export function reportHtml(forecast: Forecast, charts: readonly Chart[], options: ReportOptions = {}): string {
  const s = forecast.scenario;
  const assets = options.assets ?? loadReportAssets();
  const v = verdict(forecast);
  const specs = Object.fromEntries(charts.map((c) => [c.id, c.spec]));
  const baseline = plainLabel(forecast, s.baseline);
  const described = (forecast.assumptions ?? []).find((a) => a.path === 'description')?.value;
  const description = typeof described === 'string' ? described.trim() : undefined;
  const meta = [
    `Scenario <code>${escapeHtml(s.name)}</code>`,
    `${count(forecast.policies.length)} ${forecast.policies.length === 1 ? 'policy' : 'policies'}, baseline ${escapeHtml(baseline)}`,
    `${escapeHtml(horizon(forecast))} from ${escapeHtml(s.startMonth)}`,
    escapeHtml(futures(forecast)),
    `${escapeHtml(s.engine)} engine`,
    `seed ${escapeHtml(String(s.seed))}`,
    `amounts in ${escapeHtml(s.currency)}`,
  ].join(' · ');
  const evidence = options.evidence ? evidenceSection(options.evidence.rows) : undefined;
  const tornado = charts.find((c) => c.id === 'tornado');
  const sensitivity = options.sensitivity && forecast.inputs.length > 0 ? sensitivityHtml(forecast, options.sensitivity, tornado ? figure(tornado) : '') : undefined;
  const scripts = assets.scripts.map((a) => `<script data-package="${escapeHtml(a.name)}@${escapeHtml(a.version)}">\n${scriptCode(a.code)}\n</script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="servicecast${options.manifest ? ` ${escapeHtml(options.manifest.version)}` : ''}">
<title>${escapeHtml(s.title)} · servicecast</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(s.title)}</h1>
<p class="meta">${meta}</p>
${description ? `<p class="description">${escapeHtml(description)}</p>` : ''}
</header>
<section class="verdict ${v.kind}" id="verdict">
<p class="headline">${escapeHtml(v.headline)}</p>
${v.details.length ? `<ul>\n${v.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('\n')}\n</ul>` : ''}
</section>
<nav class="toc"><a href="#policies">Policies</a><a href="#charts">Charts</a>${sensitivity ? '<a href="#sensitivity">What would change the answer</a>' : ''}${options.evidence ? '<a href="#evidence">Evidence</a>' : ''}<a href="#assumptions">Assumptions</a><a href="#reproduce">Reproduce</a></nav>

<section id="policies">
<h2>Policies side by side</h2>
${policyTables(forecast, evidence?.headlineFlags)}
</section>

<section id="charts">
<h2>Charts</h2>
<p class="note"><span class="screen-only">Hover over a chart for the numbers. </span>The bands of the monthly charts overlap mostly because every policy meets the same uncertain futures; the NPV-difference chart compares the policies future by future.</p>
${chartsSection(charts)}
</section>

${sensitivity ? `<section id="sensitivity">
<h2>What would change the answer</h2>
${sensitivity}
</section>

` : ''}${options.evidence ? `<section id="evidence">
<h2>Evidence: does the model reproduce the research?</h2>
${evidenceHtml(options.evidence, evidence)}
</section>

` : ''}<section id="assumptions">
<h2>Assumptions</h2>
${assumptionsSection(forecast, forecast.assumptions ?? [])}
</section>

<section id="reproduce">
<h2>How to reproduce</h2>
${reproduceSection(forecast, options.manifest)}
</section>

<footer>Made by servicecast${options.manifest ? ` ${escapeHtml(options.manifest.version)}` : ''}: a Monte Carlo forecast of what customer-service strategies do to churn, cost and value. Every figure is an estimate from ${escapeHtml(futures(forecast))}; the uncertain inputs above drive its ranges.</footer>
</main>
<script id="chart-specs" type="application/json">${scriptJson(specs)}</script>
${scripts}
<script>${EMBED_SCRIPT}</script>
<script>window.addEventListener('beforeprint', function () { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); });</script>
</body>
</html>
`;
}
