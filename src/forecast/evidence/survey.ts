/**
 * A survey of one simulated world: the book runs under one policy (the baseline, today's service)
 * for a warm-up, then for a survey year in which every contact, every customer-month and a cohort
 * of detractors is measured the way the published studies measured theirs (see `ledger.yaml`).
 *
 *   world --policyModel--> PolicyKernel --month(t)--> tables --1 propagate the book (mean field)-->
 *   --2 measure each month's experiences with the tables' exact probabilities--> accumulators
 *   --3 follow the starting detractors for the year--> --4 ratios--> SurveyStats
 *
 * 1. The population is propagated in expectation (as the `expected` engine does) over an
 *    augmented state: segment x score x pending x "contacted support last month" (the flag the
 *    repeat-contact finding needs). New customers arrive at the mean rate word of mouth gives.
 *    Its sampling noise would be that of 200,000 customers, far below any band; what makes the
 *    statistic uncertain is the world, which the Monte Carlo in `evaluate.ts` draws.
 * 2. Each month's customers by (g, s, p, flag, experience) are weighted with the kernel's exact
 *    probabilities: score moves from `scoreMove` (the move a contact causes, before any churn),
 *    staying with a new score from the kernel's move table, CSAT from its satisfied table.
 * 3. The detractors at the start of the survey year are followed as a cohort: who is a promoter,
 *    a passive or a detractor at the end, and who left (and in which class).
 * The kernel is the one the engines use; nothing here changes it.
 */
import * as Ch from '../../scenario/channels.js';
import type { World } from '../../scenario/world.js';
import * as X from '../../model/experience.js';
import { journeyTables } from '../../model/journey.js';
import * as K from '../../model/kernel.js';
import type { MonthKernel } from '../../model/kernel.js';
import type { Levers } from '../../model/levers.js';
import * as R from '../../model/response.js';
import * as St from '../../model/state.js';
import { acquisitionMean } from '../../model/wordOfMouth.js';
import { wordOfMouthCounts } from '../../engine/metrics.js';
import * as Tr from '../../engine/transitions.js';
import type { SurveyStats } from './statistics.js';

export interface SurveyOptions {
  /** Policy whose service the customers meet (the scenario's baseline: today's service). */
  readonly policy: string;
  /** Months simulated before the survey year, so that pending issues reach their usual level. */
  readonly warmupMonths: number;
  /** Months surveyed (a year, as the studies' fieldwork). */
  readonly months: number;
}

export const DEFAULT_SURVEY: Omit<SurveyOptions, 'policy'> = { warmupMonths: 3, months: 12 };

/** The lowest score of a customer who says they will stay / buy again: a passive or promoter (7-10). */
export const LOYAL_FROM = 7;

// The model's constants and functions, bound once: under tsx and vitest, named imports are read
// through getters, which the inner loops would pay for on every access.
const { CHANNELS, CHANNEL_COUNT, STAFFED_CHANNELS } = Ch;
const { EXPERIENCES, E_NONE, E_SILENT, HIGH, LOW, effortLevel, isBad, isContact, isDelight, isGood, isResolved } = X;
const { OUTCOMES, PolicyKernel, leversAt, policyModel, worldSegments } = K;
const { DELTAS, MIN_DELTA, clampScore, scoreMove } = R;
const { NEXT_PENDING } = Tr;
const { DETRACTOR, PASSIVE, PENDING, PENDING_FOLLOW_ON, PENDING_NONE, PROMOTER, SCORES, npsClass } = St;
const FLAGS = 2;
const PHONE = CHANNELS.indexOf('phone');

