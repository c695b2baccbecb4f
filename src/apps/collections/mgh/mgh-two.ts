import { always, at, exactly, type MghDefinition, none } from "./definition.js";
import { integerAtLeast } from "../../../engine/internals.js";

// Functions 1 to 6 of Moré, Garbow and Hillstrom (1981): two unknowns. Residuals and Jacobians are written
// from the paper's formulas; `t` and `y` data are the paper's.

const rosenbrock: MghDefinition = {
  number: 1,
  id: "rosenbrock",
  title: "Rosenbrock function",
  n: 2,
  m: 2,
  nRule: exactly(2),
  mOf: () => 2,
  build: () => ({
    n: 2,
    m: 2,
    x0: Float64Array.of(-1.2, 1),
    residuals: (x, r) => {
      r[0] = 10 * (at(x, 1) - at(x, 0) ** 2);
      r[1] = 1 - at(x, 0);
    },
    jacobian: (x, j) => {
      j[0] = -20 * at(x, 0);
      j[1] = 10;
      j[2] = -1;
    },
  }),
  optimum: always(0),
  solution: () => Float64Array.of(1, 1),
};

const freudensteinRoth: MghDefinition = {
  number: 2,
  id: "freudenstein-roth",
  title: "Freudenstein and Roth function",
  n: 2,
  m: 2,
  nRule: exactly(2),
  mOf: () => 2,
  build: () => ({
    n: 2,
    m: 2,
    x0: Float64Array.of(0.5, -2),
    residuals: (x, r) => {
      const [x1, x2] = [at(x, 0), at(x, 1)];
      r[0] = -13 + x1 + ((5 - x2) * x2 - 2) * x2;
      r[1] = -29 + x1 + ((x2 + 1) * x2 - 14) * x2;
    },
    jacobian: (x, j) => {
      const x2 = at(x, 1);
      j[0] = 1;
      j[1] = (10 - 3 * x2) * x2 - 2;
      j[2] = 1;
      j[3] = (3 * x2 + 2) * x2 - 14;
    },
  }),
  optimum: always(0),
  solution: () => Float64Array.of(5, 4),
  note: "also a local minimum f = 48.9842 at (11.41..., -0.8968...)",
};

const powellBadlyScaled: MghDefinition = {
  number: 3,
  id: "powell-badly-scaled",
  title: "Powell badly scaled function",
  n: 2,
  m: 2,
  nRule: exactly(2),
  mOf: () => 2,
  build: () => ({
    n: 2,
    m: 2,
    x0: Float64Array.of(0, 1),
    residuals: (x, r) => {
      r[0] = 1e4 * at(x, 0) * at(x, 1) - 1;
      r[1] = Math.exp(-at(x, 0)) + Math.exp(-at(x, 1)) - 1.0001;
    },
    jacobian: (x, j) => {
      j[0] = 1e4 * at(x, 1);
      j[1] = 1e4 * at(x, 0);
      j[2] = -Math.exp(-at(x, 0));
      j[3] = -Math.exp(-at(x, 1));
    },
  }),
  optimum: always(0),
  solution: none,
  note: "f = 0 at (1.098...e-5, 9.106...)",
};

const brownBadlyScaled: MghDefinition = {
  number: 4,
  id: "brown-badly-scaled",
  title: "Brown badly scaled function",
  n: 2,
  m: 3,
  nRule: exactly(2),
  mOf: () => 3,
  build: () => ({
    n: 2,
    m: 3,
    x0: Float64Array.of(1, 1),
    residuals: (x, r) => {
      r[0] = at(x, 0) - 1e6;
      r[1] = at(x, 1) - 2e-6;
      r[2] = at(x, 0) * at(x, 1) - 2;
    },
    jacobian: (x, j) => {
      j[0] = 1;
      j[3] = 1;
      j[4] = at(x, 1);
      j[5] = at(x, 0);
    },
  }),
  optimum: always(0),
  solution: () => Float64Array.of(1e6, 2e-6),
};

const bealeY = [1.5, 2.25, 2.625];
const beale: MghDefinition = {
  number: 5,
  id: "beale",
  title: "Beale function",
  n: 2,
  m: 3,
  nRule: exactly(2),
  mOf: () => 3,
  build: () => ({
    n: 2,
    m: 3,
    x0: Float64Array.of(1, 1),
    residuals: (x, r) => {
      for (let i = 1; i <= 3; i++) r[i - 1] = (bealeY[i - 1] as number) - at(x, 0) * (1 - at(x, 1) ** i);
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= 3; i++) {
        j[2 * (i - 1)] = -(1 - at(x, 1) ** i);
        j[2 * (i - 1) + 1] = at(x, 0) * i * at(x, 1) ** (i - 1);
      }
    },
  }),
  optimum: always(0),
  solution: () => Float64Array.of(3, 0.5),
};

const jennrichSampson: MghDefinition = {
  number: 6,
  id: "jennrich-sampson",
  title: "Jennrich and Sampson function",
  n: 2,
  m: 10,
  nRule: exactly(2),
  mRule: () => integerAtLeast(2),
  build: (_n, m) => ({
    n: 2,
    m,
    x0: Float64Array.of(0.3, 0.4),
    residuals: (x, r) => {
      for (let i = 1; i <= m; i++) r[i - 1] = 2 + 2 * i - (Math.exp(i * at(x, 0)) + Math.exp(i * at(x, 1)));
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= m; i++) {
        j[2 * (i - 1)] = -i * Math.exp(i * at(x, 0));
        j[2 * (i - 1) + 1] = -i * Math.exp(i * at(x, 1));
      }
    },
  }),
  optimum: (_n, m) => (m === 10 ? 124.362 : undefined),
  solution: none,
  note: "f = 124.362 at x1 = x2 = 0.2578 for m = 10",
};

/** Functions 1 to 6: two unknowns. */
export const mghTwoUnknowns: readonly MghDefinition[] = [
  rosenbrock,
  freudensteinRoth,
  powellBadlyScaled,
  brownBadlyScaled,
  beale,
  jennrichSampson,
];
