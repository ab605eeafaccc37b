import { describe, expect, it } from 'vitest';
import { paybackMonth } from '../../src/forecast/compare.js';

describe('paybackMonth', () => {
  it('is the month from which the cumulative difference stays >= 0', () => {
    expect(paybackMonth([-5, -3, 1, 2])).toBe(3);
    expect(paybackMonth([1, 2, 3])).toBe(1);
    expect(paybackMonth([-1, 2, -1, 4, 5])).toBe(4);
  });
  it('is Infinity when the policy is behind at the horizon', () => {
    expect(paybackMonth([-5, -3, -1])).toBe(Infinity);
    expect(paybackMonth([2, 1, -1])).toBe(Infinity);
  });
});
