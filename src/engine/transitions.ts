/**
 * Where a staying customer goes, shared by the engines: the next pending state after experience e.
 * Resolved contacts split between "follow-on" and "nothing" with the kernel's follow-on rate.
 */
import { E_NONE, isResolved, leavesUnresolved } from '../model/experience.js';
import { PENDING_NONE, PENDING_UNRESOLVED } from '../model/state.js';

/** Next pending after e when it does not depend on chance; -1 for resolved contacts (follow-on draw). */
export function fixedNextPending(e: number): number {
  if (e === E_NONE) return PENDING_NONE;
  if (leavesUnresolved(e)) return PENDING_UNRESOLVED;
  if (isResolved(e)) return -1;
  return PENDING_NONE;
}

/** `fixedNextPending` for every experience class, as a table. */
export const NEXT_PENDING: Int8Array = Int8Array.from({ length: 11 }, (_, e) => fixedNextPending(e));
