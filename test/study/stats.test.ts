import { describe, expect, it } from 'vitest';
import { binomialPmf, binomialTest, logGamma, normalCdf, twoProportionZTest, wilson } from '../../src/study/stats.js';

describe('wilson', () => {
  it('matches published values', () => {
    const a = wilson(5, 100);
    expect(a.low).toBeCloseTo(0.0215, 4);
    expect(a.high).toBeCloseTo(0.1118, 4);
    const zero = wilson(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    const all = wilson(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    // The seed study's order of magnitude: 5.2 % of 4,000.
    const seed = wilson(208, 4000);
    expect(seed.low).toBeCloseTo(0.04554, 4);
    expect(seed.high).toBeCloseTo(0.05933, 4);
  });

  it('is the whole range for an empty sample', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('normal and gamma helpers', () => {
  it('normalCdf matches tables', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
  it('logGamma gives factorials', () => {
    expect(Math.exp(logGamma(6))).toBeCloseTo(120, 8);
    expect(logGamma(1001)).toBeCloseTo(5912.128178, 4);
  });
});

describe('binomial test', () => {
  it('pmf sums to one and matches a hand value', () => {
    // C(5,3) · 0.046³ · 0.954² = 10 · 9.7336e-5 · 0.910116
    expect(binomialPmf(3, 5, 0.046)).toBeCloseTo(8.8587e-4, 7);
    let total = 0;
    for (let k = 0; k <= 50; k++) total += binomialPmf(k, 50, 0.2);
    expect(total).toBeCloseTo(1, 10);
  });

  it('gives exact one- and two-sided p-values', () => {
    // P(X ≥ 8 | n = 100, p = 0.046) = 0.0901207499760, from exact rational arithmetic (Python fractions).
    const t = binomialTest(8, 100, 0.046);
    expect(t.pGreater).toBeCloseTo(0.090120749976, 9);
    expect(t.pLess + t.pGreater - binomialPmf(8, 100, 0.046)).toBeCloseTo(1, 10);
    // Symmetric case: 2 heads in 10 fair tosses → two-sided 0.1094 (= 2 · 56/1024).
    expect(binomialTest(2, 10, 0.5).pTwoSided).toBeCloseTo(112 / 1024, 10);
    // Large n stays finite (log space).
    // Same exact method: P(X ≥ 208 | n = 4000, p = 0.046) = 0.0399930046.
    const big = binomialTest(208, 4000, 0.046);
    expect(big.pGreater).toBeCloseTo(0.0399930046, 7);
  });
});

describe('two-proportion z-test', () => {
  it('matches a hand-computed value', () => {
    // p̂ = 0.15, se = sqrt(0.15 · 0.85 · (1/100 + 1/100)) = 0.0504975; z = −0.1 / se = −1.980295
    const t = twoProportionZTest(10, 100, 20, 100)!;
    expect(t.z).toBeCloseTo(-1.980295, 5);
    expect(t.p).toBeCloseTo(0.047675, 5);
    expect(t.difference).toBeCloseTo(-0.1, 12);
  });
  it('is undefined without data or without variance', () => {
    expect(twoProportionZTest(0, 0, 1, 2)).toBeUndefined();
    expect(twoProportionZTest(0, 5, 0, 7)).toBeUndefined();
  });
});
