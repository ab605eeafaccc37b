/**
 * DESIGN step 7: word of mouth moves acquisition. Promoters refer; customers tell others about good
 * and bad experiences, bad ones to more people (Help Scout / American Express: 60% tell about bad
 * service, to 21 people; 46% about good service, to 8).
 */
import type { Drawn } from '../scenario/world.js';
import type { WordOfMouth } from '../scenario/schema.js';

/** Mean new customers in a month for one segment, never below zero. */
export function acquisitionMean(
  wom: Drawn<WordOfMouth>,
  base: number,
  promoters: number,
  goodExperiences: number,
  badExperiences: number,
): number {
  const told = wom.tellGood * wom.reachGood * goodExperiences - wom.tellBad * wom.reachBad * badExperiences;
  return Math.max(0, base + wom.referralRate * promoters + wom.conversionPerListener * told);
}
