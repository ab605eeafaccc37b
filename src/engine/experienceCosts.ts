/**
 * The expected support cost of one customer-month by (segment, pending, experience), from a
 * month's kernel: the delight gesture, if the class has one, plus the contacts the class makes in
 * each channel times the channel's cost per contact. The chains of the expected engine and the
 * agent engine's per-customer value both charge it.
 */
import { CHANNEL_COUNT } from '../scenario/channels.js';
import { EXPERIENCES, isDelight } from '../model/experience.js';
import type { MonthKernel } from '../model/kernel.js';

/** Cost of one customer-month, `[(g * PENDING + p) * EXPERIENCES + e]` (currency). */
export function experienceCosts(k: MonthKernel): Float64Array {
  const out = new Float64Array(k.contacts.length / CHANNEL_COUNT);
  for (let i = 0; i < out.length; i++) {
    let c = isDelight(i % EXPERIENCES) ? k.gestureCost : 0;
    for (let ch = 0; ch < CHANNEL_COUNT; ch++) c += (k.contacts[i * CHANNEL_COUNT + ch] ?? 0) * (k.channelCost[ch] ?? 0);
    out[i] = c;
  }
  return out;
}
