import { integerAtLeast } from "../../../index.js";
import { always, at, exactly, filled, type MghDefinition, none } from "./definition.js";

// Functions 13 to 19 of Moré, Garbow and Hillstrom (1981): four to eleven unknowns, fixed sizes except
// for the number of data points of Brown-Dennis and Biggs EXP6. Data are the paper's.

const sqrt5 = Math.sqrt(5);
const sqrt10 = Math.sqrt(10);

const powellSingular: MghDefinition = {
  number: 13,
  id: "powell-singular",
  title: "Powell singular function",
  n: 4,
  m: 4,
  nRule: exactly(4),
  mOf: () => 4,
  build: () => ({
    n: 4,
    m: 4,
    x0: Float64Array.of(3, -1, 0, 1),
    residuals: (x, r) => {
      const [x1, x2, x3, x4] = [at(x, 0), at(x, 1), at(x, 2), at(x, 3)];
      r[0] = x1 + 10 * x2;
      r[1] = sqrt5 * (x3 - x4);
      r[2] = (x2 - 2 * x3) ** 2;
      r[3] = sqrt10 * (x1 - x4) ** 2;
    },
    jacobian: (x, j) => {
      const [x1, x2, x3, x4] = [at(x, 0), at(x, 1), at(x, 2), at(x, 3)];
      j.set([1, 10, 0, 0, 0, 0, sqrt5, -sqrt5, 0, 2 * (x2 - 2 * x3), -4 * (x2 - 2 * x3), 0]);
      j[12] = 2 * sqrt10 * (x1 - x4);
      j[15] = -2 * sqrt10 * (x1 - x4);
    },
  }),
  optimum: always(0),
  solution: () => filled(4, 0),
};

const sqrt90 = Math.sqrt(90);
const wood: MghDefinition = {
  number: 14,
  id: "wood",
  title: "Wood function",
  n: 4,
  m: 6,
  nRule: exactly(4),
  mOf: () => 6,
  build: () => ({
    n: 4,
    m: 6,
    x0: Float64Array.of(-3, -1, -3, -1),
    residuals: (x, r) => {
      const [x1, x2, x3, x4] = [at(x, 0), at(x, 1), at(x, 2), at(x, 3)];
      r[0] = 10 * (x2 - x1 * x1);
      r[1] = 1 - x1;
      r[2] = sqrt90 * (x4 - x3 * x3);
      r[3] = 1 - x3;
      r[4] = sqrt10 * (x2 + x4 - 2);
      r[5] = (x2 - x4) / sqrt10;
    },
    jacobian: (x, j) => {
      j.set([-20 * at(x, 0), 10, 0, 0, -1, 0, 0, 0]);
      j.set([0, 0, -2 * sqrt90 * at(x, 2), sqrt90, 0, 0, -1, 0], 8);
      j.set([0, sqrt10, 0, sqrt10, 0, 1 / sqrt10, 0, -1 / sqrt10], 16);
    },
  }),
  optimum: always(0),
  solution: () => filled(4, 1),
};

const kowalikY = [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
const kowalikU = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];
const kowalikOsborne: MghDefinition = {
  number: 15,
  id: "kowalik-osborne",
  title: "Kowalik and Osborne function",
  n: 4,
  m: 11,
  nRule: exactly(4),
  mOf: () => 11,
  build: () => ({
    n: 4,
    m: 11,
    x0: Float64Array.of(0.25, 0.39, 0.415, 0.39),
    residuals: (x, r) => {
      for (let i = 0; i < 11; i++) {
        const u = kowalikU[i] as number;
        const numerator = u * u + u * at(x, 1);
        const denominator = u * u + u * at(x, 2) + at(x, 3);
        r[i] = (kowalikY[i] as number) - (at(x, 0) * numerator) / denominator;
      }
    },
    jacobian: (x, j) => {
      for (let i = 0; i < 11; i++) {
        const u = kowalikU[i] as number;
        const numerator = u * u + u * at(x, 1);
        const denominator = u * u + u * at(x, 2) + at(x, 3);
        const q = (at(x, 0) * numerator) / (denominator * denominator);
        j.set([-numerator / denominator, (-at(x, 0) * u) / denominator, q * u, q], 4 * i);
      }
    },
  }),
  optimum: always(3.07505e-4),
  solution: none,
  note: "f = 3.07505e-4; also f = 1.02734e-3 at (+inf, -14.07..., -inf, -inf)",
};

const brownDennis: MghDefinition = {
  number: 16,
  id: "brown-dennis",
  title: "Brown and Dennis function",
  n: 4,
  m: 20,
  nRule: exactly(4),
  mRule: () => integerAtLeast(4),
  build: (_n, m) => ({
    n: 4,
    m,
    x0: Float64Array.of(25, 5, -5, -1),
    residuals: (x, r) => {
      for (let i = 1; i <= m; i++) {
        const t = i / 5;
        const a = at(x, 0) + t * at(x, 1) - Math.exp(t);
        const b = at(x, 2) + at(x, 3) * Math.sin(t) - Math.cos(t);
        r[i - 1] = a * a + b * b;
      }
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= m; i++) {
        const t = i / 5;
        const a = at(x, 0) + t * at(x, 1) - Math.exp(t);
        const b = at(x, 2) + at(x, 3) * Math.sin(t) - Math.cos(t);
        j.set([2 * a, 2 * a * t, 2 * b, 2 * b * Math.sin(t)], 4 * (i - 1));
      }
    },
  }),
  optimum: (_n, m) => (m === 20 ? 85822.2 : undefined),
  solution: none,
  note: "f = 85822.2 for m = 20",
};

