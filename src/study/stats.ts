// Statistics for the study report: Wilson score intervals, an exact one-sample binomial test against a
// baseline rate, and a pooled two-proportion z-test. Pure functions, no dependencies.

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for x successes out of n. Chosen over the Wald interval because it stays inside
 * [0, 1] and behaves at 0/n and n/n, which is exactly where small leak rates sit.
 */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the bound is exactly 0 or 1; say so instead of 1e-17 of rounding.
  return { low: x === 0 ? 0 : Math.max(0, center - half), high: x === n ? 1 : Math.min(1, center + half) };
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** ln Γ(x) by the Lanczos approximation (g = 7, 9 terms); accurate to ~1e-15 for x > 0. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0];
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X = k) for X ~ Binomial(n, p), computed in log space so n in the thousands is safe. */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  const logC = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

export interface BinomialTest {
  method: 'exact binomial';
  x: number;
  n: number;
  baseline: number;
  /** P(X ≥ x) under the baseline: "is the leak rate above the baseline?". */
  pGreater: number;
  /** P(X ≤ x) under the baseline. */
  pLess: number;
  /** Sum of P(X = k) over every k no more likely than the observed x (the rule R's binom.test uses). */
  pTwoSided: number;
}

/** Exact one-sample binomial test of x/n against `baseline`. */
export function binomialTest(x: number, n: number, baseline: number): BinomialTest {
  const pmf: number[] = [];
  for (let k = 0; k <= n; k++) pmf.push(binomialPmf(k, n, baseline));
  const observed = pmf[x] ?? 0;
  // Relative tolerance as in R: ties within 1e-7 of the observed probability count as "as extreme".
  const limit = observed * (1 + 1e-7);
  let pGreater = 0;
  let pLess = 0;
  let pTwo = 0;
  for (let k = 0; k <= n; k++) {
    if (k >= x) pGreater += pmf[k];
    if (k <= x) pLess += pmf[k];
    if (pmf[k] <= limit) pTwo += pmf[k];
  }
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { method: 'exact binomial', x, n, baseline, pGreater: clamp(pGreater), pLess: clamp(pLess), pTwoSided: clamp(pTwo) };
}

export interface TwoProportionTest {
  method: 'two-proportion z-test (pooled)';
  p1: number;
  p2: number;
  /** p1 − p2. */
  difference: number;
  z: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Pooled two-proportion z-test of x1/n1 against x2/n2. Returns undefined when either group is empty or
 * the pooled rate is 0 or 1 (no variance: the test says nothing).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest | undefined {
  if (n1 <= 0 || n2 <= 0) return undefined;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return undefined;
  const z = (p1 - p2) / se;
  const p = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  return { method: 'two-proportion z-test (pooled)', p1, p2, difference: p1 - p2, z, p };
}
