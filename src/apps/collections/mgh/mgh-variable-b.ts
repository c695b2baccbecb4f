import { integerAtLeast } from "../../../index.js";
import { always, at, filled, type MghDefinition, none } from "./definition.js";

// Functions 28 to 35 of Moré, Garbow and Hillstrom (1981): systems from discretised boundary-value
// problems, Broyden's systems, the linear functions and Chebyquad.

const discreteBoundaryValue: MghDefinition = {
  number: 28,
  id: "discrete-boundary-value",
  title: "Discrete boundary value function",
  n: 10,
  m: 10,
  nRule: integerAtLeast(1),
  mOf: (n) => n,
  build: (n) => {
    const h = 1 / (n + 1);
    return {
      n,
      m: n,
      x0: Float64Array.from({ length: n }, (_, k) => (k + 1) * h * ((k + 1) * h - 1)),
      residuals: (x, r) => {
        for (let i = 0; i < n; i++) {
          const left = i > 0 ? at(x, i - 1) : 0;
          const right = i < n - 1 ? at(x, i + 1) : 0;
          r[i] = 2 * at(x, i) - left - right + (h * h * (at(x, i) + (i + 1) * h + 1) ** 3) / 2;
        }
      },
      jacobian: (x, j) => {
        for (let i = 0; i < n; i++) {
          j[i * n + i] = 2 + 1.5 * h * h * (at(x, i) + (i + 1) * h + 1) ** 2;
          if (i > 0) j[i * n + i - 1] = -1;
          if (i < n - 1) j[i * n + i + 1] = -1;
        }
      },
    };
  },
  optimum: always(0),
  solution: none,
};

const discreteIntegralEquation: MghDefinition = {
  number: 29,
  id: "discrete-integral-equation",
  title: "Discrete integral equation function",
  n: 10,
  m: 10,
  nRule: integerAtLeast(1),
  mOf: (n) => n,
  build: (n) => {
    const h = 1 / (n + 1);
    const t = Float64Array.from({ length: n }, (_, k) => (k + 1) * h);
    return {
      n,
      m: n,
      x0: t.map((tk) => tk * (tk - 1)),
      residuals: (x, r) => {
        const cube = Float64Array.from({ length: n }, (_, k) => (at(x, k) + at(t, k) + 1) ** 3);
        for (let i = 0; i < n; i++) {
          let below = 0;
          let above = 0;
          for (let k = 0; k <= i; k++) below += at(t, k) * at(cube, k);
          for (let k = i + 1; k < n; k++) above += (1 - at(t, k)) * at(cube, k);
          r[i] = at(x, i) + (h * ((1 - at(t, i)) * below + at(t, i) * above)) / 2;
        }
      },
      jacobian: (x, j) => {
        for (let i = 0; i < n; i++) {
          for (let k = 0; k < n; k++) {
            const d = 3 * (at(x, k) + at(t, k) + 1) ** 2;
            const weight = k <= i ? (1 - at(t, i)) * at(t, k) : at(t, i) * (1 - at(t, k));
            j[i * n + k] = (h * weight * d) / 2 + (i === k ? 1 : 0);
          }
        }
      },
    };
  },
  optimum: always(0),
  solution: none,
};

const broydenTridiagonal: MghDefinition = {
  number: 30,
  id: "broyden-tridiagonal",
  title: "Broyden tridiagonal function",
  n: 10,
  m: 10,
  nRule: integerAtLeast(1),
  mOf: (n) => n,
  build: (n) => ({
    n,
    m: n,
    x0: filled(n, -1),
    residuals: (x, r) => {
      for (let i = 0; i < n; i++) {
        const left = i > 0 ? at(x, i - 1) : 0;
        const right = i < n - 1 ? at(x, i + 1) : 0;
        r[i] = (3 - 2 * at(x, i)) * at(x, i) - left - 2 * right + 1;
      }
    },
    jacobian: (x, j) => {
      for (let i = 0; i < n; i++) {
        j[i * n + i] = 3 - 4 * at(x, i);
        if (i > 0) j[i * n + i - 1] = -1;
        if (i < n - 1) j[i * n + i + 1] = -2;
      }
    },
  }),
  optimum: always(0),
  solution: none,
};

const broydenBanded: MghDefinition = {
  number: 31,
  id: "broyden-banded",
  title: "Broyden banded function",
  n: 10,
  m: 10,
  nRule: integerAtLeast(1),
  mOf: (n) => n,
  build: (n) => ({
    n,
    m: n,
    x0: filled(n, -1),
    residuals: (x, r) => {
      for (let i = 0; i < n; i++) {
        let band = 0;
        for (let k = Math.max(0, i - 5); k <= Math.min(n - 1, i + 1); k++) {
          if (k !== i) band += at(x, k) * (1 + at(x, k));
        }
        r[i] = at(x, i) * (2 + 5 * at(x, i) ** 2) + 1 - band;
      }
    },
    jacobian: (x, j) => {
      for (let i = 0; i < n; i++) {
        for (let k = Math.max(0, i - 5); k <= Math.min(n - 1, i + 1); k++) {
          j[i * n + k] = k === i ? 2 + 15 * at(x, i) ** 2 : -(1 + 2 * at(x, k));
        }
      }
    },
  }),
  optimum: always(0),
  solution: none,
};