/** Running sums of one survey. */
class Sums {
  contacts = 0;
  byLevel = [0, 0, 0];
  fallByLevel = [0, 0, 0];
  fall = 0;
  rise = 0;
  // mean score change, by group
  delightN = 0;
  delightDelta = 0;
  metN = 0;
  metDelta = 0;
  missedN = 0;
  missedDelta = 0;
  // CSAT vs intention
  satisfied = 0;
  satisfiedLeave = 0;
  dissatisfied = 0;
  dissatisfiedStay = 0;
  // TARP
  silent = 0;
  quickN = 0;
  quickLoyal = 0;
  slowN = 0;
  slowLoyal = 0;
  unresolvedN = 0;
  unresolvedLoyal = 0;
  noProblemN = 0;
  noProblemLoyal = 0;
  // CEB intentions by effort (gaps)
  loyalByLevel = [0, 0, 0];
  tellBadHigh = 0;
  // cost
  gestureCost = 0;
  otherCost = 0;
  // repeats
  repeatContacts = 0;
  followOnContacts = 0;
  // word of mouth
  bad = 0;
  good = 0;
  listenersBad = 0;
  listenersGood = 0;
  // channels
  phoneContacts = 0;
  phoneAfterOther = 0;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);

/**
 * Per (g, s, e): the probability that the contact moves the score down / up (as clamped to 0-10)
 * and the mean change, from the model's response before churn.
 */
function responseTables(world: World, anchors: readonly number[]): { fall: Float64Array; rise: Float64Array; delta: Float64Array; move: Float64Array } {
  const G = anchors.length;
  const fall = new Float64Array(G * SCORES * EXPERIENCES);
  const rise = new Float64Array(fall.length);
  const delta = new Float64Array(fall.length);
  const move = new Float64Array(fall.length * DELTAS);
  const out = new Float64Array(DELTAS);
  for (let g = 0; g < G; g++) {
    for (let s = 0; s < SCORES; s++) {
      for (let e = 0; e < EXPERIENCES; e++) {
        scoreMove(world.response, e, s, anchors[g] ?? 0, out);
        const i = (g * SCORES + s) * EXPERIENCES + e;
        for (let d = 0; d < DELTAS; d++) {
          const p = out[d] ?? 0;
          move[i * DELTAS + d] = p;
          const change = clampScore(s + d + MIN_DELTA) - s;
          if (change < 0) fall[i] = (fall[i] ?? 0) + p;
          else if (change > 0) rise[i] = (rise[i] ?? 0) + p;
          delta[i] = (delta[i] ?? 0) + p * change;
        }
      }
    }
  }
  return { fall, rise, delta, move };
}

/** What a survey can record of its book besides the statistics (for tests against the engines). */
export interface SurveyTrace {
  /** Active customers at the end of each month 1..T (warm-up included), new customers included. */
  readonly active: number[];
}

