/**
 * The discrete state of one customer: segment x 0-10 score x pending. Every engine stores its
 * population as counts (or customers) over this one index, so one kernel serves them all.
 */

/** Scores 0..10: the "would you recommend" scale. */
export const SCORES = 11;
/** Pending: nothing, an unresolved issue, or a follow-on issue left by the last contact. */
export const PENDING = 3;
export const PENDING_NONE = 0;
export const PENDING_UNRESOLVED = 1;
export const PENDING_FOLLOW_ON = 2;
/** States per segment (11 scores x 3 pending). */
export const STATES_PER_SEGMENT = SCORES * PENDING;

/** Index of the state (segment g, score s, pending p). */
export function stateIndex(g: number, s: number, p: number): number {
  return (g * SCORES + s) * PENDING + p;
}

/** Net Promoter classes. */
export const DETRACTOR = 0;
export const PASSIVE = 1;
export const PROMOTER = 2;
export type NpsClass = typeof DETRACTOR | typeof PASSIVE | typeof PROMOTER;

/** The NPS class of a 0-10 score: detractors 0-6, passives 7-8, promoters 9-10. */
export function npsClass(score: number): NpsClass {
  return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
}
