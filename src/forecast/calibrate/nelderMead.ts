/**
 * The Nelder-Mead simplex method (Nelder & Mead 1965; the variant and the coefficients of
 * Lagarias, Reeds, Wright & Wright, SIAM J Optim 1998: reflection 1, expansion 2, contraction 1/2,
 * shrink 1/2), for minimising a function of a few variables without derivatives. Deterministic:
 * the same function and start give the same path. Written here rather than taken from npm: the
 * `fmin` package is unmaintained since 2017 and untyped, and the method is forty lines.
 */

export interface NelderMeadOptions {
  /** Size of the initial simplex along each axis (default 1, or one per variable). */
  readonly step?: number | readonly number[];
  /** Stop after this many evaluations of f (default 200 per variable). */
  readonly maxEvaluations?: number;
  /** Converged when the simplex is within this of its best vertex in every coordinate... */
  readonly xTolerance?: number;
  /** ...and the function values within this of the best (absolute, default 1e-10). */
  readonly fTolerance?: number;
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly fx: number;
  readonly evaluations: number;
  readonly iterations: number;
  /** False when stopped by maxEvaluations. */
  readonly converged: boolean;
}

/** Minimises f from x0. A NaN value of f counts as +Infinity. */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], opts: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const maxEvaluations = opts.maxEvaluations ?? 200 * Math.max(1, n);
  const xTol = opts.xTolerance ?? 1e-8;
  const fTol = opts.fTolerance ?? 1e-10;
  let evaluations = 0;
  const value = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const stepOf = (i: number): number => (typeof opts.step === 'number' ? opts.step : (opts.step?.[i] ?? 1));
  let simplex: { x: number[]; f: number }[] = [{ x: [...x0], f: value(x0) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] = (x[i] ?? 0) + stepOf(i);
    simplex.push({ x, f: value(x) });
  }
  const combine = (a: readonly number[], b: readonly number[], t: number): number[] => a.map((ai, i) => ai + t * ((b[i] ?? 0) - ai));
  let iterations = 0;
  let converged = false;
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0] as { x: number[]; f: number };
    const worst = simplex[n] as { x: number[]; f: number };
    const spreadF = Math.abs(worst.f - best.f);
    let spreadX = 0;
    for (const v of simplex) for (let i = 0; i < n; i++) spreadX = Math.max(spreadX, Math.abs((v.x[i] ?? 0) - (best.x[i] ?? 0)));
    if (spreadF <= fTol && spreadX <= xTol) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] = (centroid[i] ?? 0) + (simplex[k]?.x[i] ?? 0) / n;
    const second = simplex[n - 1] as { x: number[]; f: number };
    const xr = combine(centroid, worst.x, -1);
    const fr = value(xr);
    if (fr < best.f) {
      const xe = combine(centroid, worst.x, -2);
      const fe = value(xe);
      simplex[n] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
      continue;
    }
    if (fr < second.f) {
      simplex[n] = { x: xr, f: fr };
      continue;
    }
    // Contraction: outside when the reflection improved on the worst, inside otherwise.
    const outside = fr < worst.f;
    const xc = outside ? combine(centroid, worst.x, -0.5) : combine(centroid, worst.x, 0.5);
    const fc = value(xc);
    if (outside ? fc <= fr : fc < worst.f) {
      simplex[n] = { x: xc, f: fc };
      continue;
    }
    simplex = simplex.map((v, k) => (k === 0 ? v : { x: combine(best.x, v.x, 0.5), f: Number.NaN }));
    for (let k = 1; k <= n; k++) {
      const v = simplex[k] as { x: number[]; f: number };
      v.f = value(v.x);
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  const best = simplex[0] as { x: number[]; f: number };
  return { x: best.x, fx: best.f, evaluations, iterations, converged };
}
