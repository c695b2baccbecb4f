import { always, at, exactly, integerMultiple, type MghDefinition, none } from "./definition.js";
import { integerAtLeast } from "../../../engine/internals.js";

// Functions 7 to 12 of Moré, Garbow and Hillstrom (1981): three unknowns. Residuals and Jacobians are
// written from the paper's formulas; `t` and `y` data are the paper's.

/** The helical valley's angle `theta(x1, x2)` in turns, as the paper defines it (a quarter turn at x1 = 0). */
function theta(x1: number, x2: number): number {
  if (x1 > 0) return Math.atan(x2 / x1) / (2 * Math.PI);
  if (x1 < 0) return Math.atan(x2 / x1) / (2 * Math.PI) + 0.5;
  return x2 >= 0 ? 0.25 : -0.25;
}

const helicalValley: MghDefinition = {
  number: 7,
  id: "helical-valley",
  title: "Helical valley function",
  n: 3,
  m: 3,
  nRule: exactly(3),
  mOf: () => 3,
  build: () => ({
    n: 3,
    m: 3,
    x0: Float64Array.of(-1, 0, 0),
    residuals: (x, r) => {
      const [x1, x2, x3] = [at(x, 0), at(x, 1), at(x, 2)];
      r[0] = 10 * (x3 - 10 * theta(x1, x2));
      r[1] = 10 * (Math.hypot(x1, x2) - 1);
      r[2] = x3;
    },
    jacobian: (x, j) => {
      const [x1, x2] = [at(x, 0), at(x, 1)];
      const rho2 = x1 * x1 + x2 * x2;
      const rho = Math.sqrt(rho2);
      j[0] = (100 * x2) / (2 * Math.PI * rho2);
      j[1] = (-100 * x1) / (2 * Math.PI * rho2);
      j[2] = 10;
      j[3] = (10 * x1) / rho;
      j[4] = (10 * x2) / rho;
      j[8] = 1;
    },
  }),
  optimum: always(0),
  solution: () => Float64Array.of(1, 0, 0),
};

const bardY = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.1, 4.39];
const bard: MghDefinition = {
  number: 8,
  id: "bard",
  title: "Bard function",
  n: 3,
  m: 15,
  nRule: exactly(3),
  mOf: () => 15,
  build: () => ({
    n: 3,
    m: 15,
    x0: Float64Array.of(1, 1, 1),
    residuals: (x, r) => {
      for (let i = 1; i <= 15; i++) {
        const [u, v, w] = [i, 16 - i, Math.min(i, 16 - i)];
        r[i - 1] = (bardY[i - 1] as number) - (at(x, 0) + u / (v * at(x, 1) + w * at(x, 2)));
      }
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= 15; i++) {
        const [u, v, w] = [i, 16 - i, Math.min(i, 16 - i)];
        const d = v * at(x, 1) + w * at(x, 2);
        j[3 * (i - 1)] = -1;
        j[3 * (i - 1) + 1] = (u * v) / (d * d);
        j[3 * (i - 1) + 2] = (u * w) / (d * d);
      }
    },
  }),
  optimum: always(8.21487e-3),
  solution: none,
  note: "f = 8.21487e-3; also f = 17.4286 at (0.8406..., -inf, -inf)",
};

const gaussianY = [
  0.0009, 0.0044, 0.0175, 0.054, 0.1295, 0.242, 0.3521, 0.3989, 0.3521, 0.242, 0.1295, 0.054, 0.0175, 0.0044, 0.0009,
];
const gaussian: MghDefinition = {
  number: 9,
  id: "gaussian",
  title: "Gaussian function",
  n: 3,
  m: 15,
  nRule: exactly(3),
  mOf: () => 15,
  build: () => ({
    n: 3,
    m: 15,
    x0: Float64Array.of(0.4, 1, 0),
    residuals: (x, r) => {
      for (let i = 1; i <= 15; i++) {
        const d = (8 - i) / 2 - at(x, 2);
        r[i - 1] = at(x, 0) * Math.exp((-at(x, 1) * d * d) / 2) - (gaussianY[i - 1] as number);
      }
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= 15; i++) {
        const d = (8 - i) / 2 - at(x, 2);
        const e = Math.exp((-at(x, 1) * d * d) / 2);
        j[3 * (i - 1)] = e;
        j[3 * (i - 1) + 1] = (-at(x, 0) * e * d * d) / 2;
        j[3 * (i - 1) + 2] = at(x, 0) * e * at(x, 1) * d;
      }
    },
  }),
  optimum: always(1.12793e-8),
  solution: none,
};

