import { always, at, filled, type MghDefinition, none } from "./definition.js";
import { integerAtLeast } from "../../../engine/internals.js";

// Functions 23 to 27 of Moré, Garbow and Hillstrom (1981), the number of unknowns a parameter: the two
// penalty functions, variably dimensioned, trigonometric and Brown's almost-linear. The paper's minimum
// values for the sizes it tabulates are kept exactly as printed (six digits).

const penaltyA = 1e-5;
const sqrtA = Math.sqrt(penaltyA);
const penalty1Optima: Readonly<Record<number, number>> = { 4: 2.24997e-5, 10: 7.08765e-5 };
const penalty1: MghDefinition = {
  number: 23,
  id: "penalty-1",
  title: "Penalty function I",
  n: 10,
  m: 11,
  nRule: integerAtLeast(1),
  mOf: (n) => n + 1,
  build: (n) => ({
    n,
    m: n + 1,
    x0: Float64Array.from({ length: n }, (_, k) => k + 1),
    residuals: (x, r) => {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        r[k] = sqrtA * (at(x, k) - 1);
        sum += at(x, k) ** 2;
      }
      r[n] = sum - 0.25;
    },
    jacobian: (x, j) => {
      for (let k = 0; k < n; k++) {
        j[k * n + k] = sqrtA;
        j[n * n + k] = 2 * at(x, k);
      }
    },
  }),
  optimum: (n) => penalty1Optima[n],
  solution: none,
  note: "f = 2.24997e-5 (n = 4), 7.08765e-5 (n = 10)",
};

const penalty2Optima: Readonly<Record<number, number>> = { 4: 9.37629e-6, 10: 2.9366e-4 };
const penalty2: MghDefinition = {
  number: 24,
  id: "penalty-2",
  title: "Penalty function II",
  n: 10,
  m: 20,
  nRule: integerAtLeast(1),
  mOf: (n) => 2 * n,
  build: (n) => ({
    n,
    m: 2 * n,
    x0: filled(n, 0.5),
    residuals: (x, r) => {
      r[0] = at(x, 0) - 0.2;
      for (let i = 2; i <= n; i++) {
        const y = Math.exp(i / 10) + Math.exp((i - 1) / 10);
        r[i - 1] = sqrtA * (Math.exp(at(x, i - 1) / 10) + Math.exp(at(x, i - 2) / 10) - y);
      }
      for (let i = n + 1; i < 2 * n; i++) r[i - 1] = sqrtA * (Math.exp(at(x, i - n) / 10) - Math.exp(-0.1));
      let sum = 0;
      for (let k = 0; k < n; k++) sum += (n - k) * at(x, k) ** 2;
      r[2 * n - 1] = sum - 1;
    },
    jacobian: (x, j) => {
      j[0] = 1;
      for (let i = 2; i <= n; i++) {
        j[(i - 1) * n + i - 1] = (sqrtA * Math.exp(at(x, i - 1) / 10)) / 10;
        j[(i - 1) * n + i - 2] = (sqrtA * Math.exp(at(x, i - 2) / 10)) / 10;
      }
      for (let i = n + 1; i < 2 * n; i++) j[(i - 1) * n + i - n] = (sqrtA * Math.exp(at(x, i - n) / 10)) / 10;
      for (let k = 0; k < n; k++) j[(2 * n - 1) * n + k] = 2 * (n - k) * at(x, k);
    },
  }),
  optimum: (n) => penalty2Optima[n],
  solution: none,
  note: "f = 9.37629e-6 (n = 4), 2.93660e-4 (n = 10)",
};

const variablyDimensioned: MghDefinition = {
  number: 25,
  id: "variably-dimensioned",
  title: "Variably dimensioned function",
  n: 10,
  m: 12,
  nRule: integerAtLeast(1),
  mOf: (n) => n + 2,
  build: (n) => ({
    n,
    m: n + 2,
    x0: Float64Array.from({ length: n }, (_, k) => 1 - (k + 1) / n),
    residuals: (x, r) => {
      let s = 0;
      for (let k = 0; k < n; k++) {
        r[k] = at(x, k) - 1;
        s += (k + 1) * (at(x, k) - 1);
      }
      r[n] = s;
      r[n + 1] = s * s;
    },
    jacobian: (x, j) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += (k + 1) * (at(x, k) - 1);
      for (let k = 0; k < n; k++) {
        j[k * n + k] = 1;
        j[n * n + k] = k + 1;
        j[(n + 1) * n + k] = 2 * s * (k + 1);
      }
    },
  }),
  optimum: always(0),
  solution: (n) => filled(n, 1),
};

const trigonometric: MghDefinition = {
  number: 26,
  id: "trigonometric",
  title: "Trigonometric function",
  n: 10,
  m: 10,
  nRule: integerAtLeast(1),
  mOf: (n) => n,
  build: (n) => ({
    n,
    m: n,
    x0: filled(n, 1 / n),
    residuals: (x, r) => {
      let cosines = 0;
      for (let k = 0; k < n; k++) cosines += Math.cos(at(x, k));
      for (let i = 1; i <= n; i++) {
        r[i - 1] = n - cosines + i * (1 - Math.cos(at(x, i - 1))) - Math.sin(at(x, i - 1));
      }
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= n; i++) {
        for (let k = 0; k < n; k++) j[(i - 1) * n + k] = Math.sin(at(x, k));
        const xi = at(x, i - 1);
        j[(i - 1) * n + i - 1] = (j[(i - 1) * n + i - 1] as number) + i * Math.sin(xi) - Math.cos(xi);
      }
    },
  }),
  optimum: always(0),
  solution: (n) => filled(n, 0),
};

const brownAlmostLinear: MghDefinition = {
  number: 27,
  id: "brown-almost-linear",
  title: "Brown almost-linear function",
  n: 10,
  m: 10,
  nRule: integerAtLeast(1),
  mOf: (n) => n,
  build: (n) => ({
    n,
    m: n,
    x0: filled(n, 0.5),
    residuals: (x, r) => {
      let sum = 0;
      let product = 1;
      for (let k = 0; k < n; k++) {
        sum += at(x, k);
        product *= at(x, k);
      }
      for (let i = 0; i < n - 1; i++) r[i] = at(x, i) + sum - (n + 1);
      r[n - 1] = product - 1;
    },
    jacobian: (x, j) => {
      for (let i = 0; i < n - 1; i++) {
        for (let k = 0; k < n; k++) j[i * n + k] = i === k ? 2 : 1;
      }
      for (let k = 0; k < n; k++) {
        let others = 1;
        for (let l = 0; l < n; l++) if (l !== k) others *= at(x, l);
        j[(n - 1) * n + k] = others;
      }
    },
  }),
  optimum: always(0),
  solution: (n) => filled(n, 1),
  note: "f = 0 at (a, ..., a, a^(1-n)) with n a^n - (n+1) a^(n-1) + 1 = 0 (a = 1 among them); f = 1 at (0, ..., 0, n+1)",
};

/** Functions 23 to 27: penalty I and II, variably dimensioned, trigonometric, Brown almost-linear. */
export const mghPenaltyTrigonometric: readonly MghDefinition[] = [
  penalty1,
  penalty2,
  variablyDimensioned,
  trigonometric,
  brownAlmostLinear,
];