/** Survey of one world. `trace`, if given, records the book month by month. */
export function surveyWorld(world: World, options: SurveyOptions, trace?: SurveyTrace): SurveyStats {
  const T = options.warmupMonths + options.months;
  const segments = worldSegments(world);
  const model = policyModel({ ...world, horizonMonths: Math.max(world.horizonMonths, T) }, options.policy, segments);
  const kernels = new PolicyKernel(model);
  const G = segments.length;
  const resp = responseTables(world, segments.map((s) => s.loyaltyAnchor));
  const wom = world.wordOfMouth;

  const at = (g: number, s: number, p: number, f: number): number => ((g * SCORES + s) * PENDING + p) * FLAGS + f;
  let x = new Float64Array(G * SCORES * PENDING * FLAGS);
  let next = new Float64Array(x.length);
  segments.forEach((seg, g) => {
    for (let s = 0; s < SCORES; s++) x[at(g, s, PENDING_NONE, 0)] = seg.customers * (seg.initialScores[s] ?? 0);
  });
  const risk = new Float64Array(G * PENDING);
  const start = new Float64Array(G * SCORES);
  const experiences = new Float64Array(G * PENDING * EXPERIENCES);
  // The detractor cohort: active members by (g, s, p); members who left, by (g, class when leaving).
  let cohort = new Float64Array(G * SCORES * PENDING);
  let cohortNext = new Float64Array(cohort.length);
  const cohortLeft = new Float64Array(G * 3);
  const cohortStartSpend = new Float64Array(G);

  const sums = new Sums();
  const loyalCache = new Map<MonthKernel, Float64Array>();
  const switchCache = new Map<Levers, { withSwitch: Float64Array; without: Float64Array }>();
  let last: MonthKernel | undefined;

  for (let t = 1; t <= T; t++) {
    risk.fill(0);
    for (let g = 0; g < G; g++)
      for (let s = 0; s < SCORES; s++)
        for (let p = 0; p < PENDING; p++) risk[g * PENDING + p] = (risk[g * PENDING + p] ?? 0) + (x[at(g, s, p, 0)] ?? 0) + (x[at(g, s, p, 1)] ?? 0);
    const k = kernels.month(t, risk);
    last = k;
    const surveyed = t > options.warmupMonths;
    const loyal = stayLoyalTable(k, G, loyalCache);

    if (t === options.warmupMonths + 1) {
      for (let g = 0; g < G; g++) {
        cohortStartSpend[g] = k.revenue[g * SCORES] ?? 0;
        for (let s = 0; s < SCORES; s++) {
          if (npsClass(s) !== DETRACTOR) continue;
          for (let p = 0; p < PENDING; p++) cohort[(g * SCORES + s) * PENDING + p] = (x[at(g, s, p, 0)] ?? 0) + (x[at(g, s, p, 1)] ?? 0);
        }
      }
    }

    start.fill(0);
    experiences.fill(0);
    next.fill(0);
    for (let g = 0; g < G; g++) {
      const followOn = k.followOn[g] ?? 0;
      for (let s = 0; s < SCORES; s++) {
        for (let p = 0; p < PENDING; p++) {
          for (let f = 0; f < FLAGS; f++) {
            const n = x[at(g, s, p, f)] ?? 0;
            if (n === 0) continue;
            start[g * SCORES + s] = (start[g * SCORES + s] ?? 0) + n;
            const expRow = (g * PENDING + p) * EXPERIENCES;
            for (let e = 0; e < EXPERIENCES; e++) {
              const ne = n * (k.exp[expRow + e] ?? 0);
              if (ne === 0) continue;
              experiences[expRow + e] = (experiences[expRow + e] ?? 0) + ne;
              if (surveyed) measure(sums, k, resp, loyal, wom, g, s, p, f, e, ne);
              const moveRow = ((g * SCORES + s) * EXPERIENCES + e) * OUTCOMES;
              const fixed = NEXT_PENDING[e] ?? 0;
              const f2 = isContact(e) ? 1 : 0;
              for (let o = 1; o < OUTCOMES; o++) {
                const m = ne * (k.move[moveRow + o] ?? 0);
                if (m === 0) continue;
                const s2 = clampScore(s + o - 1 + MIN_DELTA);
                if (fixed >= 0) next[at(g, s2, fixed, f2)] = (next[at(g, s2, fixed, f2)] ?? 0) + m;
                else {
                  next[at(g, s2, PENDING_FOLLOW_ON, f2)] = (next[at(g, s2, PENDING_FOLLOW_ON, f2)] ?? 0) + m * followOn;
                  next[at(g, s2, PENDING_NONE, f2)] = (next[at(g, s2, PENDING_NONE, f2)] ?? 0) + m * (1 - followOn);
                }
              }
            }
          }
        }
      }
    }
    if (surveyed) {
      sums.otherCost += k.staffingCost + k.programmeCost;
      measureSwitches(sums, model.segments, leversAt(model, t), k, risk, switchCache);
      stepCohort(k, resp.move, cohort, cohortNext, cohortLeft, G);
      [cohort, cohortNext] = [cohortNext, cohort];
    }
    for (let g = 0; g < G; g++) {
      const seg = segments[g];
      if (!seg) continue;
      const w = wordOfMouthCounts(experiences, start, g);
      const mean = acquisitionMean(wom, seg.acquisitionPerMonth, w.promoters, w.good, w.bad);
      for (let s = 0; s < SCORES; s++) next[at(g, s, PENDING_NONE, 0)] = (next[at(g, s, PENDING_NONE, 0)] ?? 0) + mean * (seg.newCustomerScores[s] ?? 0);
    }
    [x, next] = [next, x];
    if (trace) trace.active.push(x.reduce((sum, n) => sum + n, 0));
  }

  // The cohort at the end of the year: purchases of each group against its purchases at the start.
  const groupStart = [0, 0, 0];
  const groupEnd = [0, 0, 0];
  for (let g = 0; g < G; g++) {
    const startSpend = cohortStartSpend[g] ?? 0;
    for (let c = 0; c < 3; c++) {
      const left = cohortLeft[g * 3 + c] ?? 0;
      groupStart[c] = (groupStart[c] ?? 0) + left * startSpend;
    }
    for (let s = 0; s < SCORES; s++) {
      const c = npsClass(s);
      let n = 0;
      for (let p = 0; p < PENDING; p++) n += cohort[(g * SCORES + s) * PENDING + p] ?? 0;
      groupStart[c] = (groupStart[c] ?? 0) + n * startSpend;
      groupEnd[c] = (groupEnd[c] ?? 0) + n * (last?.revenue[g * SCORES + s] ?? 0);
    }
  }
  const spendChange = (c: number): number => ratio(groupEnd[c] ?? 0, groupStart[c] ?? 0) - 1;

  const lowN = sums.byLevel[LOW] ?? 0;
  const highN = sums.byLevel[HIGH] ?? 0;
  const metMean = ratio(sums.metDelta, sums.metN);
  return {
    fallAfterHighEffort: ratio(sums.fallByLevel[HIGH] ?? 0, highN),
    fallAfterLowEffort: ratio(sums.fallByLevel[LOW] ?? 0, lowN),
    fallToRiseRatio: ratio(sums.fall, sums.rise),
    exceedOverMeetGain: ratio(ratio(sums.delightDelta, sums.delightN) - metMean, metMean - ratio(sums.missedDelta, sums.missedN)),
    delightCostShare: sums.gestureCost > 0 ? ratio(sums.gestureCost, sums.otherCost) : Number.NaN,
    exceededShare: sums.delightN > 0 ? ratio(sums.delightN, sums.contacts) : Number.NaN,
    satisfiedIntendLeave: ratio(sums.satisfiedLeave, sums.satisfied),
    dissatisfiedIntendStay: ratio(sums.dissatisfiedStay, sums.dissatisfied),
    spendTurnedPromoter: spendChange(PROMOTER),
    spendBecamePassive: spendChange(PASSIVE),
    spendStayedDetractor: spendChange(DETRACTOR),
    followOnShareOfRepeats: ratio(sums.followOnContacts, sums.repeatContacts),
    listenersBadPerGood: ratio(ratio(sums.listenersBad, sums.bad), ratio(sums.listenersGood, sums.good)),
    complaintShare: ratio(sums.contacts, sums.contacts + sums.silent),
    repurchaseResolvedQuickly: ratio(sums.quickLoyal, sums.quickN),
    repurchaseResolvedSlowly: ratio(sums.slowLoyal, sums.slowN),
    repurchaseUnresolved: ratio(sums.unresolvedLoyal, sums.unresolvedN),
    recoveryOverNoProblem: ratio(ratio(sums.quickLoyal, sums.quickN), ratio(sums.noProblemLoyal, sums.noProblemN)) - 1,
    callsAfterOtherChannel: ratio(sums.phoneAfterOther, sums.phoneContacts),
    repurchaseLowEffort: ratio(sums.loyalByLevel[LOW] ?? 0, lowN),
    repurchaseHighEffort: ratio(sums.loyalByLevel[HIGH] ?? 0, highN),
    badWordOfMouthHighEffort: ratio(sums.tellBadHigh, highN),
  };
}

