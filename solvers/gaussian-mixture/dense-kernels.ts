// Internal: small dense kernels on flat row-major arrays (Cholesky and triangular inverse) for the E-step.
import { wasmMinimumSize } from "../../src/index.js";
import type { KernelBinding } from "../../src/index.js";
import { wasmTriangularDistances } from "./wasm-kernels.js";

/**
 * The lower Cholesky factor L of the symmetric d x d matrix at a[offset..] (A = L L^T), written to out at
 * the same offset; returns -1 on success or the row whose pivot was not positive.
 */
export function cholesky(a: Float64Array, offset: number, d: number, out: Float64Array): number {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[offset + i * d + j] as number;
      for (let m = 0; m < j; m++) sum -= (out[offset + i * d + m] as number) * (out[offset + j * d + m] as number);
      if (i === j) {
        if (!(sum > 0)) return i;
        out[offset + i * d + i] = Math.sqrt(sum);
      } else out[offset + i * d + j] = sum / (out[offset + j * d + j] as number);
    }
    for (let j = i + 1; j < d; j++) out[offset + i * d + j] = 0;
  }
  return -1;
}

/** Inverts the lower-triangular d x d matrix at l[offset..] in place (forward substitution on the identity). */
export function invertLower(l: Float64Array, offset: number, d: number): void {
  const inverse = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    for (let i = c; i < d; i++) {
      let sum = i === c ? 1 : 0;
      for (let m = c; m < i; m++) sum -= (l[offset + i * d + m] as number) * (inverse[m * d + c] as number);
      inverse[i * d + c] = sum / (l[offset + i * d + i] as number);
    }
  }
  l.set(inverse, offset);
}

/**
 * log N(x_i | mu_j, (Q^T Q)^{-1}) for lower-triangular factors Q (one per component, or one shared when
 * `shared`): -0.5 (d ln 2 pi + ||Q (x - mu)||^2) + sum ln Q_tt. Runs the WebAssembly SIMD kernel (the
 * same sums in the same order, so the same bits) where available, unless `javascript` is set.
 */
export function triangularLogDensities(
  x: Float64Array,
  n: number,
  d: number,
  means: Float64Array,
  factors: Float64Array,
  k: number,
  shared: boolean,
  out: Float64Array,
  javascript = false,
  kernel: KernelBinding<unknown> | undefined = undefined,
): void {
  const bases = logDensityBases(factors, k, d, shared);
  if (
    !javascript &&
    n * d >= wasmMinimumSize &&
    wasmTriangularDistances(x, n, d, means, factors, k, shared, bases, out, kernel)
  )
    return;
  // Four points per pass over a component's factor: each factor entry is loaded once for four points.
  const d0 = new Float64Array(d);
  const d1 = new Float64Array(d);
  const d2 = new Float64Array(d);
  const d3 = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    const offset = shared ? 0 : j * d * d;
    const mj = j * d;
    const base = bases[j] as number;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const x0 = i * d;
      for (let t = 0; t < d; t++) {
        const m = means[mj + t] as number;
        d0[t] = (x[x0 + t] as number) - m;
        d1[t] = (x[x0 + d + t] as number) - m;
        d2[t] = (x[x0 + 2 * d + t] as number) - m;
        d3[t] = (x[x0 + 3 * d + t] as number) - m;
      }
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let r = 0; r < d; r++) {
        const row = offset + r * d;
        let z0 = 0;
        let z1 = 0;
        let z2 = 0;
        let z3 = 0;
        for (let t = 0; t <= r; t++) {
          const q = factors[row + t] as number;
          z0 += q * (d0[t] as number);
          z1 += q * (d1[t] as number);
          z2 += q * (d2[t] as number);
          z3 += q * (d3[t] as number);
        }
        q0 += z0 * z0;
        q1 += z1 * z1;
        q2 += z2 * z2;
        q3 += z3 * z3;
      }
      out[i * k + j] = base - 0.5 * q0;
      out[(i + 1) * k + j] = base - 0.5 * q1;
      out[(i + 2) * k + j] = base - 0.5 * q2;
      out[(i + 3) * k + j] = base - 0.5 * q3;
    }
    for (; i < n; i++) {
      for (let t = 0; t < d; t++) d0[t] = (x[i * d + t] as number) - (means[mj + t] as number);
      let squares = 0;
      for (let r = 0; r < d; r++) {
        const row = offset + r * d;
        let z = 0;
        for (let t = 0; t <= r; t++) z += (factors[row + t] as number) * (d0[t] as number);
        squares += z * z;
      }
      out[i * k + j] = base - 0.5 * squares;
    }
  }
}

/** `-0.5 d ln 2 pi + sum_t ln Q_tt` per component: the constant part of each log-density. */
export function logDensityBases(factors: Float64Array, k: number, d: number, shared: boolean): Float64Array {
  const constant = -0.5 * d * Math.log(2 * Math.PI);
  const bases = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const offset = shared ? 0 : j * d * d;
    let sum = 0;
    for (let t = 0; t < d; t++) sum += Math.log(factors[offset + t * d + t] as number);
    bases[j] = constant + sum;
  }
  return bases;
}

/** The collapse message's part and expectation. */
export function collapseMessage(component: string, regCovar: number): [string, string] {
  return [
    `the covariance of ${component}`,
    `positive definite (a component collapsed onto too few points: lower the number of components k or raise regCovar, now ${regCovar})`,
  ];
}
