import { always, at, filled, integerMultiple, type MghDefinition, none } from "./definition.js";

// Functions 20 to 22 of Moré, Garbow and Hillstrom (1981): the number of unknowns is a parameter. The
// paper's minimum values for the sizes it tabulates are kept exactly as printed (six digits).

const watsonOptima: Readonly<Record<number, number>> = { 6: 2.28767e-3, 9: 1.39976e-6, 12: 4.72238e-10 };
const watson: MghDefinition = {
  number: 20,
  id: "watson",
  title: "Watson function",
  n: 6,
  m: 31,
  nRule: integerMultiple(1, 2, 31),
  mOf: () => 31,
  build: (n) => ({
    n,
    m: 31,
    x0: filled(n, 0),
    residuals: (x, r) => {
      for (let i = 1; i <= 29; i++) {
        const t = i / 29;
        let s1 = 0;
        let s2 = 0;
        let power = 1;
        for (let k = 0; k < n; k++) {
          if (k > 0) s1 += k * at(x, k) * (power / t);
          s2 += at(x, k) * power;
          power *= t;
        }
        r[i - 1] = s1 - s2 * s2 - 1;
      }
      r[29] = at(x, 0);
      r[30] = at(x, 1) - at(x, 0) ** 2 - 1;
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= 29; i++) {
        const t = i / 29;
        let s2 = 0;
        let power = 1;
        for (let k = 0; k < n; k++) {
          s2 += at(x, k) * power;
          power *= t;
        }
        power = 1;
        for (let k = 0; k < n; k++) {
          j[(i - 1) * n + k] = (k > 0 ? k * (power / t) : 0) - 2 * s2 * power;
          power *= t;
        }
      }
      j[29 * n] = 1;
      j[30 * n] = -2 * at(x, 0);
      j[30 * n + 1] = 1;
    },
  }),
  optimum: (n) => watsonOptima[n],
  solution: none,
  note: "f = 2.28767e-3 (n = 6), 1.39976e-6 (n = 9), 4.72238e-10 (n = 12)",
};

const extendedRosenbrock: MghDefinition = {
  number: 21,
  id: "extended-rosenbrock",
  title: "Extended Rosenbrock function",
  n: 10,
  m: 10,
  nRule: integerMultiple(2, 2),
  mOf: (n) => n,
  build: (n) => ({
    n,
    m: n,
    x0: Float64Array.from({ length: n }, (_, k) => (k % 2 === 0 ? -1.2 : 1)),
    residuals: (x, r) => {
      for (let k = 0; k < n; k += 2) {
        r[k] = 10 * (at(x, k + 1) - at(x, k) ** 2);
        r[k + 1] = 1 - at(x, k);
      }
    },
    jacobian: (x, j) => {
      for (let k = 0; k < n; k += 2) {
        j[k * n + k] = -20 * at(x, k);
        j[k * n + k + 1] = 10;
        j[(k + 1) * n + k] = -1;
      }
    },
  }),
  optimum: always(0),
  solution: (n) => filled(n, 1),
};

const sqrt5 = Math.sqrt(5);
const sqrt10 = Math.sqrt(10);
const extendedPowell: MghDefinition = {
  number: 22,
  id: "extended-powell-singular",
  title: "Extended Powell singular function",
  n: 12,
  m: 12,
  nRule: integerMultiple(4, 4),
  mOf: (n) => n,
  build: (n) => ({
    n,
    m: n,
    x0: Float64Array.from({ length: n }, (_, k) => [3, -1, 0, 1][k % 4] as number),
    residuals: (x, r) => {
      for (let k = 0; k < n; k += 4) {
        const [a, b, c, d] = [at(x, k), at(x, k + 1), at(x, k + 2), at(x, k + 3)];
        r[k] = a + 10 * b;
        r[k + 1] = sqrt5 * (c - d);
        r[k + 2] = (b - 2 * c) ** 2;
        r[k + 3] = sqrt10 * (a - d) ** 2;
      }
    },
    jacobian: (x, j) => {
      for (let k = 0; k < n; k += 4) {
        const [a, b, c, d] = [at(x, k), at(x, k + 1), at(x, k + 2), at(x, k + 3)];
        j[k * n + k] = 1;
        j[k * n + k + 1] = 10;
        j[(k + 1) * n + k + 2] = sqrt5;
        j[(k + 1) * n + k + 3] = -sqrt5;
        j[(k + 2) * n + k + 1] = 2 * (b - 2 * c);
        j[(k + 2) * n + k + 2] = -4 * (b - 2 * c);
        j[(k + 3) * n + k] = 2 * sqrt10 * (a - d);
        j[(k + 3) * n + k + 3] = -2 * sqrt10 * (a - d);
      }
    },
  }),
  optimum: always(0),
  solution: (n) => filled(n, 0),
};

/** Functions 20 to 22: Watson, extended Rosenbrock and extended Powell. */
export const mghVariableA: readonly MghDefinition[] = [watson, extendedRosenbrock, extendedPowell];
