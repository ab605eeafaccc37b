/**
 * Closed forms of the expected engine, through the fundamental matrix of the customer chain.
 * For one segment, Q is the one-month transition matrix among the 33 live states (score x pending)
 * and m the expected net contribution of a customer-month in each state (gross margin less
 * expected contact and gesture cost). With v = 1 / (1 + monthly discount):
 *   CLV      = pi . v (I - vQ)^-1 m     (month t's cash flow discounted by v^t)
 *   lifetime = pi . (I - Q)^-1 1        (expected months billed)
 * where pi is the segment's score mix of today's customers. With constant churn p and margin m
 * these reduce to the annuity m / (d + p) and the geometric lifetime 1 / p.
 *
 * mathjs solves the systems. I - aQ is stored sparse (about 40% of its entries are non-zero) and
 * factorised by mathjs's sparse LU (`slu`, natural ordering) with a small pivoting threshold: I - aQ
 * is a non-singular M-matrix (Q substochastic, a <= 1), for which elimination on the diagonal is
 * stable, so pivots stay on the diagonal and the band of Q is kept. This is about 3x faster than
 * the dense LUP and agrees with it to a few units in the last place.
 */
import { createRequire } from 'node:module';
import type { MathJsInstance, Matrix } from 'mathjs';
import { PolicyKernel, type MonthKernel, type PolicyModel } from '../model/kernel.js';
import { PENDING, PENDING_NONE, SCORES, STATES_PER_SEGMENT } from '../model/state.js';
import { localState as local, segmentChains, type SegmentChain } from './chain.js';

/**
 * mathjs, from its self-contained bundle (the package's `lib/browser/math.js` export), whose
 * instance creates each function on first use. The package's ESM entry builds all of its ~600
 * typed functions at import, which costs 0.7-2 s in every worker thread, more than the whole
 * expected-engine Monte Carlo; the bundle loads in about 0.2 s. Same version, same algorithms.
 */
const math = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJsInstance;

/** `slu` symbolic ordering: 0 = natural (keeps Q's band). */
const SLU_ORDER = 0;
/** `slu` partial pivoting threshold: a diagonal pivot is kept unless below this share of the column's largest entry. */
const SLU_THRESHOLD = 0.001;

/** mathjs's SparseMatrix constructor (compressed columns), which its type declarations leave out. */
type SparseMatrixConstructor = new (data: { values: number[]; index: number[]; ptr: number[]; size: [number, number]; datatype: 'number' }) => Matrix;
const SparseMatrix = (math as unknown as { SparseMatrix: SparseMatrixConstructor }).SparseMatrix;

/**
 * Visits the non-zero entries of the block-diagonal I - a Q, chain after chain and row by row:
 * Q's entries (with 1 added on the diagonal), then a diagonal 1 where Q has none.
 */
function eachEntry(chains: readonly SegmentChain[], a: number, visit: (row: number, col: number, value: number) => void): void {
  const n = STATES_PER_SEGMENT;
  chains.forEach(({ start, cols, probs }, g) => {
    const base = g * n;
    for (let i = 0; i < n; i++) {
      let diagonal = false;
      const end = start[i + 1] ?? 0;
      for (let x = start[i] ?? 0; x < end; x++) {
        const j = cols[x] ?? 0;
        if (j === i) diagonal = true;
        visit(base + i, base + j, (i === j ? 1 : 0) - a * (probs[x] ?? 0));
      }
      if (!diagonal) visit(base + i, base + i, 1);
    }
  });
}

/**
 * Solves (I - a Q_g) x_g = b_g for every chain g at once, with mathjs's sparse LU of the
 * block-diagonal system (one call instead of one per segment; the blocks are factorised
 * independently, so each x_g is what its own system gives).
 */