const meyerY = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];
const meyer: MghDefinition = {
  number: 10,
  id: "meyer",
  title: "Meyer function",
  n: 3,
  m: 16,
  nRule: exactly(3),
  mOf: () => 16,
  build: () => ({
    n: 3,
    m: 16,
    x0: Float64Array.of(0.02, 4000, 250),
    residuals: (x, r) => {
      for (let i = 1; i <= 16; i++) {
        r[i - 1] = at(x, 0) * Math.exp(at(x, 1) / (45 + 5 * i + at(x, 2))) - (meyerY[i - 1] as number);
      }
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= 16; i++) {
        const d = 45 + 5 * i + at(x, 2);
        const e = Math.exp(at(x, 1) / d);
        j[3 * (i - 1)] = e;
        j[3 * (i - 1) + 1] = (at(x, 0) * e) / d;
        j[3 * (i - 1) + 2] = (-at(x, 0) * e * at(x, 1)) / (d * d);
      }
    },
  }),
  optimum: always(87.9458),
  solution: none,
};

const gulf: MghDefinition = {
  number: 11,
  id: "gulf",
  title: "Gulf research and development function",
  n: 3,
  m: 99,
  nRule: exactly(3),
  mRule: () => integerMultiple(1, 3, 100),
  build: (_n, m) => {
    const t = Float64Array.from({ length: m }, (_, k) => (k + 1) / 100);
    const y = t.map((ti) => 25 + (-50 * Math.log(ti)) ** (2 / 3));
    return {
      n: 3,
      m,
      x0: Float64Array.of(5, 2.5, 0.15),
      residuals: (x, r) => {
        for (let i = 0; i < m; i++) {
          r[i] = Math.exp(-(Math.abs(at(y, i) - at(x, 1)) ** at(x, 2)) / at(x, 0)) - at(t, i);
        }
      },
      jacobian: (x, j) => {
        const [x1, x2, x3] = [at(x, 0), at(x, 1), at(x, 2)];
        for (let i = 0; i < m; i++) {
          const a = Math.abs(at(y, i) - x2);
          const p = a ** x3;
          const e = Math.exp(-p / x1);
          j[3 * i] = (e * p) / (x1 * x1);
          j[3 * i + 1] = a === 0 ? 0 : (e * x3 * a ** (x3 - 1) * Math.sign(at(y, i) - x2)) / x1;
          j[3 * i + 2] = a === 0 ? 0 : (-e * p * Math.log(a)) / x1;
        }
      },
    };
  },
  optimum: always(0),
  solution: () => Float64Array.of(50, 25, 1.5),
};

const box3d: MghDefinition = {
  number: 12,
  id: "box-3d",
  title: "Box three-dimensional function",
  n: 3,
  m: 10,
  nRule: exactly(3),
  mRule: () => integerAtLeast(3),
  build: (_n, m) => ({
    n: 3,
    m,
    x0: Float64Array.of(0, 10, 20),
    residuals: (x, r) => {
      for (let i = 1; i <= m; i++) {
        const t = 0.1 * i;
        r[i - 1] = Math.exp(-t * at(x, 0)) - Math.exp(-t * at(x, 1)) - at(x, 2) * (Math.exp(-t) - Math.exp(-10 * t));
      }
    },
    jacobian: (x, j) => {
      for (let i = 1; i <= m; i++) {
        const t = 0.1 * i;
        j[3 * (i - 1)] = -t * Math.exp(-t * at(x, 0));
        j[3 * (i - 1) + 1] = t * Math.exp(-t * at(x, 1));
        j[3 * (i - 1) + 2] = -(Math.exp(-t) - Math.exp(-10 * t));
      }
    },
  }),
  optimum: always(0),
  solution: () => Float64Array.of(1, 10, 1),
  note: "f = 0 also at (10, 1, -1) and wherever x1 = x2 and x3 = 0",
};

/** Functions 7 to 12: three unknowns. */
export const mghThreeUnknowns: readonly MghDefinition[] = [helicalValley, bard, gaussian, meyer, gulf, box3d];
