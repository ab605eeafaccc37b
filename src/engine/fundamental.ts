/**
 * Closed forms of the expected engine, through the fundamental matrix of the customer chain.
 * For one segment, Q is the one-month transition matrix among the 33 live states (score x pending)
 * and m the expected net contribution of a customer-month in each state (gross margin less
 * expected contact and gesture cost). With v = 1 / (1 + monthly discount):
 *   CLV      = pi . v (I - vQ)^-1 m     (month t's cash flow discounted by v^t)
 *   lifetime = pi . (I - Q)^-1 1        (expected months billed)
 * where pi is the segment's score mix of today's customers. With constant churn p and margin m
 * these reduce to the annuity m / (d + p) and the geometric lifetime 1 / p.
 */
import { lusolve, matrix, type Matrix } from 'mathjs';
import { PolicyKernel, type MonthKernel, type PolicyModel } from '../model/kernel.js';
import { PENDING, PENDING_NONE, SCORES } from '../model/state.js';
import { denseQ, localState as local, segmentChain } from './chain.js';

/** Solves (I - a Q) x = b with mathjs. */
function solve(q: number[][], a: number, b: number[]): number[] {
  const n = b.length;
  const lhs: Matrix = matrix(q.map((row, i) => row.map((x, j) => (i === j ? 1 : 0) - a * x)));
  const x = lusolve(lhs, b.map((v) => [v])) as Matrix;
  const flat = x.toArray().flat() as number[];
  return flat.length === n ? flat : new Array<number>(n).fill(Number.NaN);
}

/** Per-state values of one segment: discounted lifetime value and, optionally, expected lifetime. */
export function segmentValues(k: MonthKernel, g: number, monthlyDiscount: number, withLifetime: boolean): { clv: number[]; lifetime?: number[] } {
  const chain = segmentChain(k, g);
  const q = denseQ(chain);
  const m = Array.from(chain.net);
  const v = 1 / (1 + monthlyDiscount);
  const clv = solve(q, v, m.map((x) => v * x));
  return withLifetime ? { clv, lifetime: solve(q, 1, m.map(() => 1)) } : { clv };
}

/** The kernel in which a policy's closed forms are taken: full effect, after its price changes. */
export function steadyKernel(model: PolicyModel): MonthKernel {
  const atRisk = new Float64Array(model.segments.length * PENDING);
  model.segments.forEach((seg, g) => (atRisk[g * PENDING + PENDING_NONE] = seg.customers));
  return new PolicyKernel(model).month(model.horizon + 1, atRisk);
}

/**
 * CLV per customer of today's book (weighted by segment size and score mix) under the policy's
 * steady state, and optionally the expected lifetime in months.
 */
export function closedForm(model: PolicyModel, withLifetime = false): { clv: number; lifetimeMonths?: number } {
  const k = steadyKernel(model);
  let total = 0;
  let clv = 0;
  let life = 0;
  model.segments.forEach((seg, g) => {
    const values = segmentValues(k, g, model.monthlyDiscount, withLifetime);
    for (let s = 0; s < SCORES; s++) {
      const w = seg.customers * (seg.initialScores[s] ?? 0);
      clv += w * (values.clv[local(s, PENDING_NONE)] ?? 0);
      life += w * (values.lifetime?.[local(s, PENDING_NONE)] ?? 0);
    }
    total += seg.customers;
  });
  const per = (x: number) => (total > 0 ? x / total : 0);
  return withLifetime ? { clv: per(clv), lifetimeMonths: per(life) } : { clv: per(clv) };
}
