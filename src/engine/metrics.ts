/**
 * The monthly metrics (DESIGN "Outputs") and the one function that computes them from a month's
 * counts, shared by the three engines so that they cannot account differently. Named reporters in
 * the manner of Mesa's DataCollector: each metric is a name, a unit and a column.
 */
import { CHANNEL_COUNT } from '../scenario/channels.js';
import { EXPERIENCES, E_SILENT, isBad, isContact, isDelight, isGood } from '../model/experience.js';
import type { MonthKernel } from '../model/kernel.js';
import { PENDING, PROMOTER, DETRACTOR, SCORES, npsClass } from '../model/state.js';

/** Metric name, unit and meaning, in column order. */
export const METRIC_INFO = [
  ['active', 'customers', 'Active customers at the end of the month'],
  ['new', 'customers', 'New customers who joined in the month'],
  ['churned', 'customers', 'Customers who left in the month'],
  ['churnRate', 'share', 'Churned / active at the start of the month'],
  ['problems', 'customers', 'Customers with a problem in the month'],
  ['silentProblems', 'customers', 'Problems that never reached support'],
  ['contacts', 'contacts', 'Support contacts, all channels'],
  ['contactsSelfService', 'contacts', 'Self-service contacts'],
  ['contactsChat', 'contacts', 'Chat contacts'],
  ['contactsEmail', 'contacts', 'E-mail contacts'],
  ['contactsPhone', 'contacts', 'Phone contacts'],
  ['delightGestures', 'gestures', 'Delight gestures given'],
  ['costContacts', 'currency', 'Cost of contacts (per-contact channel cost)'],
  ['costGestures', 'currency', 'Cost of delight gestures'],
  ['costStaffing', 'currency', 'Agent cost of staffed channels'],
  ['costProgramme', 'currency', 'Programme cost (monthly, and one-off in month 1)'],
  ['supportCost', 'currency', 'Support cost, all components'],
  ['revenue', 'currency', 'Revenue'],
  ['grossMargin', 'currency', 'Gross margin before support cost'],
  ['netContribution', 'currency', 'Gross margin less support cost'],
  ['discountFactor', 'factor', 'Discount factor of the month, 1 / (1 + monthly rate)^t'],
  ['discountedNet', 'currency', 'Net contribution discounted to the start'],
  ['cumulativeNpv', 'currency', 'Discounted net contribution up to this month'],
  ['nps', 'points', 'Net Promoter Score (promoters - detractors, in points)'],
  ['promoterShare', 'share', 'Share of active customers scoring 9-10'],
  ['passiveShare', 'share', 'Share of active customers scoring 7-8'],
  ['detractorShare', 'share', 'Share of active customers scoring 0-6'],
  ['meanCes', 'CES 1-5', 'Mean Customer Effort Score of the contacting customers'],
  ['csat', 'share', 'Share of contacting customers satisfied (CSAT 4-5)'],
  ['waitPhone', 'minutes', 'Mean phone wait (staffed channels only)'],
  ['waitChat', 'minutes', 'Mean chat wait (staffed channels only)'],
] as const;

export type MetricName = (typeof METRIC_INFO)[number][0];
export const METRICS: readonly MetricName[] = METRIC_INFO.map((m) => m[0]);
export const METRIC_COUNT = METRICS.length;
/** Column of each metric. */
export const COL = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<MetricName, number>;

const CONTACT_COLS = [COL.contactsSelfService, COL.contactsChat, COL.contactsEmail, COL.contactsPhone];

/** What an engine counted in one month. */
export interface MonthCounts {
  /** Active customers at the start, by (g, s). */
  readonly start: Float64Array;
  /** Active customers at the end (survivors and new), by (g, s). */
  readonly end: Float64Array;
  /** Customers by (g, p, e): `[(g * PENDING + p) * EXPERIENCES + e]`. */
  readonly experiences: Float64Array;
  readonly churned: number;
  readonly newCustomers: number;
}

/**
 * Writes month t's metrics (1-based) into `out` at row t - 1. `cumulativeNpv` is the running sum,
 * so months must be recorded in order.
 */
