import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erlangB, erlangC, meanWaitMinutes } from '../../src/model/erlang.js';

/** Erlang C from its textbook definition, summing the Poisson terms directly (exact for small N). */
function erlangCDirect(n: number, a: number): number {
  let term = 1;
  let sum = 1; // k = 0
  for (let k = 1; k < n; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / n) * (n / (n - a)); // a^n / n! x n / (n - a)
  return top / (sum + top);
}

describe('Erlang B and C', () => {
  it('C(N = 3, A = 2) = 4/9 exactly (B(3, 2) = 4/19)', () => {
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 15);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 15);
  });

  it('A = 10 Erlangs on N = 11 agents waits with probability 0.6821 (published worked example)', () => {
    // Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked Example"
    // (callcentrehelper.com): 100 calls per half hour (200 an hour) with an average handling time of
    // 180 s give A = 200 x 3 / 60 = 10 Erlangs; with N = A + 1 = 11 agents the probability that a
    // call waits is 68.21%, and the average speed of answer 0.6821 x 180 / (11 - 10) = 122.8 s.
    // The direct formula C = (A^N/N! N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! N/(N-A)) gives 0.682118.
    expect(erlangCDirect(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(11, 10)).toBeCloseTo(erlangCDirect(11, 10), 12);
    // Mean wait: C x AHT / (N - A), in minutes: 0.6821 x 3 / 1 = 2.046 min = 122.8 s.
    expect(meanWaitMinutes(11, 200, 3, 1e9) * 60).toBeCloseTo(122.8, 1);
  });

  it('B(1, A) = A / (1 + A) and C(1, A) = A (M/M/1: P(wait) = utilisation)', () => {
    for (const a of [0.1, 0.5, 0.9]) {
      expect(erlangB(1, a)).toBeCloseTo(a / (1 + a), 14);
      expect(erlangC(1, a)).toBeCloseTo(a, 14);
    }
  });

  it('the recursion matches the direct sum for any N <= 60 and A < N (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (n, rho) => {
        const a = n * rho;
        const c = erlangC(n, a);
        return c >= 0 && c <= 1 && Math.abs(c - erlangCDirect(n, a)) < 1e-10 && c >= erlangB(n, a);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('more agents never raise the chance of waiting', () => {
    for (const a of [0.5, 5, 27.3]) {
      let prev = 1;
      for (let n = Math.floor(a) + 1; n < a + 40; n++) {
        const c = erlangC(n, a);
        expect(c).toBeLessThanOrEqual(prev);
        prev = c;
      }
    }
  });

  it('no traffic never waits; overload always waits', () => {
    expect(erlangC(5, 0)).toBe(0);
    expect(erlangC(5, 5)).toBe(1);
    expect(erlangC(5, 7)).toBe(1);
  });
});

describe('meanWaitMinutes (M/M/N: W = C(N, A) x handle / (N - A))', () => {
  it('is the formula below the cap', () => {
    // 3 agents, 40 contacts an hour, 3 min each: A = 2, C = 4/9, W = 4/9 x 3 / 1 = 4/3 min.
    expect(meanWaitMinutes(3, 40, 3, 60)).toBeCloseTo(4 / 3, 12);
  });
  it('is 0 without traffic, the cap when overloaded, and never above the cap', () => {
    expect(meanWaitMinutes(3, 0, 3, 60)).toBe(0);
    expect(meanWaitMinutes(3, 60, 3, 60)).toBe(60); // A = 3 = N
    expect(meanWaitMinutes(3, 600, 3, 60)).toBe(60);
    expect(meanWaitMinutes(10, 199.9, 3, 5)).toBe(5); // A = 9.995: near-overload wait is capped
  });
  it('rises with the load (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.01, max: 0.98, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true }), (n, rho, h) => {
        const perHour = (n * rho * 60) / h;
        const w1 = meanWaitMinutes(n, perHour, h, 1e9);
        const w2 = meanWaitMinutes(n, perHour * 1.01, h, 1e9);
        return w1 >= 0 && w2 >= w1;
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});