/**
 * P(the customer stays and ends the month a passive or promoter | g, s, e): a stated intention to
 * stay (or to buy again) in the model. Cached per month kernel.
 */
function stayLoyalTable(k: MonthKernel, G: number, cache: Map<MonthKernel, Float64Array>): Float64Array {
  const hit = cache.get(k);
  if (hit) return hit;
  const out = new Float64Array(G * SCORES * EXPERIENCES);
  for (let g = 0; g < G; g++)
    for (let s = 0; s < SCORES; s++)
      for (let e = 0; e < EXPERIENCES; e++) {
        const i = (g * SCORES + s) * EXPERIENCES + e;
        let stay = 0;
        for (let o = 1; o < OUTCOMES; o++) if (clampScore(s + o - 1 + MIN_DELTA) >= LOYAL_FROM) stay += k.move[i * OUTCOMES + o] ?? 0;
        out[i] = stay;
      }
  cache.set(k, out);
  return out;
}

/** Adds `ne` customers of (g, s, p, flag) with experience e to the survey's sums. */
function measure(
  sums: Sums,
  k: MonthKernel,
  resp: { fall: Float64Array; rise: Float64Array; delta: Float64Array },
  loyal: Float64Array,
  wom: World['wordOfMouth'],
  g: number,
  s: number,
  p: number,
  flag: number,
  e: number,
  ne: number,
): void {
  const i = (g * SCORES + s) * EXPERIENCES + e;
  const stayLoyal = loyal[i] ?? 0;
  if (isBad(e)) {
    sums.bad += ne;
    sums.listenersBad += ne * wom.tellBad * wom.reachBad;
  } else if (isGood(e)) {
    sums.good += ne;
    sums.listenersGood += ne * wom.tellGood * wom.reachGood;
  }
  if (e === E_NONE) {
    sums.noProblemN += ne;
    sums.noProblemLoyal += ne * stayLoyal;
    return;
  }
  if (e === E_SILENT) {
    sums.silent += ne;
    return;
  }
  const level = effortLevel(e) ?? LOW;
  const fall = resp.fall[i] ?? 0;
  const delta = resp.delta[i] ?? 0;
  sums.contacts += ne;
  sums.byLevel[level] = (sums.byLevel[level] ?? 0) + ne;
  sums.fallByLevel[level] = (sums.fallByLevel[level] ?? 0) + ne * fall;
  sums.loyalByLevel[level] = (sums.loyalByLevel[level] ?? 0) + ne * stayLoyal;
  sums.fall += ne * fall;
  sums.rise += ne * (resp.rise[i] ?? 0);
  if (level === HIGH && isBad(e)) sums.tellBadHigh += ne * wom.tellBad;

  if (isDelight(e)) {
    sums.delightN += ne;
    sums.delightDelta += ne * delta;
  } else if (isResolved(e)) {
    sums.metN += ne;
    sums.metDelta += ne * delta;
  } else {
    sums.missedN += ne;
    sums.missedDelta += ne * delta;
  }
  if (isResolved(e)) {
    if (level === LOW) {
      sums.quickN += ne;
      sums.quickLoyal += ne * stayLoyal;
    } else {
      sums.slowN += ne;
      sums.slowLoyal += ne * stayLoyal;
    }
  } else {
    sums.unresolvedN += ne;
    sums.unresolvedLoyal += ne * stayLoyal;
  }

  const sat = k.satisfied[e] ?? 0;
  sums.satisfied += ne * sat;
  sums.satisfiedLeave += ne * sat * (1 - stayLoyal);
  sums.dissatisfied += ne * (1 - sat);
  sums.dissatisfiedStay += ne * (1 - sat) * stayLoyal;

  let contacts = 0;
  let cost = 0;
  const base = ((g * PENDING + p) * EXPERIENCES + e) * CHANNEL_COUNT;
  for (let c = 0; c < CHANNEL_COUNT; c++) {
    const n = k.contacts[base + c] ?? 0;
    contacts += n;
    cost += n * (k.channelCost[c] ?? 0);
  }
  sums.otherCost += ne * cost;
  if (isDelight(e)) sums.gestureCost += ne * k.gestureCost;
  // A repeat contact: any contact of a customer who contacted support last month, and every
  // contact after the first within this month's journey.
  sums.repeatContacts += ne * (flag === 1 ? contacts : Math.max(0, contacts - 1));
  if (p === PENDING_FOLLOW_ON) sums.followOnContacts += ne * contacts;
}

