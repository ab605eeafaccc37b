/**
 * The contact journey (DESIGN steps 1-3), enumerated exactly into experience classes.
 *
 * For a customer of segment g with pending state p, in one month:
 * 1. a problem arises: a new one with the segment's problem rate; a follow-on left by the last
 *    contact arises for sure; an unresolved issue comes back with `unresolvedReturn` (as a repeat
 *    about the same issue, one effort level higher: "a repeat contact is another problem");
 * 2. the customer contacts support with the segment's `contactShare`, or stays silent;
 * 3. the contact starts in a channel (segment mix, shifted to self-service by `selfServiceShift`),
 *    at that channel's effort level, one level higher with the probability the channel's wait adds
 *    (Erlang C). It resolves with the channel's resolution rate; if not, the customer switches to
 *    the phone (`switchRate`, one level more effort), or tries the same channel again
 *    (`repeatRate`, one level more), or gives up; a second failure leaves the issue unresolved.
 *    A resolved contact gets a delight gesture with the policy's delight rate.
 * Every path is summed into P(class | g, p) and the expected contacts per channel given the class.
 */
import { CHANNELS, CHANNEL_COUNT } from '../scenario/channels.js';
import type { Levers } from './levers.js';
import { EXPERIENCES, E_NONE, E_SILENT, HIGH, contactClass, type EffortLevel } from './experience.js';
import { PENDING, PENDING_FOLLOW_ON, PENDING_UNRESOLVED } from './state.js';
import type { SegmentParams } from './segment.js';

const PHONE = CHANNELS.indexOf('phone');
const SELF_SERVICE = CHANNELS.indexOf('selfService');

/** Experience probabilities and the contacts behind them. */
export interface JourneyTables {
  /** P(class e | segment g, pending p), at `[(g * PENDING + p) * EXPERIENCES + e]`. */
  readonly exp: Float64Array;
  /** E[contacts in channel c | g, p, e], at `[((g * PENDING + p) * EXPERIENCES + e) * CHANNEL_COUNT + c]`. */
  readonly contacts: Float64Array;
  /** E[contacts in channel c] per customer of (g, p), at `[(g * PENDING + p) * CHANNEL_COUNT + c]`. */
  readonly volume: Float64Array;
}

/** Shares of first contacts by channel after the policy's shift to self-service. */
export function channelShares(seg: SegmentParams, levers: Levers): Float64Array {
  const shares = new Float64Array(CHANNEL_COUNT);
  let assisted = 0;
  for (let c = 0; c < CHANNEL_COUNT; c++) {
    const w = seg.channelMix[c] ?? 0;
    if (c === SELF_SERVICE) shares[c] = w;
    else {
      shares[c] = w * (1 - levers.selfServiceShift);
      assisted += w * levers.selfServiceShift;
    }
  }
  shares[SELF_SERVICE] = (shares[SELF_SERVICE] ?? 0) + assisted;
  return shares;
}

function effortShares(levers: Levers, c: number): [number, number, number] {
  const e = levers.channels[CHANNELS[c] ?? 'phone'].effort;
  const total = e.low + e.medium + e.high;
  return total > 0 ? [e.low / total, e.medium / total, e.high / total] : [1, 0, 0];
}

const up = (level: number, by: number): EffortLevel => Math.min(HIGH, level + by) as EffortLevel;

/** Contacts by channel of the three kinds of path: one contact in c, two in c, one in c then the phone. */
const ONE = CHANNELS.map((_, c) => Float64Array.from(CHANNELS, (__, k) => (k === c ? 1 : 0)));
const TWO_HERE = CHANNELS.map((_, c) => Float64Array.from(CHANNELS, (__, k) => (k === c ? 2 : 0)));
const THEN_PHONE = CHANNELS.map((_, c) => Float64Array.from(CHANNELS, (__, k) => (k === c ? 1 : 0) + (k === PHONE ? 1 : 0)));
const NONE_CONTACT = new Float64Array(CHANNEL_COUNT);

/** Adds a path of probability `prob` ending in class e, with contacts `cs`, to row `row`. */
function addPath(t: { exp: Float64Array; contacts: Float64Array }, row: number, e: number, prob: number, cs: Float64Array): void {
  if (prob <= 0) return;
  t.exp[row + e] = (t.exp[row + e] ?? 0) + prob;
  const at = (row + e) * CHANNEL_COUNT;
  for (let c = 0; c < CHANNEL_COUNT; c++) {
    const n = cs[c] ?? 0;
    if (n !== 0) t.contacts[at + c] = (t.contacts[at + c] ?? 0) + prob * n;
  }
}

