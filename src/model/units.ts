/**
 * Units as types. A bare `number` in the model has no unit; these branded aliases make the unit part
 * of a signature so that a monthly probability cannot be passed where money is expected.
 * The brands exist only at compile time: at run time they are plain numbers.
 */
declare const unit: unique symbol;
type Branded<T, U extends string> = T & { readonly [unit]: U };

/** A probability in [0, 1]. */
export type Probability = Branded<number, 'probability'>;
/** An amount of money in the scenario's currency. */
export type Money = Branded<number, 'money'>;
/** A duration or month index, in months. */
export type Months = Branded<number, 'months'>;
/** A duration in minutes (wait and handle times). */
export type Minutes = Branded<number, 'minutes'>;
/** A count of customers or contacts (may be fractional in the expected engine). */
export type Count = Branded<number, 'count'>;
/** A rate per month (e.g. an interest rate per month). */
export type RatePerMonth = Branded<number, 'per-month'>;

export const probability = (x: number): Probability => x as Probability;
export const money = (x: number): Money => x as Money;
export const months = (x: number): Months => x as Months;
export const minutes = (x: number): Minutes => x as Minutes;
export const count = (x: number): Count => x as Count;

/** Clamp to [0, 1]. */
export function clampProbability(x: number): Probability {
  return (x < 0 ? 0 : x > 1 ? 1 : x) as Probability;
}

/** Monthly discount rate equivalent to an annual rate: (1 + annual)^(1/12) - 1. */
export function monthlyRate(annual: number): RatePerMonth {
  return (Math.pow(1 + annual, 1 / 12) - 1) as RatePerMonth;
}
