import { powellBlock } from "./curvature-fixed-size.js";
import { addSymmetric as add, type CurvatureAtSize, entry as at, linearResiduals } from "./residual-curvature.js";

// Second derivatives of the residuals of functions 20 to 35 of Moré, Garbow and Hillstrom (1981), differentiated
// by hand from the residuals in mgh-variable-a.ts, mgh-penalty-trigonometric.ts and mgh-variable-b.ts.

const sqrtA = Math.sqrt(1e-5);

// r_i = s1 - s2^2 - 1 with s2 = sum_k x_k t^k: -2 c c^T with c_k = t^k (i = 1..29); r_31 = x2 - x1^2 - 1.
const watson: CurvatureAtSize = (n) => (_x, w, out) => {
  const c = new Float64Array(n);
  for (let i = 1; i <= 29; i++) {
    const t = i / 29;
    for (let k = 0, power = 1; k < n; k++, power *= t) c[k] = power;
    const scale = -2 * at(w, i - 1);
    for (let j = 0; j < n; j++) for (let k = j; k < n; k++) add(out, n, j, k, scale * at(c, j) * at(c, k));
  }
  add(out, n, 0, 0, -2 * at(w, 30));
};

const extendedRosenbrock: CurvatureAtSize = (n) => (_x, w, out) => {
  for (let k = 0; k < n; k += 2) add(out, n, k, k, -20 * at(w, k));
};

const extendedPowell: CurvatureAtSize = (n) => (_x, w, out) => {
  for (let k = 0; k < n; k += 4) powellBlock(n, k, w, out);
};

// r_{n+1} = |x|^2 - 1/4: 2 I.
const penalty1: CurvatureAtSize = (n) => (_x, w, out) => {
  for (let k = 0; k < n; k++) add(out, n, k, k, 2 * at(w, n));
};

// Exponential residuals sqrt(a) exp(x_k / 10): sqrt(a) exp(x_k / 10) / 100 on the diagonal; the last residual
// sum (n - k) x_k^2 - 1: 2 (n - k).
const penalty2: CurvatureAtSize = (n) => (x, w, out) => {
  const curve = (k: number) => (sqrtA * Math.exp(at(x, k) / 10)) / 100;
  for (let i = 2; i <= n; i++) {
    add(out, n, i - 1, i - 1, at(w, i - 1) * curve(i - 1));
    add(out, n, i - 2, i - 2, at(w, i - 1) * curve(i - 2));
  }
  for (let i = n + 1; i < 2 * n; i++) add(out, n, i - n, i - n, at(w, i - 1) * curve(i - n));
  for (let k = 0; k < n; k++) add(out, n, k, k, at(w, 2 * n - 1) * 2 * (n - k));
};

// r_{n+2} = s^2 with s = sum_k (k + 1)(x_k - 1): 2 v v^T with v_k = k + 1.
const variablyDimensioned: CurvatureAtSize = (n) => (_x, w, out) => {
  const scale = 2 * at(w, n + 1);
  for (let j = 0; j < n; j++) for (let k = j; k < n; k++) add(out, n, j, k, scale * (j + 1) * (k + 1));
};

// r_i = n - sum_k cos x_k + i (1 - cos x_i) - sin x_i: cos x_k on the diagonal, plus i cos x_i + sin x_i at i.
const trigonometric: CurvatureAtSize = (n) => (x, w, out) => {
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += at(w, i);
  for (let k = 0; k < n; k++) {
    const xk = at(x, k);
    add(out, n, k, k, weightSum * Math.cos(xk) + at(w, k) * ((k + 1) * Math.cos(xk) + Math.sin(xk)));
  }
};

// r_n = prod_k x_k - 1: the product without x_j and x_k off the diagonal.
const brownAlmostLinear: CurvatureAtSize = (n) => (x, w, out) => {
  const weight = at(w, n - 1);
  for (let j = 0; j < n; j++) {
    for (let k = j + 1; k < n; k++) {
      let product = weight;
      for (let l = 0; l < n; l++) if (l !== j && l !== k) product *= at(x, l);
      add(out, n, j, k, product);
    }
  }
};

// r_i = 2 x_i - x_{i-1} - x_{i+1} + h^2 (x_i + t_i + 1)^3 / 2.
const discreteBoundaryValue: CurvatureAtSize = (n) => {
  const h = 1 / (n + 1);
  return (x, w, out) => {
    for (let i = 0; i < n; i++) add(out, n, i, i, at(w, i) * 3 * h * h * (at(x, i) + (i + 1) * h + 1));
  };
};

// r_i = x_i + h/2 sum_k c_ik (x_k + t_k + 1)^3: diagonal 3 h c_ik (x_k + t_k + 1).
const discreteIntegralEquation: CurvatureAtSize = (n) => {
  const h = 1 / (n + 1);
  return (x, w, out) => {
    for (let k = 0; k < n; k++) {
      const tk = (k + 1) * h;
      let weighted = 0;
      for (let i = 0; i < n; i++) {
        const ti = (i + 1) * h;
        weighted += at(w, i) * (k <= i ? (1 - ti) * tk : ti * (1 - tk));
      }
      add(out, n, k, k, 3 * h * weighted * (at(x, k) + tk + 1));
    }
  };
};

const broydenTridiagonal: CurvatureAtSize = (n) => (_x, w, out) => {
  for (let i = 0; i < n; i++) add(out, n, i, i, -4 * at(w, i));
};

// r_i = x_i (2 + 5 x_i^2) + 1 - sum_{k in J_i} x_k (1 + x_k): 30 x_i at i, -2 at each k in J_i.
const broydenBanded: CurvatureAtSize = (n) => (x, w, out) => {
  for (let i = 0; i < n; i++) {
    add(out, n, i, i, at(w, i) * 30 * at(x, i));
    for (let k = Math.max(0, i - 5); k <= Math.min(n - 1, i + 1); k++) if (k !== i) add(out, n, k, k, -2 * at(w, i));
  }
};

// r_i = (1/n) sum_k T_i(2 x_k - 1) + const: 4 T_i''(2 x_k - 1) / n on the diagonal, T'' by the recurrence.
const chebyquad: CurvatureAtSize = (n, m) => (x, w, out) => {
  for (let k = 0; k < n; k++) {
    const y = 2 * at(x, k) - 1;
    let [t0, t1, d0, d1, s0, s1] = [1, y, 0, 1, 0, 0];
    let sum = 0;
    for (let i = 1; i <= m; i++) {
      sum += at(w, i - 1) * s1;
      [t0, t1, d0, d1, s0, s1] = [t1, 2 * y * t1 - t0, d1, 2 * t1 + 2 * y * d1 - d0, s1, 4 * d1 + 2 * y * s1 - s0];
    }
    add(out, n, k, k, (4 * sum) / n);
  }
};

/** The residual curvatures of functions 20 to 35, by id. */
export const variableSizeCurvatures: Readonly<Record<string, CurvatureAtSize>> = {
  watson,
  "extended-rosenbrock": extendedRosenbrock,
  "extended-powell-singular": extendedPowell,
  "penalty-1": penalty1,
  "penalty-2": penalty2,
  "variably-dimensioned": variablyDimensioned,
  trigonometric,
  "brown-almost-linear": brownAlmostLinear,
  "discrete-boundary-value": discreteBoundaryValue,
  "discrete-integral-equation": discreteIntegralEquation,
  "broyden-tridiagonal": broydenTridiagonal,
  "broyden-banded": broydenBanded,
  "linear-full-rank": linearResiduals,
  "linear-rank-1": linearResiduals,
  "linear-rank-1-zero": linearResiduals,
  chebyquad,
};