export function recordMonth(out: Float64Array, t: number, k: MonthKernel, c: MonthCounts, discount: number): void {
  const row = (t - 1) * METRIC_COUNT;
  const G = c.start.length / SCORES;
  let startActive = 0;
  let revenue = 0;
  let margin = 0;
  for (let i = 0; i < c.start.length; i++) {
    const n = c.start[i] ?? 0;
    startActive += n;
    revenue += n * (k.revenue[i] ?? 0);
    margin += n * (k.margin[i] ?? 0);
  }
  let active = 0;
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let g = 0; g < G; g++) {
    for (let s = 0; s < SCORES; s++) {
      const n = c.end[g * SCORES + s] ?? 0;
      active += n;
      const cls = npsClass(s);
      if (cls === PROMOTER) promoters += n;
      else if (cls === DETRACTOR) detractors += n;
      else passives += n;
    }
  }
  const contacts = new Float64Array(CHANNEL_COUNT);
  let problems = 0;
  let silent = 0;
  let contacted = 0;
  let gestures = 0;
  let cesSum = 0;
  let satisfied = 0;
  for (let gp = 0; gp < G * PENDING; gp++) {
    for (let e = 1; e < EXPERIENCES; e++) {
      const n = c.experiences[gp * EXPERIENCES + e] ?? 0;
      if (n === 0) continue;
      problems += n;
      if (e === E_SILENT) silent += n;
      if (!isContact(e)) continue;
      contacted += n;
      cesSum += n * (k.ces[e] ?? 0);
      satisfied += n * (k.satisfied[e] ?? 0);
      if (isDelight(e)) gestures += n;
      const base = (gp * EXPERIENCES + e) * CHANNEL_COUNT;
      for (let ch = 0; ch < CHANNEL_COUNT; ch++) contacts[ch] = (contacts[ch] ?? 0) + n * (k.contacts[base + ch] ?? 0);
    }
  }
  let contactTotal = 0;
  let costContacts = 0;
  for (let ch = 0; ch < CHANNEL_COUNT; ch++) {
    const n = contacts[ch] ?? 0;
    out[row + (CONTACT_COLS[ch] ?? 0)] = n;
    contactTotal += n;
    costContacts += n * (k.channelCost[ch] ?? 0);
  }
  const costGestures = gestures * k.gestureCost;
  const supportCost = costContacts + costGestures + k.staffingCost + k.programmeCost;
  const net = margin - supportCost;
  const discounted = net * discount;
  const previous = t > 1 ? (out[row - METRIC_COUNT + COL.cumulativeNpv] ?? 0) : 0;

  out[row + COL.active] = active;
  out[row + COL.new] = c.newCustomers;
  out[row + COL.churned] = c.churned;
  out[row + COL.churnRate] = startActive > 0 ? c.churned / startActive : 0;
  out[row + COL.problems] = problems;
  out[row + COL.silentProblems] = silent;
  out[row + COL.contacts] = contactTotal;
  out[row + COL.delightGestures] = gestures;
  out[row + COL.costContacts] = costContacts;
  out[row + COL.costGestures] = costGestures;
  out[row + COL.costStaffing] = k.staffingCost;
  out[row + COL.costProgramme] = k.programmeCost;
  out[row + COL.supportCost] = supportCost;
  out[row + COL.revenue] = revenue;
  out[row + COL.grossMargin] = margin;
  out[row + COL.netContribution] = net;
  out[row + COL.discountFactor] = discount;
  out[row + COL.discountedNet] = discounted;
  out[row + COL.cumulativeNpv] = previous + discounted;
  out[row + COL.nps] = active > 0 ? (100 * (promoters - detractors)) / active : 0;
  out[row + COL.promoterShare] = active > 0 ? promoters / active : 0;
  out[row + COL.detractorShare] = active > 0 ? detractors / active : 0;
  out[row + COL.passiveShare] = active > 0 ? passives / active : 0;
  out[row + COL.meanCes] = contacted > 0 ? cesSum / contacted : 0;
  out[row + COL.csat] = contacted > 0 ? satisfied / contacted : 0;
  out[row + COL.waitPhone] = k.waitMinutes[3] ?? 0;
  out[row + COL.waitChat] = k.waitMinutes[1] ?? 0;
}

/** Good and bad experiences and promoters of one segment this month, for word of mouth. */
export function wordOfMouthCounts(experiences: Float64Array, startByScore: Float64Array, g: number): { good: number; bad: number; promoters: number } {
  let good = 0;
  let bad = 0;
  for (let p = 0; p < PENDING; p++) {
    for (let e = 1; e < EXPERIENCES; e++) {
      const n = experiences[(g * PENDING + p) * EXPERIENCES + e] ?? 0;
      if (isGood(e)) good += n;
      else if (isBad(e)) bad += n;
    }
  }
  let promoters = 0;
  for (let s = 9; s < SCORES; s++) promoters += startByScore[g * SCORES + s] ?? 0;
  return { good, bad, promoters };
}
