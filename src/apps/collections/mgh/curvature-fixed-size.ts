import { addSymmetric as add, type CurvatureAtSize, entry as at } from "./residual-curvature.js";

// Second derivatives of the residuals of functions 1 to 18 of Moré, Garbow and Hillstrom (1981), differentiated
// by hand from the residuals in mgh-two.ts, mgh-three.ts and mgh-four-eleven.ts; data terms `y_i` drop out. Helical
// valley (7), Gulf (11), Kowalik-Osborne (15) and Osborne 2 (19) have none here: Newton differences their
// exact gradient instead.

const rosenbrock: CurvatureAtSize = () => (_x, w, out) => add(out, 2, 0, 0, -20 * at(w, 0));

const freudensteinRoth: CurvatureAtSize = () => (x, w, out) => {
  const x2 = at(x, 1);
  add(out, 2, 1, 1, at(w, 0) * (10 - 6 * x2) + at(w, 1) * (6 * x2 + 2));
};

const powellBadlyScaled: CurvatureAtSize = () => (x, w, out) => {
  add(out, 2, 0, 1, 1e4 * at(w, 0));
  add(out, 2, 0, 0, at(w, 1) * Math.exp(-at(x, 0)));
  add(out, 2, 1, 1, at(w, 1) * Math.exp(-at(x, 1)));
};

const brownBadlyScaled: CurvatureAtSize = () => (_x, w, out) => add(out, 2, 0, 1, at(w, 2));

// r_i = y_i - x1 + x1 x2^i.
const beale: CurvatureAtSize = () => (x, w, out) => {
  const [x1, x2] = [at(x, 0), at(x, 1)];
  for (let i = 1; i <= 3; i++) {
    add(out, 2, 0, 1, at(w, i - 1) * i * x2 ** (i - 1));
    add(out, 2, 1, 1, at(w, i - 1) * x1 * i * (i - 1) * x2 ** (i - 2));
  }
};

const jennrichSampson: CurvatureAtSize = (_n, m) => (x, w, out) => {
  for (let i = 1; i <= m; i++) {
    add(out, 2, 0, 0, -at(w, i - 1) * i * i * Math.exp(i * at(x, 0)));
    add(out, 2, 1, 1, -at(w, i - 1) * i * i * Math.exp(i * at(x, 1)));
  }
};

// r_i = y_i - x1 - u / d with d = v x2 + w x3: second derivatives -2 u (v, w)(v, w)^T / d^3 in (x2, x3).
const bard: CurvatureAtSize = () => (x, weights, out) => {
  for (let i = 1; i <= 15; i++) {
    const [u, v, w] = [i, 16 - i, Math.min(i, 16 - i)];
    const d = v * at(x, 1) + w * at(x, 2);
    const scale = (-2 * u * at(weights, i - 1)) / d ** 3;
    add(out, 3, 1, 1, scale * v * v);
    add(out, 3, 1, 2, scale * v * w);
    add(out, 3, 2, 2, scale * w * w);
  }
};

// r_i = x1 e - y_i with e = exp(-x2 d^2 / 2), d = (8 - i) / 2 - x3.
const gaussian: CurvatureAtSize = () => (x, w, out) => {
  const [x1, x2, x3] = [at(x, 0), at(x, 1), at(x, 2)];
  for (let i = 1; i <= 15; i++) {
    const d = (8 - i) / 2 - x3;
    const e = Math.exp((-x2 * d * d) / 2) * at(w, i - 1);
    add(out, 3, 0, 1, (-d * d * e) / 2);
    add(out, 3, 0, 2, x2 * d * e);
    add(out, 3, 1, 1, (x1 * d ** 4 * e) / 4);
    add(out, 3, 1, 2, x1 * d * e - (x1 * x2 * d ** 3 * e) / 2);
    add(out, 3, 2, 2, x1 * x2 * e * (x2 * d * d - 1));
  }
};

// r_i = x1 E - y_i with E = exp(x2 / D), D = 45 + 5 i + x3.
const meyer: CurvatureAtSize = () => (x, w, out) => {
  const [x1, x2] = [at(x, 0), at(x, 1)];
  for (let i = 1; i <= 16; i++) {
    const d = 45 + 5 * i + at(x, 2);
    const e = Math.exp(x2 / d) * at(w, i - 1);
    add(out, 3, 0, 1, e / d);
    add(out, 3, 0, 2, (-x2 * e) / d ** 2);
    add(out, 3, 1, 1, (x1 * e) / d ** 2);
    add(out, 3, 1, 2, (-x1 * e * (x2 + d)) / d ** 3);
    add(out, 3, 2, 2, (x1 * x2 * e * (x2 + 2 * d)) / d ** 4);
  }
};