/**
 * Phone contacts that follow a failed contact in another channel (a switch), against all phone
 * contacts: the phone volume with the journey's switches, less the volume with every switch rate at
 * zero (which leaves journeys that start on the phone unchanged).
 */
function measureSwitches(
  sums: Sums,
  segments: Parameters<typeof journeyTables>[0],
  levers: Levers,
  k: MonthKernel,
  risk: Float64Array,
  cache: Map<Levers, { withSwitch: Float64Array; without: Float64Array }>,
): void {
  const bump = new Float64Array(CHANNEL_COUNT);
  for (const ch of STAFFED_CHANNELS) {
    const c = CHANNELS.indexOf(ch);
    const w = k.waitMinutes[c] ?? 0;
    const tol = levers.staffing.waitToleranceMinutes;
    bump[c] = tol > 0 ? Math.min(1, w / tol) : w > 0 ? 1 : 0;
  }
  const staffed = bump.some((b) => b > 0);
  let tables = staffed ? undefined : cache.get(levers);
  if (!tables) {
    const noSwitch = { ...levers, channels: { ...levers.channels } } as Levers;
    for (const ch of CHANNELS) (noSwitch.channels as Record<string, unknown>)[ch] = { ...levers.channels[ch], switchRate: 0 };
    tables = { withSwitch: journeyTables(segments, levers, bump).volume, without: journeyTables(segments, noSwitch, bump).volume };
    if (!staffed) cache.set(levers, tables);
  }
  for (let gp = 0; gp < risk.length; gp++) {
    const n = risk[gp] ?? 0;
    const all = tables.withSwitch[gp * CHANNEL_COUNT + PHONE] ?? 0;
    const direct = tables.without[gp * CHANNEL_COUNT + PHONE] ?? 0;
    sums.phoneContacts += n * all;
    sums.phoneAfterOther += n * Math.max(0, all - direct);
  }
}