/** A resolved ending: with a delight gesture or not. */
function addResolved(t: { exp: Float64Array; contacts: Float64Array }, row: number, level: EffortLevel, prob: number, delight: number, cs: Float64Array): void {
  addPath(t, row, contactClass(level, true, true), prob * delight, cs);
  addPath(t, row, contactClass(level, true, false), prob * (1 - delight), cs);
}

/**
 * Experience tables for every segment and pending state.
 * @param waitBump per channel, the probability (0-1) that the channel's wait adds one effort level.
 */
export function journeyTables(segments: readonly SegmentParams[], levers: Levers, waitBump: ArrayLike<number>): JourneyTables {
  const G = segments.length;
  const exp = new Float64Array(G * PENDING * EXPERIENCES);
  const contacts = new Float64Array(G * PENDING * EXPERIENCES * CHANNEL_COUNT);
  const volume = new Float64Array(G * PENDING * CHANNEL_COUNT);
  const t = { exp, contacts };
  const res = CHANNELS.map((c) => levers.channels[c].resolution);
  const sw = CHANNELS.map((c) => levers.channels[c].switchRate);
  const eff = CHANNELS.map((_, c) => effortShares(levers, c));
  const delight = levers.delight.rate;
  const repeat = levers.repeatRate;
  const phoneWait = waitBump[PHONE] ?? 0;
  const phoneRes = res[PHONE] ?? 0;

  for (let g = 0; g < G; g++) {
    const seg = segments[g];
    if (!seg) continue;
    const shares = channelShares(seg, levers);
    for (let p = 0; p < PENDING; p++) {
      const row = (g * PENDING + p) * EXPERIENCES;
      // Issue kinds this month: [probability, extra effort levels].
      const kinds: readonly (readonly [number, number])[] =
        p === PENDING_FOLLOW_ON
          ? [[1, 0]]
          : p === PENDING_UNRESOLVED
            ? [[levers.unresolvedReturn, 1], [(1 - levers.unresolvedReturn) * seg.problemRate, 0]]
            : [[seg.problemRate, 0]];
      let problem = 0;
      for (const [kindProb, bump] of kinds) {
        if (kindProb <= 0) continue;
        problem += kindProb;
        addPath(t, row, E_SILENT, kindProb * (1 - seg.contactShare), NONE_CONTACT);
        const contactProb = kindProb * seg.contactShare;
        for (let c = 0; c < CHANNEL_COUNT; c++) {
          const pc = contactProb * (shares[c] ?? 0);
          if (pc <= 0) continue;
          const wait = waitBump[c] ?? 0;
          const rc = res[c] ?? 0;
          const one = ONE[c] as Float64Array;
          const twoHere = TWO_HERE[c] as Float64Array;
          const thenPhone = THEN_PHONE[c] as Float64Array;
          const pSwitch = c === PHONE ? 0 : (sw[c] ?? 0);
          for (let base = 0; base < 3; base++) {
            for (let w = 0; w < 2; w++) {
              const pw = pc * (eff[c]?.[base] ?? 0) * (w ? wait : 1 - wait);
              if (pw <= 0) continue;
              const level = up(base, bump + w);
              addResolved(t, row, level, pw * rc, delight, one);
              const failed = pw * (1 - rc);
              // Switch to the phone: one more level, and the phone's own wait.
              for (let pwph = 0; pwph < 2; pwph++) {
                const ps = failed * pSwitch * (pwph ? phoneWait : 1 - phoneWait);
                if (ps <= 0) continue;
                const l2 = up(level, 1 + pwph);
                addResolved(t, row, l2, ps * phoneRes, delight, thenPhone);
                addPath(t, row, contactClass(l2, false, false), ps * (1 - phoneRes), thenPhone);
              }
              // Try the same channel again.
              const pr = failed * (1 - pSwitch) * repeat;
              const l2 = up(level, 1);
              addResolved(t, row, l2, pr * rc, delight, twoHere);
              addPath(t, row, contactClass(l2, false, false), pr * (1 - rc), twoHere);
              // Give up.
              addPath(t, row, contactClass(level, false, false), failed * (1 - pSwitch) * (1 - repeat), one);
            }
          }
        }
      }
      exp[row + E_NONE] = Math.max(0, 1 - problem);
      for (let e = 0; e < EXPERIENCES; e++) {
        const pe = exp[row + e] ?? 0;
        for (let c = 0; c < CHANNEL_COUNT; c++) {
          const i = (row + e) * CHANNEL_COUNT + c;
          const total = contacts[i] ?? 0;
          volume[(g * PENDING + p) * CHANNEL_COUNT + c] = (volume[(g * PENDING + p) * CHANNEL_COUNT + c] ?? 0) + total;
          contacts[i] = pe > 0 ? total / pe : 0;
        }
      }
    }
  }
  return { exp, contacts, volume };
}
