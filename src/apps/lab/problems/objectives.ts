import { defaultExpression, typedObjective } from "./typed-objective.js";
import type { TypedObjectiveSetup } from "./typed-objective.js";

/** A 2-D test function with its derivatives, a start, its minimiser and a box to draw. */
export interface Objective2d {
  readonly label: string;
  readonly f: (x: Float64Array) => number;
  readonly gradient: (x: Float64Array) => number[];
  readonly hessian: (x: Float64Array) => number[][];
  readonly x0: readonly [number, number];
  /**
   * Its minimisers (Himmelblau's function has four); the error is the distance to the nearest. Empty for a
   * typed expression, whose error is then the gradient's norm.
   */
  readonly minima: readonly (readonly [number, number])[];
  /** `[xmin, xmax, ymin, ymax]`. */
  readonly box: readonly [number, number, number, number];
  /** A step length that gradient descent with momentum tolerates from the start. */
  readonly momentumStep: number;
}

const at = (x: Float64Array): [number, number] => [x[0] as number, x[1] as number];

const rosenbrock: Objective2d = {
  label: "Rosenbrock 100 (y - x^2)^2 + (1 - x)^2",
  f: (x) => {
    const [a, b] = at(x);
    return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  },
  gradient: (x) => {
    const [a, b] = at(x);
    return [-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a)];
  },
  hessian: (x) => {
    const [a, b] = at(x);
    return [
      [1200 * a * a - 400 * b + 2, -400 * a],
      [-400 * a, 200],
    ];
  },
  x0: [-1.2, 1],
  minima: [[1, 1]],
  box: [-2, 2, -1, 3],
  momentumStep: 1e-3,
};

// Beale's function: (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2, minimum at (3, 0.5).
const bealeTerms = [1.5, 2.25, 2.625] as const;
const beale: Objective2d = {
  label: "Beale",
  f: (x) => {
    const [a, b] = at(x);
    return bealeTerms.reduce((sum, c, i) => sum + (c - a + a * b ** (i + 1)) ** 2, 0);
  },
  gradient: (x) => {
    const [a, b] = at(x);
    let ga = 0;
    let gb = 0;
    bealeTerms.forEach((c, i) => {
      const r = c - a + a * b ** (i + 1);
      ga += 2 * r * (b ** (i + 1) - 1);
      gb += 2 * r * a * (i + 1) * b ** i;
    });
    return [ga, gb];
  },
  hessian: (x) => {
    const [a, b] = at(x);
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    bealeTerms.forEach((c, i) => {
      const p = i + 1;
      const r = c - a + a * b ** p;
      const ra = b ** p - 1;
      const rb = a * p * b ** (p - 1);
      const rab = p * b ** (p - 1);
      const rbb = p >= 2 ? a * p * (p - 1) * b ** (p - 2) : 0;
      haa += 2 * ra * ra;
      hab += 2 * (rb * ra + r * rab);
      hbb += 2 * (rb * rb + r * rbb);
    });
    return [
      [haa, hab],
      [hab, hbb],
    ];
  },
  x0: [1, 1.5],
  minima: [[3, 0.5]],
  box: [-1, 4, -1.5, 2.5],
  momentumStep: 2e-3,
};

const himmelblau: Objective2d = {
  label: "Himmelblau (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
  f: (x) => {
    const [a, b] = at(x);
    return (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2;
  },
  gradient: (x) => {
    const [a, b] = at(x);
    const p = a * a + b - 11;
    const q = a + b * b - 7;
    return [4 * a * p + 2 * q, 2 * p + 4 * b * q];
  },
  hessian: (x) => {
    const [a, b] = at(x);
    return [
      [12 * a * a + 4 * b - 42, 4 * a + 4 * b],
      [4 * a + 4 * b, 4 * a + 12 * b * b - 26],
    ];
  },
  x0: [-0.5, 0.5],
  minima: [
    [3, 2],
    [-2.805118086952745, 3.131312518250573],
    [-3.779310253377747, -3.28318599128617],
    [3.584428340330492, -1.848126526964404],
  ],
  box: [-5, 5, -5, 5],
  momentumStep: 5e-3,
};

/**
 * The quadratic `(1/2) x^T A x` with `A = R diag(1, kappa) R^T`, `R` a rotation by 0.5 rad: condition
 * number `kappa`, minimum at the origin.
 */
export function conditionedQuadratic(kappa: number): Objective2d {
  const c = Math.cos(0.5);
  const s = Math.sin(0.5);
  const a11 = c * c + kappa * s * s;
  const a12 = (1 - kappa) * c * s;
  const a22 = s * s + kappa * c * c;
  return {
    label: `quadratic with condition number ${kappa}`,
    f: (x) => {
      const [a, b] = at(x);
      return 0.5 * (a11 * a * a + 2 * a12 * a * b + a22 * b * b);
    },
    gradient: (x) => {
      const [a, b] = at(x);
      return [a11 * a + a12 * b, a12 * a + a22 * b];
    },
    hessian: () => [
      [a11, a12],
      [a12, a22],
    ],
    x0: [-1.5, 1.8],
    minima: [[0, 0]],
    box: [-2, 2, -2, 2],
    momentumStep: 4 / (1 + Math.sqrt(kappa)) ** 2,
  };
}

/**
 * The objectives the minimisation page offers (the quadratic takes its condition number from the page, the
 * typed one its expression).
 */
export const objectiveNames = ["rosenbrock", "beale", "himmelblau", "quadratic", "typed"] as const;
/** One of {@link objectiveNames}. */
export type ObjectiveName = (typeof objectiveNames)[number];

/** The view of the typed objective when the URL gives none. */
export const defaultTypedSetup: TypedObjectiveSetup = {
  expression: defaultExpression,
  start: [-1.2, 1],
  box: [-2, 2, -1, 3],
};

/**
 * The objective of a name; `kappa` is the quadratic's condition number, `typed` the typed objective's setup.
 * @throws InvalidProblemError for a typed expression that does not compile (see {@link typedObjective}).
 */
export function objective(name: ObjectiveName, kappa: number, typed = defaultTypedSetup): Objective2d {
  if (name === "rosenbrock") return rosenbrock;
  if (name === "beale") return beale;
  if (name === "himmelblau") return himmelblau;
  if (name === "typed") return typedObjective(typed);
  return conditionedQuadratic(kappa);
}
