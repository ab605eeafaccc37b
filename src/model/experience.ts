/**
 * Experience classes: what one month did to a customer, as far as their state is concerned. The
 * contact journey (channel, switches, repeats, waits) is enumerated in `journey.ts` into these
 * classes; the score response, churn triggers and the next pending state depend only on the class.
 */
export const E_NONE = 0;
export const E_SILENT = 1;
export const E_LOW_RESOLVED = 2;
export const E_MEDIUM_RESOLVED = 3;
export const E_HIGH_RESOLVED = 4;
export const E_LOW_DELIGHT = 5;
export const E_MEDIUM_DELIGHT = 6;
export const E_HIGH_DELIGHT = 7;
export const E_LOW_UNRESOLVED = 8;
export const E_MEDIUM_UNRESOLVED = 9;
export const E_HIGH_UNRESOLVED = 10;
/** Number of experience classes (11). */
export const EXPERIENCES = 11;

/** Effort levels: CES 1-2, 3, 4-5. */
export const LOW = 0;
export const MEDIUM = 1;
export const HIGH = 2;
export type EffortLevel = typeof LOW | typeof MEDIUM | typeof HIGH;
/** The CES (1-5) that stands for an effort level: the middle of its band. */
export const CES_OF_LEVEL: readonly number[] = [1.5, 3, 4.5];

export const EXPERIENCE_NAMES: readonly string[] = [
  'none', 'silent', 'lowResolved', 'mediumResolved', 'highResolved', 'lowDelight', 'mediumDelight',
  'highDelight', 'lowUnresolved', 'mediumUnresolved', 'highUnresolved',
];

/** The class of a contact that ended at `level`, resolved or not, with a delight gesture or not. */
export function contactClass(level: EffortLevel, resolved: boolean, delight: boolean): number {
  if (!resolved) return E_LOW_UNRESOLVED + level;
  return (delight ? E_LOW_DELIGHT : E_LOW_RESOLVED) + level;
}

/** Did the customer contact support this month? */
export const isContact = (e: number): boolean => e >= E_LOW_RESOLVED;
/** Was the month's issue resolved by support? */
export const isResolved = (e: number): boolean => e >= E_LOW_RESOLVED && e <= E_HIGH_DELIGHT;
/** Did the contact include a delight gesture? */
export const isDelight = (e: number): boolean => e >= E_LOW_DELIGHT && e <= E_HIGH_DELIGHT;
/** Does the customer end the month with an unresolved issue (silent, or unresolved contact)? */
export const leavesUnresolved = (e: number): boolean => e === E_SILENT || e >= E_LOW_UNRESOLVED;
/** The effort level of a contact class (undefined for no contact). */
export function effortLevel(e: number): EffortLevel | undefined {
  if (!isContact(e)) return undefined;
  return ((e - E_LOW_RESOLVED) % 3) as EffortLevel;
}
/** A bad experience (told to others, a churn trigger): silent, unresolved, or high effort. */
export const isBad = (e: number): boolean => leavesUnresolved(e) || effortLevel(e) === HIGH;
/** A good experience (told to others as such): resolved with low effort, or with a delight gesture. */
export const isGood = (e: number): boolean => e === E_LOW_RESOLVED || e === E_LOW_DELIGHT || e === E_MEDIUM_DELIGHT;