function solveBlocks(chains: readonly SegmentChain[], a: number, rhs: readonly (readonly number[])[]): number[][] {
  const n = STATES_PER_SEGMENT;
  const size = chains.length * n;
  // I - aQ in compressed columns: count the entries of each column, then place them; the rows are
  // visited in order, so each column's row indices come out sorted.
  const count = new Int32Array(size + 1);
  eachEntry(chains, a, (_row, col) => (count[col + 1] = (count[col + 1] ?? 0) + 1));
  const ptr = new Array<number>(size + 1);
  ptr[0] = 0;
  for (let j = 0; j < size; j++) ptr[j + 1] = (ptr[j] ?? 0) + (count[j + 1] ?? 0);
  const nnz = ptr[size] ?? 0;
  const values = new Array<number>(nnz).fill(0);
  const index = new Array<number>(nnz).fill(0);
  const next = Int32Array.from(ptr);
  eachEntry(chains, a, (row, col, value) => {
    const at = next[col] ?? 0;
    values[at] = value;
    index[at] = row;
    next[col] = at + 1;
  });
  const lhs = new SparseMatrix({ values, index, ptr, size: [size, size], datatype: 'number' });
  const b: number[][] = [];
  for (let g = 0; g < chains.length; g++) for (let i = 0; i < n; i++) b.push([rhs[g]?.[i] ?? 0]);
  const flat = math.lusolve(lhs, b, SLU_ORDER, SLU_THRESHOLD).toArray().flat() as number[];
  return chains.map((_, g) => (flat.length === size ? flat.slice(g * n, (g + 1) * n) : new Array<number>(n).fill(Number.NaN)));
}

/** Per-state values of each chain: discounted lifetime value and, optionally, expected lifetime. */
function chainValues(chains: readonly SegmentChain[], monthlyDiscount: number, withLifetime: boolean): { clv: number[][]; lifetime?: number[][] } {
  const v = 1 / (1 + monthlyDiscount);
  const clv = solveBlocks(chains, v, chains.map((chain) => Array.from(chain.net, (x) => v * x)));
  if (!withLifetime) return { clv };
  return { clv, lifetime: solveBlocks(chains, 1, chains.map((chain) => new Array<number>(chain.net.length).fill(1))) };
}

/** Per-state values of one segment: discounted lifetime value and, optionally, expected lifetime. */
export function segmentValues(k: MonthKernel, g: number, monthlyDiscount: number, withLifetime: boolean): { clv: number[]; lifetime?: number[] } {
  const values = chainValues([segmentChains(k)[g] as SegmentChain], monthlyDiscount, withLifetime);
  const clv = values.clv[0] ?? [];
  const lifetime = values.lifetime?.[0];
  return lifetime ? { clv, lifetime } : { clv };
}

/**
 * The kernel in which a policy's closed forms are taken: full effect, after its price changes.
 * `kernels` may be the policy's kernel builder of the simulation (its caches are pure, so the
 * kernel is the same as a fresh builder's).
 */
export function steadyKernel(model: PolicyModel, kernels: PolicyKernel = new PolicyKernel(model)): MonthKernel {
  const atRisk = new Float64Array(model.segments.length * PENDING);
  model.segments.forEach((seg, g) => (atRisk[g * PENDING + PENDING_NONE] = seg.customers));
  return kernels.month(model.horizon + 1, atRisk);
}

/**
 * CLV per customer of today's book (weighted by segment size and score mix) under the policy's
 * steady state, and optionally the expected lifetime in months. `kernels`: as for `steadyKernel`.
 */
export function closedForm(model: PolicyModel, withLifetime = false, kernels?: PolicyKernel): { clv: number; lifetimeMonths?: number } {
  const k = steadyKernel(model, kernels);
  const values = chainValues(segmentChains(k), model.monthlyDiscount, withLifetime);
  let total = 0;
  let clv = 0;
  let life = 0;
  model.segments.forEach((seg, g) => {
    for (let s = 0; s < SCORES; s++) {
      const w = seg.customers * (seg.initialScores[s] ?? 0);
      clv += w * (values.clv[g]?.[local(s, PENDING_NONE)] ?? 0);
      life += w * (values.lifetime?.[g]?.[local(s, PENDING_NONE)] ?? 0);
    }
    total += seg.customers;
  });
  const per = (x: number) => (total > 0 ? x / total : 0);
  return withLifetime ? { clv: per(clv), lifetimeMonths: per(life) } : { clv: per(clv) };
}
