import { describe, expect, it } from 'vitest';
import { efficientKeys } from '../../src/charts/frontier.js';
import { count, money, monthLabel, percent, percentagePoints, plain } from '../../src/charts/format.js';
import { placeLabels } from '../../src/charts/labels.js';
import { histogram, niceStep } from '../../src/charts/npvDifference.js';

describe('format', () => {
  it('writes money compactly with the currency symbol and a real minus sign', () => {
    expect(money(4_100_000, 'USD')).toBe('$4.1M');
    expect(money(829_412, 'USD')).toBe('$829k');
    expect(money(1_062.4, 'USD')).toBe('$1,062');
    expect(money(-107_000, 'USD')).toBe('−$107k');
    expect(money(2_410_000_000, 'EUR')).toBe('€2.41B');
    expect(money(12_000, 'CHF')).toBe('CHF 12k');
    expect(money(143_862_974, 'USD', 4)).toBe('$143.9M');
    expect(money(Number.NaN, 'USD')).toBe('n/a');
  });

  it('writes shares as percentages with sensible precision', () => {
    expect(percent(0.905)).toBe('90.5%');
    expect(percent(0.99)).toBe('99%');
    expect(percent(0.0151)).toBe('1.51%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percentagePoints(0.0207)).toBe('2.1 pp');
    expect(percentagePoints(0.0000312)).toBe('0.0031 pp');
    expect(percentagePoints(0)).toBe('0 pp');
  });

  it('writes counts, plain numbers and months', () => {
    expect(count(200_155.3)).toBe('200,155');
    expect(plain(26.12)).toBe('26.1');
    expect(plain(-3.456)).toBe('−3.46');
    expect(monthLabel('2027-01')).toBe('Jan 2027');
  });
});

describe('efficientKeys', () => {
  it('keeps the policies no other beats on both cost and value', () => {
    const pts = [
      { key: 'a', cost: 1, value: 0.02 },
      { key: 'b', cost: 2, value: 0.015 },
      { key: 'c', cost: 3, value: 0.016 }, // dominated by b
      { key: 'd', cost: 1, value: 0.02 }, // tied with a: neither dominates
    ];
    expect([...efficientKeys(pts, false)].sort()).toEqual(['a', 'b', 'd']);
    expect([...efficientKeys(pts, true)].sort()).toEqual(['a', 'd']);
  });
});

describe('histogram', () => {
  it('uses nice steps', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(37_000)).toBe(50_000);
  });

  it('counts every value once, with zero on a bin edge', () => {
    const values = [-2.5, -0.1, 0, 0.3, 1.9, 2, 4.99];
    const bins = histogram(values, 1, -3, 5);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(values.length);
    expect(bins.some((b) => b.x0 === 0)).toBe(true);
    expect(bins.find((b) => b.x0 === 0)?.count).toBe(2);
    expect(bins.find((b) => b.x0 === -1)?.count).toBe(1);
  });
});

describe('placeLabels', () => {
  it('keeps labels of nearby points from overlapping each other and the points', () => {
    const points = [
      { x: 100, y: 100, text: 'Exceed expectations' },
      { x: 108, y: 104, text: 'Next-issue avoidance' },
      { x: 95, y: 96, text: 'Meet expectations' },
    ];
    const placed = placeLabels(points, 400, 300);
    const boxes = placed.map((p, i) => {
      const w = 0.62 * 11 * (points[i]?.text.length ?? 0);
      const x0 = p.align === 'left' ? p.x : p.align === 'right' ? p.x - w : p.x - w / 2;
      return { x0, x1: x0 + w, y0: p.y - 7, y1: p.y + 7 };
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b) continue;
        const overlaps = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlaps, `labels ${i} and ${j} overlap`).toBe(false);
      }
      const b = boxes[i];
      expect(b && b.x0 >= 0 && b.x1 <= 400 && b.y0 >= 0 && b.y1 <= 300).toBe(true);
    }
  });
});

describe('percent of large ratios', () => {
  it('groups thousands', () => {
    expect(percent(82.61)).toBe('8,261%');
  });
});