const box3d: CurvatureAtSize = (_n, m) => (x, w, out) => {
  for (let i = 1; i <= m; i++) {
    const t = 0.1 * i;
    add(out, 3, 0, 0, at(w, i - 1) * t * t * Math.exp(-t * at(x, 0)));
    add(out, 3, 1, 1, -at(w, i - 1) * t * t * Math.exp(-t * at(x, 1)));
  }
};

/** Powell's singular function on the block of four unknowns starting at `k` (residuals k to k + 3). */
export function powellBlock(n: number, k: number, w: Float64Array, out: Float64Array): void {
  // r_{k+2} = (x_{k+1} - 2 x_{k+2})^2 and r_{k+3} = sqrt(10) (x_k - x_{k+3})^2: each 2 v v^T.
  const a = 2 * at(w, k + 2);
  add(out, n, k + 1, k + 1, a);
  add(out, n, k + 1, k + 2, -2 * a);
  add(out, n, k + 2, k + 2, 4 * a);
  const b = 2 * Math.sqrt(10) * at(w, k + 3);
  add(out, n, k, k, b);
  add(out, n, k, k + 3, -b);
  add(out, n, k + 3, k + 3, b);
}

const powellSingular: CurvatureAtSize = () => (_x, w, out) => powellBlock(4, 0, w, out);

const wood: CurvatureAtSize = () => (_x, w, out) => {
  add(out, 4, 0, 0, -20 * at(w, 0));
  add(out, 4, 2, 2, -2 * Math.sqrt(90) * at(w, 2));
};

// r_i = a^2 + b^2 with a, b linear in x: 2 grad(a) grad(a)^T + 2 grad(b) grad(b)^T.
const brownDennis: CurvatureAtSize = (_n, m) => (_x, w, out) => {
  for (let i = 1; i <= m; i++) {
    const t = i / 5;
    const s = Math.sin(t);
    const c = 2 * at(w, i - 1);
    add(out, 4, 0, 0, c);
    add(out, 4, 0, 1, c * t);
    add(out, 4, 1, 1, c * t * t);
    add(out, 4, 2, 2, c);
    add(out, 4, 2, 3, c * s);
    add(out, 4, 3, 3, c * s * s);
  }
};

// r_i = y_i - (x1 + x2 exp(-t x4) + x3 exp(-t x5)), t = 10 i.
const osborne1: CurvatureAtSize = () => (x, w, out) => {
  for (let i = 0; i < 33; i++) {
    const t = 10 * i;
    const e4 = Math.exp(-t * at(x, 3)) * at(w, i);
    const e5 = Math.exp(-t * at(x, 4)) * at(w, i);
    add(out, 5, 1, 3, t * e4);
    add(out, 5, 3, 3, -at(x, 1) * t * t * e4);
    add(out, 5, 2, 4, t * e5);
    add(out, 5, 4, 4, -at(x, 2) * t * t * e5);
  }
};

// r_i = x3 exp(-t x1) - x4 exp(-t x2) + x6 exp(-t x5) - y_i, t = i / 10.
const biggsExp6: CurvatureAtSize = (_n, m) => (x, w, out) => {
  for (let i = 1; i <= m; i++) {
    const t = 0.1 * i;
    const e1 = Math.exp(-t * at(x, 0)) * at(w, i - 1);
    const e2 = Math.exp(-t * at(x, 1)) * at(w, i - 1);
    const e5 = Math.exp(-t * at(x, 4)) * at(w, i - 1);
    add(out, 6, 0, 0, at(x, 2) * t * t * e1);
    add(out, 6, 0, 2, -t * e1);
    add(out, 6, 1, 1, -at(x, 3) * t * t * e2);
    add(out, 6, 1, 3, t * e2);
    add(out, 6, 4, 4, at(x, 5) * t * t * e5);
    add(out, 6, 4, 5, -t * e5);
  }
};

/** The residual curvatures of functions 1 to 18, by id (those with a closed form written here). */
export const fixedSizeCurvatures: Readonly<Record<string, CurvatureAtSize>> = {
  rosenbrock,
  "freudenstein-roth": freudensteinRoth,
  "powell-badly-scaled": powellBadlyScaled,
  "brown-badly-scaled": brownBadlyScaled,
  beale,
  "jennrich-sampson": jennrichSampson,
  bard,
  gaussian,
  meyer,
  "box-3d": box3d,
  "powell-singular": powellSingular,
  wood,
  "brown-dennis": brownDennis,
  "osborne-1": osborne1,
  "biggs-exp6": biggsExp6,
};
