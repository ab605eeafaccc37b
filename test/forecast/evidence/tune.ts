/**
 * The tuning aid behind the evidence defaults (README, "Evidence"). Not a test: run it with
 *
 *   npx tsx test/forecast/evidence/tune.ts [scenario] [--set path=value ...]            # report
 *   npx tsx test/forecast/evidence/tune.ts [scenario] --search [--rounds N] [--set ...]  # search
 *
 * Report: every ledger finding in the scenario's mean world (each uncertain input at its mean),
 * against its target and band, and the constraints the defaults must also keep, from the
 * `expected` engine in the mean world: the baseline's NPS stays within 10 points of its start
 * over the horizon, monthly churn stays within 1-2.5%, and NPV ranks effort above meet, with meet
 * and exceed close.
 *
 * Search: coordinate descent over the response, CSAT and spend defaults listed in PARAMS, from the
 * scenario's values (with any --set), minimising the squared distance of each checked finding from
 * its target in half-bands, plus a penalty for each broken constraint and the NPS drift (in 5-point
 * units) squared. It prints the best --set line;
 * the defaults in src/scenario/schema.ts were set from it and then rounded by hand (the search is a
 * guide, the ledger check is the test).
 */
import { loadScenario, formatErrors } from '../../../src/io/scenarioFile.js';
import { loadLedger } from '../../../src/io/ledger.js';
import type { Scenario } from '../../../src/scenario/schema.js';
import { meanWorld } from '../../../src/scenario/world.js';
import { surveyWorld, DEFAULT_SURVEY } from '../../../src/forecast/evidence/survey.js';
import { policyModel } from '../../../src/model/kernel.js';
import { simulatePolicy } from '../../../src/engine/simulate.js';
import { expectedPopulation } from '../../../src/engine/expected.js';
import { COL, METRIC_COUNT } from '../../../src/engine/metrics.js';
import type { Ledger } from '../../../src/forecast/evidence/ledger.js';

/**
 * Parameters the search may move: path, lower and upper bound, step. A path ending in a list index
 * (`response.downSteps.0`) sets that item of the list.
 */
const PARAMS: readonly [string, number, number, number][] = [
  // Ranges are what we find plausible for each default; the search stays inside them.
  ['response.lowEffortResolved.down', 0.03, 0.12, 0.01],
  ['response.lowEffortResolved.up', 0.15, 0.45, 0.02],
  ['response.mediumEffortResolved.down', 0.2, 0.6, 0.03],
  ['response.mediumEffortResolved.up', 0.03, 0.2, 0.02],
  ['response.highEffortResolved.down', 0.9, 0.98, 0.01],
  ['response.lowEffortUnresolved.down', 0.3, 0.8, 0.03],
  ['response.mediumEffortUnresolved.down', 0.6, 0.95, 0.03],
  ['response.silent.down', 0.1, 0.6, 0.03],
  ['response.drift', 0.05, 0.25, 0.01],
  ['response.downSteps.0', 0.1, 0.7, 0.05],
  ['response.downSteps.2', 0.1, 0.7, 0.05],
  ['response.upSteps.1', 0.1, 0.6, 0.05],
  ['response.satisfied.mediumEffortResolved', 0.5, 0.9, 0.05],
  ['response.satisfied.highEffortResolved', 0.15, 0.5, 0.05],
  ['response.satisfied.unresolved', 0.03, 0.2, 0.02],
  ['spend.promoter', 1, 1.3, 0.01],
  ['spend.detractor', 0.6, 1, 0.01],
  // The book's loyalty: the weights of detractor scores (0-6) in every segment's initialScores,
  // scaled (the NPS the firm starts from; the status quo must stay near it).
  ...(process.env.TUNE_BOOK ? ([['@detractorScale', 0.6, 1.2, 0.05]] as [string, number, number, number][]) : []),
  ...(process.env.TUNE_EFFORT
    ? (['selfService', 'chat', 'email', 'phone'].map((c) => [`service.channels.${c}.effort.low`, 0.3, 0.95, 0.05]) as [string, number, number, number][])
    : []),
];

interface Constraints {
  readonly activeStart: number;
  readonly activeEnd: number;
  readonly npsStart: number;
  readonly npsEnd: number;
  readonly churn: number;
  readonly npv: Record<string, number>;
}

function constraints(scenario: Scenario): Constraints {
  const world = meanWorld(scenario);
  const T = world.horizonMonths;
  const npv: Record<string, number> = {};
  let activeStart = Number.NaN;
  let activeEnd = Number.NaN;
  let npsStart = Number.NaN;
  let npsEnd = Number.NaN;
  let churn = Number.NaN;
  for (const key of Object.keys(world.policies)) {
    const run = simulatePolicy(policyModel(world, key), expectedPopulation, 0);
    const at = (t: number, col: number): number => run.metrics[(t - 1) * METRIC_COUNT + col] ?? Number.NaN;
    npv[key] = at(T, COL.cumulativeNpv);
    if (key === scenario.baseline) {
      activeStart = Object.values(world.segments).reduce((sum, seg) => sum + seg.customers, 0);
      activeEnd = at(T, COL.active);
      npsStart = at(1, COL.nps);
      npsEnd = at(T, COL.nps);
      let c = 0;
      for (let t = 1; t <= T; t++) c += at(t, COL.churnRate);
      churn = c / T;
    }
  }
  return { activeStart, activeEnd, npsStart, npsEnd, churn, npv };
}

interface Evaluation {
  readonly loss: number;
  readonly lines: string[];
}