const atLeastN = (n: number) => integerAtLeast(n);

const linearFullRank: MghDefinition = {
  number: 32,
  id: "linear-full-rank",
  title: "Linear function - full rank",
  n: 10,
  m: 20,
  nRule: integerAtLeast(1),
  mRule: atLeastN,
  mDefault: (n) => 2 * n,
  build: (n, m) => ({
    n,
    m,
    x0: filled(n, 1),
    residuals: (x, r) => {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += at(x, k);
      for (let i = 0; i < m; i++) r[i] = (i < n ? at(x, i) : 0) - (2 / m) * sum - 1;
    },
    jacobian: (_x, j) => {
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < n; k++) j[i * n + k] = (i === k ? 1 : 0) - 2 / m;
      }
    },
  }),
  optimum: (n, m) => m - n,
  solution: (n) => filled(n, -1),
};

const linearRank1: MghDefinition = {
  number: 33,
  id: "linear-rank-1",
  title: "Linear function - rank 1",
  n: 10,
  m: 20,
  nRule: integerAtLeast(1),
  mRule: atLeastN,
  mDefault: (n) => 2 * n,
  build: (n, m) => ({
    n,
    m,
    x0: filled(n, 1),
    residuals: (x, r) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += (k + 1) * at(x, k);
      for (let i = 0; i < m; i++) r[i] = (i + 1) * s - 1;
    },
    jacobian: (_x, j) => {
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < n; k++) j[i * n + k] = (i + 1) * (k + 1);
      }
    },
  }),
  optimum: (_n, m) => (m * (m - 1)) / (2 * (2 * m + 1)),
  // Any x with sum_j j x_j = 3 / (2m + 1) is a minimiser: take all entries equal.
  solution: (n, m) => filled(n, 6 / ((2 * m + 1) * n * (n + 1))),
};

const linearRank1Zero: MghDefinition = {
  number: 34,
  id: "linear-rank-1-zero",
  title: "Linear function - rank 1 with zero columns and rows",
  n: 10,
  m: 20,
  nRule: integerAtLeast(3),
  mRule: atLeastN,
  mDefault: (n) => 2 * n,
  build: (n, m) => ({
    n,
    m,
    x0: filled(n, 1),
    residuals: (x, r) => {
      let s = 0;
      for (let k = 1; k < n - 1; k++) s += (k + 1) * at(x, k);
      r[0] = -1;
      for (let i = 1; i < m - 1; i++) r[i] = i * s - 1;
      r[m - 1] = -1;
    },
    jacobian: (_x, j) => {
      for (let i = 1; i < m - 1; i++) {
        for (let k = 1; k < n - 1; k++) j[i * n + k] = i * (k + 1);
      }
    },
  }),
  optimum: (_n, m) => (m * m + 3 * m - 6) / (2 * (2 * m - 3)),
  // Any x with sum_{j=2}^{n-1} j x_j = 3 / (2m - 3) is a minimiser: take all entries equal.
  solution: (n, m) => filled(n, 3 / ((2 * m - 3) * ((n * (n - 1)) / 2 - 1))),
};

const chebyquadOptima: Readonly<Record<number, number>> = { 8: 3.51687e-3, 10: 6.50395e-3 };
const chebyquad: MghDefinition = {
  number: 35,
  id: "chebyquad",
  title: "Chebyquad function",
  n: 8,
  m: 8,
  nRule: integerAtLeast(1),
  mRule: atLeastN,
  mDefault: (n) => n,
  build: (n, m) => ({
    n,
    m,
    x0: Float64Array.from({ length: n }, (_, k) => (k + 1) / (n + 1)),
    residuals: (x, r) => {
      r.fill(0);
      for (let k = 0; k < n; k++) {
        const y = 2 * at(x, k) - 1;
        let previous = 1;
        let current = y;
        for (let i = 1; i <= m; i++) {
          r[i - 1] = (r[i - 1] as number) + current / n;
          [previous, current] = [current, 2 * y * current - previous];
        }
      }
      for (let i = 2; i <= m; i += 2) r[i - 1] = (r[i - 1] as number) + 1 / (i * i - 1);
    },
    jacobian: (x, j) => {
      for (let k = 0; k < n; k++) {
        const y = 2 * at(x, k) - 1;
        let [t0, t1] = [1, y];
        let [d0, d1] = [0, 1];
        for (let i = 1; i <= m; i++) {
          j[(i - 1) * n + k] = (2 * d1) / n;
          [t0, t1, d0, d1] = [t1, 2 * y * t1 - t0, d1, 2 * t1 + 2 * y * d1 - d0];
        }
      }
    },
  }),
  optimum: (n, m) => (m !== n ? undefined : n <= 7 || n === 9 ? 0 : chebyquadOptima[n]),
  solution: none,
  note: "f = 0 for m = n, 1 <= n <= 7 and n = 9; 3.51687e-3 (m = n = 8); 6.50395e-3 (m = n = 10)",
};

/** Functions 28 to 35. */
export const mghVariableB: readonly MghDefinition[] = [
  discreteBoundaryValue,
  discreteIntegralEquation,
  broydenTridiagonal,
  broydenBanded,
  linearFullRank,
  linearRank1,
  linearRank1Zero,
  chebyquad,
];
