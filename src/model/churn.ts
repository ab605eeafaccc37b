/**
 * DESIGN step 5: churn. A customer leaves with the hazard
 *   1 - (1 - baseChurn x m(class of the new score)) (1 - trigger(experience)) (1 - price(experience))
 * where m is the detractor/passive/promoter multiplier, the trigger is the extra chance of leaving
 * in the month of a bad experience, and a price rise adds elasticity x rise, more for customers
 * left with an unresolved problem (problems raise price sensitivity).
 */
import type { Drawn } from '../scenario/world.js';
import type { Churn } from '../scenario/schema.js';
import { effortLevel, HIGH, leavesUnresolved } from './experience.js';
import { DETRACTOR, PASSIVE, npsClass } from './state.js';

/** Monthly churn probability of a customer with new score `score` after experience `e`. */
export function churnHazard(c: Drawn<Churn>, baseChurn: number, score: number, e: number, priceRise: number): number {
  const cls = npsClass(score);
  const m = cls === DETRACTOR ? c.detractorMultiplier : cls === PASSIVE ? c.passiveMultiplier : c.promoterMultiplier;
  const base = Math.min(1, baseChurn * m);
  const unresolved = leavesUnresolved(e);
  const trigger = unresolved ? c.unresolvedTrigger : effortLevel(e) === HIGH ? c.highEffortTrigger : 0;
  const price = priceRise > 0 ? Math.min(1, c.priceElasticity * priceRise * (unresolved ? c.unresolvedPriceMultiplier : 1)) : 0;
  return 1 - (1 - base) * (1 - trigger) * (1 - price);
}