function evaluate(scenario: Scenario, ledger: Ledger): Evaluation {
  const stats = surveyWorld(meanWorld(scenario), { policy: scenario.baseline, ...DEFAULT_SURVEY });
  const lines: string[] = [];
  let loss = 0;
  for (const f of ledger.findings) {
    const v = stats[f.statistic];
    const [lo, hi] = f.band;
    const ok = v >= lo && v <= hi;
    if (f.checked) {
      const half = (hi - lo) / 2;
      loss += ((v - f.target) / half) ** 2 + (ok ? 0 : 10);
    }
    lines.push(`${f.checked ? (ok ? 'ok ' : 'BAD') : ' - '} ${f.grade} ${f.id.padEnd(28)} ${v.toFixed(3).padStart(7)}  target ${f.target}  [${lo}, ${hi}]`);
  }
  const c = constraints(scenario);
  const drift = c.npsEnd - c.npsStart;
  const { effort = 0, meet = 0, exceed = 0 } = c.npv;
  const penalties: string[] = [];
  if (Math.abs(drift) > 8) penalties.push(`NPS drift ${drift.toFixed(1)}`);
  if (c.churn < 0.01 || c.churn > 0.025) penalties.push(`churn ${(100 * c.churn).toFixed(2)}%`);
  if ('effort' in c.npv && !(effort > meet && effort > exceed)) penalties.push('effort not above meet and exceed');
  if ('meet' in c.npv && 'exceed' in c.npv && Math.abs(meet - exceed) > 0.01 * Math.abs(exceed)) penalties.push('meet and exceed differ by > 1% of NPV');
  loss += 25 * penalties.length + (drift / 5) ** 2;
  lines.push(
    `customers ${Math.round(c.activeStart)} -> ${Math.round(c.activeEnd)}, ` +
      `NPS ${c.npsStart.toFixed(1)} -> ${c.npsEnd.toFixed(1)} (drift ${drift.toFixed(1)}), churn ${(100 * c.churn).toFixed(2)}%/mo, NPV ` +
      Object.entries(c.npv).map(([k, v]) => `${k} ${(v / 1e6).toFixed(2)}M`).join(', '),
  );
  if (penalties.length) lines.push(`constraints broken: ${penalties.join('; ')}`);
  lines.push(`loss ${loss.toFixed(3)}`);
  return { loss, lines };
}

function load(file: string, sets: readonly string[]): Scenario {
  const r = loadScenario(file, sets);
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.value.scenario;
}

function valueAt(scenario: Scenario, path: string): number {
  let node: unknown = scenario;
  for (const k of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
  if (typeof node !== 'number') throw new Error(`${path} is not a number in the scenario`);
  return node;
}

function listAt(scenario: Scenario, path: string): number[] {
  let node: unknown = scenario;
  for (const k of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
  if (!Array.isArray(node)) throw new Error(`${path} is not a list in the scenario`);
  return node.map(Number);
}

/** Coordinate descent from the scenario's values; returns the best overrides. */
function search(file: string, base: readonly string[], ledger: Ledger, rounds: number): string[] {
  const start = load(file, base);
  const values = new Map(PARAMS.map(([p]) => [p, p.startsWith('@') ? 1 : valueAt(start, p)]));
  // List items (`response.downSteps.0`) are set as the whole list: --set cannot index a list.
  const sets = (): string[] => {
    const out = [...base];
    const lists = new Map<string, number[]>();
    for (const [p, v] of values) {
      if (p === '@detractorScale') {
        for (const [key, seg] of Object.entries(start.segments)) {
          const scaled = seg.initialScores.map((w, i) => (i <= 6 ? +(w * v).toFixed(3) : w));
          out.push(`segments.${key}.initialScores=[${scaled.join(', ')}]`);
        }
        continue;
      }
      if (p.endsWith('.effort.low')) {
        // An effort mix is set whole (the file may not name it): medium and high keep their values.
        const mix = p.slice(0, -'.low'.length);
        out.push(`${mix}={low: ${+v.toFixed(4)}, medium: ${valueAt(start, `${mix}.medium`)}, high: ${valueAt(start, `${mix}.high`)}}`);
        continue;
      }
      const m = /^(.*)\.(\d+)$/.exec(p);
      if (!m) {
        out.push(`${p}=${+v.toFixed(4)}`);
        continue;
      }
      const [, list = '', index = '0'] = m;
      const items = lists.get(list) ?? listAt(start, list);
      items[Number(index)] = +v.toFixed(4);
      lists.set(list, items);
    }
    for (const [list, items] of lists) out.push(`${list}=[${items.join(', ')}]`);
    return out;
  };
  let best = evaluate(load(file, sets()), ledger).loss;
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (const [p, lo, hi, step] of PARAMS) {
      for (const dir of [1, -1]) {
        for (;;) {
          const old = values.get(p) ?? 0;
          const next = Math.min(hi, Math.max(lo, old + dir * step));
          if (next === old) break;
          values.set(p, next);
          const loss = evaluate(load(file, sets()), ledger).loss;
          if (loss < best - 1e-9) {
            best = loss;
            improved = true;
          } else {
            values.set(p, old);
            break;
          }
        }
      }
    }
    process.stderr.write(`round ${round + 1}: loss ${best.toFixed(3)}\n`);
    if (!improved) break;
  }
  return sets();
}

function main(argv: readonly string[]): void {
  const sets: string[] = [];
  let file = 'scenarios/default.yaml';
  let doSearch = false;
  let rounds = 8;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--set') sets.push(argv[++i] ?? '');
    else if (a === '--search') doSearch = true;
    else if (a === '--rounds') rounds = Number(argv[++i]);
    else file = a;
  }
  const ledger = loadLedger();
  const final = doSearch ? search(file, sets, ledger, rounds) : sets;
  for (const line of evaluate(load(file, final), ledger).lines) console.log(line);
  if (doSearch) console.log(final.map((s) => `--set ${s}`).join(' '));
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