/** One month of the detractor cohort: stays move as the book does; leavers are kept by the class of their new score. */
function stepCohort(k: MonthKernel, move: Float64Array, cohort: Float64Array, next: Float64Array, left: Float64Array, G: number): void {
  next.fill(0);
  for (let g = 0; g < G; g++) {
    const followOn = k.followOn[g] ?? 0;
    for (let s = 0; s < SCORES; s++) {
      for (let p = 0; p < PENDING; p++) {
        const n = cohort[(g * SCORES + s) * PENDING + p] ?? 0;
        if (n === 0) continue;
        const expRow = (g * PENDING + p) * EXPERIENCES;
        for (let e = 0; e < EXPERIENCES; e++) {
          const ne = n * (k.exp[expRow + e] ?? 0);
          if (ne === 0) continue;
          const i = (g * SCORES + s) * EXPERIENCES + e;
          const fixed = NEXT_PENDING[e] ?? 0;
          for (let d = 0; d < DELTAS; d++) {
            const pd = move[i * DELTAS + d] ?? 0;
            if (pd === 0) continue;
            const stay = k.move[i * OUTCOMES + 1 + d] ?? 0;
            const s2 = clampScore(s + d + MIN_DELTA);
            const c = npsClass(s2);
            left[g * 3 + c] = (left[g * 3 + c] ?? 0) + ne * Math.max(0, pd - stay);
            const m = ne * stay;
            if (m === 0) continue;
            const j = (g * SCORES + s2) * PENDING;
            if (fixed >= 0) next[j + fixed] = (next[j + fixed] ?? 0) + m;
            else {
              next[j + PENDING_FOLLOW_ON] = (next[j + PENDING_FOLLOW_ON] ?? 0) + m * followOn;
              next[j + PENDING_NONE] = (next[j + PENDING_NONE] ?? 0) + m * (1 - followOn);
            }
          }
        }
      }
    }
  }
}