const osborne1Y = [
  0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.85, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.58,
  0.558, 0.538, 0.522, 0.506, 0.49, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.42, 0.414, 0.411, 0.406,
];
const osborne1: MghDefinition = {
  number: 17,
  id: "osborne-1",
  title: "Osborne 1 function",
  n: 5,
  m: 33,
  nRule: exactly(5),
  mOf: () => 33,
  build: () => ({
    n: 5,
    m: 33,
    x0: Float64Array.of(0.5, 1.5, -1, 0.01, 0.02),
    residuals: (x, r) => {
      for (let i = 0; i < 33; i++) {
        const t = 10 * i;
        const model = at(x, 0) + at(x, 1) * Math.exp(-t * at(x, 3)) + at(x, 2) * Math.exp(-t * at(x, 4));
        r[i] = (osborne1Y[i] as number) - model;
      }
    },
    jacobian: (x, j) => {
      for (let i = 0; i < 33; i++) {
        const t = 10 * i;
        const e4 = Math.exp(-t * at(x, 3));
        const e5 = Math.exp(-t * at(x, 4));
        j.set([-1, -e4, -e5, at(x, 1) * t * e4, at(x, 2) * t * e5], 5 * i);
      }
    },
  }),
  optimum: always(5.46489e-5),
  solution: none,
};

const biggsExp6: MghDefinition = {
  number: 18,
  id: "biggs-exp6",
  title: "Biggs EXP6 function",
  n: 6,
  m: 13,
  nRule: exactly(6),
  mRule: () => integerAtLeast(6),
  build: (_n, m) => ({
    n: 6,
    m,
    x0: Float64Array.of(1, 2, 1, 1, 1, 1),
    residuals: (x, r) => {
      for (let i = 1; i <= m; i++) {
        const t = 0.1 * i;
        const y = Math.exp(-t) - 5 * Math.exp(-10 * t) + 3 * Math.exp(-4 * t);
        r[i - 1] =
          at(x, 2) * Math.exp(-t * at(x, 0)) -
          at(x, 3) * Math.exp(-t * at(x, 1)) +
          at(x, 5) * Math.exp(-t * at(x, 4)) -
          y;
      }
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= m; i++) {
        const t = 0.1 * i;
        const [e1, e2, e5] = [Math.exp(-t * at(x, 0)), Math.exp(-t * at(x, 1)), Math.exp(-t * at(x, 4))];
        j.set([-t * at(x, 2) * e1, t * at(x, 3) * e2, e1, -e2, -t * at(x, 5) * e5, e5], 6 * (i - 1));
      }
    },
  }),
  optimum: always(0),
  solution: () => Float64Array.of(1, 10, 1, 5, 4, 3),
  note: "f = 0 at (1, 10, 1, 5, 4, 3); also a local minimum f = 5.65565e-3 for m = 13",
};

const osborne2Y = [
  1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606, 0.602,
  0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.5, 0.423, 0.395, 0.375,
  0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591,
  0.559, 0.597, 0.625, 0.739, 0.71, 0.729, 0.72, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054,
];
const osborne2: MghDefinition = {
  number: 19,
  id: "osborne-2",
  title: "Osborne 2 function",
  n: 11,
  m: 65,
  nRule: exactly(11),
  mOf: () => 65,
  build: () => ({
    n: 11,
    m: 65,
    x0: Float64Array.of(1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5),
    residuals: (x, r) => {
      for (let i = 0; i < 65; i++) {
        const t = i / 10;
        let model = at(x, 0) * Math.exp(-t * at(x, 4));
        for (let k = 1; k <= 3; k++) model += at(x, k) * Math.exp(-((t - at(x, k + 7)) ** 2) * at(x, k + 4));
        r[i] = (osborne2Y[i] as number) - model;
      }
    },
    jacobian: (x, j) => {
      for (let i = 0; i < 65; i++) {
        const t = i / 10;
        const e = Math.exp(-t * at(x, 4));
        j[11 * i] = -e;
        j[11 * i + 4] = at(x, 0) * t * e;
        for (let k = 1; k <= 3; k++) {
          const d = t - at(x, k + 7);
          const g = Math.exp(-d * d * at(x, k + 4));
          j[11 * i + k] = -g;
          j[11 * i + k + 4] = at(x, k) * d * d * g;
          j[11 * i + k + 7] = -2 * at(x, k) * g * at(x, k + 4) * d;
        }
      }
    },
  }),
  optimum: always(4.01377e-2),
  solution: none,
};

/** Functions 13 to 19. */
export const mghMedium: readonly MghDefinition[] = [
  powellSingular,
  wood,
  kowalikOsborne,
  brownDennis,
  osborne1,
  biggsExp6,
  osborne2,
];
