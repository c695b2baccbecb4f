// Central finite differences behind finiteDifferences(). Each factory returns a closure with its own
// scratch buffers (never shared between problems, never part of a state).

/** Relative step for first derivatives: eps^(1/3). */
const firstStep = Math.cbrt(Number.EPSILON);
/** Relative step for second derivatives from function values: eps^(1/4). */
const secondStep = Math.sqrt(Math.sqrt(Number.EPSILON));

/** f'(x) by `(f(x + h) - f(x - h)) / (2h)`: 2 evaluations of f. */
export function differenceDerivative(f: (x: number) => number): (x: number) => number {
  return (x) => {
    const h = firstStep * Math.max(1, Math.abs(x));
    const plus = x + h;
    const minus = x - h;
    return (f(plus) - f(minus)) / (plus - minus); // the representable step, not h
  };
}

/** f''(x) by `(f(x + h) - 2 f(x) + f(x - h)) / h^2`, given f(x): 2 evaluations of f. */
export function differenceSecondDerivative(f: (x: number) => number): (x: number, fx: number) => number {
  return (x, fx) => {
    const scaled = secondStep * Math.max(1, Math.abs(x));
    const h = x + scaled - x;
    return (f(x + h) - 2 * fx + f(x - h)) / (h * h);
  };
}

/** The gradient of `f: R^n -> R` by central differences: 2n evaluations of f. */
export function differenceGradient(
  f: (x: Float64Array) => number,
  n: number,
): (x: Float64Array, out: Float64Array) => void {
  const point = new Float64Array(n);
  return (x, out) => {
    point.set(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const h = firstStep * Math.max(1, Math.abs(xi));
      const plus = xi + h;
      const minus = xi - h;
      point[i] = plus;
      const fPlus = f(point);
      point[i] = minus;
      const fMinus = f(point);
      point[i] = xi;
      out[i] = (fPlus - fMinus) / (plus - minus);
    }
  };
}

/** The Jacobian (n x n row-major) of `F: R^n -> R^n` by central differences: 2n evaluations of F. */
export function differenceJacobian(
  f: (x: Float64Array, out: Float64Array) => void,
  n: number,
): (x: Float64Array, out: Float64Array) => void {
  const point = new Float64Array(n);
  const fPlus = new Float64Array(n);
  const fMinus = new Float64Array(n);
  return (x, out) => {
    point.set(x);
    for (let j = 0; j < n; j++) {
      const xj = x[j] as number;
      const h = firstStep * Math.max(1, Math.abs(xj));
      const plus = xj + h;
      const minus = xj - h;
      point[j] = plus;
      f(point, fPlus);
      point[j] = minus;
      f(point, fMinus);
      point[j] = xj;
      const width = plus - minus;
      for (let i = 0; i < n; i++) out[i * n + j] = ((fPlus[i] as number) - (fMinus[i] as number)) / width;
    }
  };
}

/** The Hessian as central differences of an exact gradient, symmetrised: 2n gradient evaluations. */
export function differenceHessianFromGradient(
  gradient: (x: Float64Array, out: Float64Array) => void,
  n: number,
): (x: Float64Array, out: Float64Array) => void {
  const jacobian = differenceJacobian(gradient, n);
  return (x, out) => {
    jacobian(x, out);
    symmetrize(out, n);
  };
}

/** The Hessian from values of f alone (second differences, four-point mixed partials): 2 n^2 evaluations. */
export function differenceHessianFromValues(
  f: (x: Float64Array) => number,
  n: number,
): (x: Float64Array, fx: number, out: Float64Array) => void {
  const point = new Float64Array(n);
  const steps = new Float64Array(n);
  return (x, fx, out) => {
    point.set(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      steps[i] = xi + secondStep * Math.max(1, Math.abs(xi)) - xi;
    }
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const hi = steps[i] as number;
      point[i] = xi + hi;
      const plus = f(point);
      point[i] = xi - hi;
      const minus = f(point);
      point[i] = xi;
      out[i * n + i] = (plus - 2 * fx + minus) / (hi * hi);
      for (let j = i + 1; j < n; j++) {
        const xj = x[j] as number;
        const hj = steps[j] as number;
        let sum = 0;
        for (const [si, sj] of corners) {
          point[i] = xi + si * hi;
          point[j] = xj + sj * hj;
          sum += si * sj * f(point);
        }
        point[i] = xi;
        point[j] = xj;
        const value = sum / (4 * hi * hj);
        out[i * n + j] = value;
        out[j * n + i] = value;
      }
    }
  };
}

const corners: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
];

/** Replaces a square matrix by `(A + A^T) / 2`, in place. */
export function symmetrize(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = 0.5 * ((a[i * n + j] as number) + (a[j * n + i] as number));
      a[i * n + j] = mean;
      a[j * n + i] = mean;
    }
  }
}
