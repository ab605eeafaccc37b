import type { Rng } from '../rng.js';

/** Below this n * min(p, 1 - p), inversion (O(np)) is used; above, BTRD (O(1)). */
const INVERSION_LIMIT = 10;

/**
 * Binomial(n, p) draws on one random stream. Large means use Hörmann's BTRD (transformed rejection
 * with decomposition); small means use sequential inversion, whose cost grows with n * p instead
 * of n (PERF-NOTES: a sampler that draws n uniforms gives 300 draws/s at n = 1e6, p = 5e-6).
 * n = 0 and p in {0, 1} are answered without a draw.
 *
 * BTRD is written out here rather than taken from `@stdlib/random-base-binomial` (0.2.2): stdlib's
 * recursive evaluation of f(k)/f(m) starts its products at i = m (and i = k) instead of m + 1
 * (k + 1), one ratio too many, which biases every draw with n min(p, q) >= 10 upward (Binomial(30,
 * 0.5) averages 15.5). Test: test/random/binomial.test.ts.
 */
export class BinomialSampler {
  private readonly rng: Rng;

  constructor(rng: Rng) {
    this.rng = rng;
  }

  /** A Binomial(n, p) draw; n a non-negative integer, p a probability. */
  sample(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.sample(n, 1 - p);
    const q = 1 - p;
    if (n * p < INVERSION_LIMIT) return invert(this.rng, n, p, q, p / q, Math.log1p(-p));
    return btrd(this.rng, n, p, q, p / q);
  }

  /**
   * A Binomial(n, p) draw with p the i-th probability of `table`: the same draw as `sample(n, p)`,
   * from the same random numbers, without recomputing what depends on p alone.
   */
  samplePrepared(n: number, table: BinomialProbabilities, i: number): number {
    const v = table.values;
    const at = i * 5;
    const p = v[at] ?? 0;
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const small = v[at + 1] ?? 0;
    const q = v[at + 2] ?? 1;
    const s = v[at + 3] ?? 0;
    const x = n * small < INVERSION_LIMIT ? invert(this.rng, n, small, q, s, v[at + 4] ?? 0) : btrd(this.rng, n, small, q, s);
    return p > 0.5 ? n - x : x;
  }
}

/**
 * Binomial success probabilities prepared for `BinomialSampler.samplePrepared`: with
 * p' = min(p, 1 - p) (a draw for p > 0.5 is n minus a draw for 1 - p), the quantities of p' that
 * the samplers need, q = 1 - p', p' / q and log(1 - p'), computed once per probability instead of
 * once per draw.
 */
export class BinomialProbabilities {
  /**
   * Per probability i, interleaved so that a draw reads one cache line: at 5 i .. 5 i + 4, p as
   * given, p', q, p' / q and log(1 - p').
   */
  readonly values: Float64Array;
  /** Number of probabilities. */
  readonly length: number;

  constructor(length: number) {
    this.length = length;
    this.values = new Float64Array(5 * length);
    for (let i = 0; i < length; i++) this.values[5 * i + 2] = 1;
  }

  /** Probability i as given. */
  p(i: number): number {
    return this.values[5 * i] ?? 0;
  }

  /** Sets probability i to p. */
  set(i: number, p: number): void {
    const at = 5 * i;
    this.values[at] = p;
    if (p <= 0 || p >= 1) return;
    const small = p > 0.5 ? 1 - p : p;
    const q = 1 - small;
    this.values[at + 1] = small;
    this.values[at + 2] = q;
    this.values[at + 3] = small / q;
    this.values[at + 4] = Math.log1p(-small);
  }
}

/**
 * Sequential inversion of the binomial CDF for p <= 0.5 and a small mean; q = 1 - p, s = p / q,
 * log1mp = log(1 - p).
 */
function invert(rng: Rng, n: number, p: number, q: number, s: number, log1mp: number): number {
  const a = (n + 1) * s;
  let r = Math.exp(n * log1mp);
  let u = rng.next();
  let x = 0;
  while (u > r) {
    u -= r;
    x++;
    if (x > n) return n;
    r *= a / x - s;
    if (r <= 0) return x;
  }
  return x;
}

/** Stirling's series correction log k! - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2]. */
const FC = [
  0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509, 0.01664469118982119,
  0.01387612882307075, 0.01189670994589177, 0.01041126526197209, 0.009255462182712733, 0.008330563433362871,
];
function fc(k: number): number {
  if (k < 10) return FC[k] ?? 0;
  const r = 1 / (k + 1);
  const r2 = r * r;
  return (1 / 12 - (1 / 360 - r2 / 1260) * r2) * r;
}

/**
 * BTRD: W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul. 46
 * (1993) 101-110, for p <= 0.5 and n p >= 10 (as in Boost.Random's binomial_distribution);
 * q = 1 - p, r = p / q.
 */
function btrd(rng: Rng, n: number, p: number, q: number, r: number): number {
  const m = Math.floor((n + 1) * p);
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const snpq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * snpq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * snpq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    let v = rng.next();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    if (v >= vr) {
      u = rng.next() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = rng.next() * vr;
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      // Recursive evaluation of f(k) / f(m), f(i) / f(i - 1) = nr / i - r, for i = m + 1 .. k.
      let f = 1;
      if (m < k) for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      else if (m > k) for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      if (v <= f) return k;
      continue;
    }
    // Squeeze, then the final acceptance test on log f(k) / f(m).
    v = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = -(km * km) / (2 * npq);
    if (v < t - rho) return k;
    if (v > t + rho) continue;
    const nm = n - m + 1;
    const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + fc(m) + fc(n - m);
    const nk = n - k + 1;
    if (v <= h + (n + 1) * Math.log(nm / nk) + (k + 0.5) * Math.log((nk * r) / (k + 1)) - fc(k) - fc(n - k)) return k;
  }
}
