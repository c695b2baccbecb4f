// The fifteen test functions of Alefeld, Potra and Shi (1995), with their first and second derivatives,
// written from the paper's formulas (and the piecewise definitions SciPy uses for 13 to 15 where the paper's
// functions underflow or are flat).

/** A scalar function with its first two derivatives. */
export interface ScalarTriple {
  /** f(x). */
  readonly f: (x: number) => number;
  /** f'(x). */
  readonly derivative: (x: number) => number;
  /** f''(x). */
  readonly secondDerivative: (x: number) => number;
}

const squares = Array.from({ length: 20 }, (_, k) => (k + 1) ** 2);
const weights = Array.from({ length: 20 }, (_, k) => (2 * (k + 1) - 5) ** 2);
const sumOver = (x: number, power: number, scale: number) =>
  squares.reduce((sum, ii, k) => sum + (scale * (weights[k] as number)) / (x - ii) ** power, 0);
const maxExponent = Math.log(Number.MAX_VALUE);

/** The APS functions by number (1 to 15), each taking its parameters `p`. */
export const apsFunctions: Readonly<Record<number, (p: readonly number[]) => ScalarTriple>> = {
  1: () => ({
    f: (x) => Math.sin(x) - x / 2,
    derivative: (x) => Math.cos(x) - 0.5,
    secondDerivative: (x) => -Math.sin(x),
  }),
  2: () => ({
    f: (x) => sumOver(x, 3, -2),
    derivative: (x) => sumOver(x, 4, 6),
    secondDerivative: (x) => sumOver(x, 5, -24),
  }),
  3: ([a = 0, b = 0]) => ({
    f: (x) => a * x * Math.exp(b * x),
    derivative: (x) => a * (b * x + 1) * Math.exp(b * x),
    secondDerivative: (x) => a * b * (b * x + 2) * Math.exp(b * x),
  }),
  4: ([n = 0, a = 0]) => ({
    f: (x) => x ** n - a,
    derivative: (x) => n * x ** (n - 1),
    secondDerivative: (x) => n * (n - 1) * x ** (n - 2),
  }),
  5: () => ({
    f: (x) => Math.sin(x) - 0.5,
    derivative: (x) => Math.cos(x),
    secondDerivative: (x) => -Math.sin(x),
  }),
  6: ([n = 0]) => ({
    f: (x) => 2 * x * Math.exp(-n) - 2 * Math.exp(-n * x) + 1,
    derivative: (x) => 2 * Math.exp(-n) + 2 * n * Math.exp(-n * x),
    secondDerivative: (x) => -2 * n * n * Math.exp(-n * x),
  }),
  7: ([n = 0]) => ({
    f: (x) => (1 + (1 - n) ** 2) * x - (1 - n * x) ** 2,
    derivative: (x) => 1 + (1 - n) ** 2 + 2 * n * (1 - n * x),
    secondDerivative: () => -2 * n * n,
  }),
  8: ([n = 0]) => ({
    f: (x) => x * x - (1 - x) ** n,
    derivative: (x) => 2 * x + n * (1 - x) ** (n - 1),
    secondDerivative: (x) => 2 - n * (n - 1) * (1 - x) ** (n - 2),
  }),
  9: ([n = 0]) => ({
    f: (x) => (1 + (1 - n) ** 4) * x - (1 - n * x) ** 4,
    derivative: (x) => 1 + (1 - n) ** 4 + 4 * n * (1 - n * x) ** 3,
    secondDerivative: (x) => -12 * n * n * (1 - n * x) ** 2,
  }),
  10: ([n = 0]) => ({
    f: (x) => Math.exp(-n * x) * (x - 1) + x ** n,
    derivative: (x) => Math.exp(-n * x) * (1 - n * (x - 1)) + n * x ** (n - 1),
    secondDerivative: (x) => Math.exp(-n * x) * (n * n * (x - 1) - 2 * n) + n * (n - 1) * x ** (n - 2),
  }),
  11: ([n = 0]) => ({
    f: (x) => (n * x - 1) / ((n - 1) * x),
    derivative: (x) => 1 / ((n - 1) * x * x),
    secondDerivative: (x) => -2 / ((n - 1) * x ** 3),
  }),
  12: ([n = 0]) => ({
    f: (x) => x ** (1 / n) - n ** (1 / n),
    derivative: (x) => x ** (1 / n - 1) / n,
    secondDerivative: (x) => ((1 - n) * x ** (1 / n - 2)) / (n * n),
  }),
  // x exp(-1/x^2), 0 where exp(1/x^2) overflows
  13: () => {
    const guard = (x: number, value: () => number) => (x === 0 || 1 / (x * x) > maxExponent ? 0 : value());
    return {
      f: (x) => guard(x, () => x / Math.exp(1 / (x * x))),
      derivative: (x) => guard(x, () => (1 + 2 / (x * x)) / Math.exp(1 / (x * x))),
      secondDerivative: (x) => guard(x, () => (2 * (2 - x * x)) / x ** 5 / Math.exp(1 / (x * x))),
    };
  },
  14: ([n = 0]) => ({
    f: (x) => (x <= 0 ? -n / 20 : (n / 20) * (x / 1.5 + Math.sin(x) - 1)),
    derivative: (x) => (x <= 0 ? 0 : (n / 20) * (1 / 1.5 + Math.cos(x))),
    secondDerivative: (x) => (x <= 0 ? 0 : (-n / 20) * Math.sin(x)),
  }),
  15: ([n = 0]) => {
    const edge = 2e-3 / (1 + n);
    const rate = ((n + 1) * 1000) / 2;
    return {
      f: (x) => (x < 0 ? -0.859 : x > edge ? Math.E - 1.859 : Math.exp(rate * x) - 1.859),
      derivative: (x) => (x < 0 || x > edge ? 0 : rate * Math.exp(rate * x)),
      secondDerivative: (x) => (x < 0 || x > edge ? 0 : rate * rate * Math.exp(rate * x)),
    };
  },
};
