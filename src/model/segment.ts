import { CHANNELS } from '../scenario/channels.js';
import type { Drawn } from '../scenario/world.js';
import type { Segment } from '../scenario/schema.js';
import { SCORES } from './state.js';

/** A segment as the kernel uses it: drawn values, channel mix and score mixes as normalised arrays. */
export interface SegmentParams {
  readonly key: string;
  readonly label: string;
  readonly customers: number;
  /** Revenue per customer-month at passive spend (currency). */
  readonly revenuePerMonth: number;
  readonly grossMargin: number;
  readonly baseChurn: number;
  readonly problemRate: number;
  readonly contactShare: number;
  /** Shares of first contacts by channel, in CHANNELS order, summing to 1. */
  readonly channelMix: Float64Array;
  /** Mean new customers per month before word of mouth. */
  readonly acquisitionPerMonth: number;
  readonly loyaltyAnchor: number;
  /** Shares of today's customers by score 0..10. */
  readonly initialScores: Float64Array;
  /** Shares of new customers by score 0..10. */
  readonly newCustomerScores: Float64Array;
}

/** Weights scaled to sum to 1 (all-zero weights give equal shares). */
export function normalise(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = total > 0 ? (weights[i] ?? 0) / total : 1 / weights.length;
  return out;
}

/** The kernel's view of a drawn segment. */
export function segmentParams(key: string, s: Drawn<Segment>): SegmentParams {
  const initial = normalise(s.initialScores);
  if (initial.length !== SCORES) throw new Error('initialScores must have 11 weights');
  return {
    key,
    label: s.label ?? key,
    customers: s.customers,
    revenuePerMonth: s.revenuePerMonth,
    grossMargin: s.grossMargin,
    baseChurn: s.baseChurn,
    problemRate: s.problemRate,
    contactShare: s.contactShare,
    channelMix: normalise(CHANNELS.map((c) => s.channelMix[c])),
    acquisitionPerMonth: s.acquisitionPerMonth,
    loyaltyAnchor: s.loyaltyAnchor,
    initialScores: initial,
    newCustomerScores: s.newCustomerScores ? normalise(s.newCustomerScores) : initial,
  };
}
