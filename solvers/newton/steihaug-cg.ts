/** The result of the Steihaug-Toint subproblem: the step and how CG ended. */
export interface SteihaugStep {
  /** The step `p`, with `||p||_2 <= radius`. */
  readonly step: Float64Array;
  /** The model's decrease `-(g . p + p . H p / 2)`, > 0 unless `g = 0`. */
  readonly predictedDecrease: number;
  /** Whether `p` lies on the trust region's boundary (`||p|| = radius`). */
  readonly onBoundary: boolean;
  /** Whether CG met a direction of non-positive curvature `d . H d <= 0` (an indefinite Hessian). */
  readonly negativeCurvature: boolean;
  /** CG iterations (Hessian-vector products). */
  readonly iterations: number;
}

/** `out = H v` for a dense row-major `n x n` matrix. */
function multiply(h: Float64Array, n: number, v: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += (h[row + j] as number) * (v[j] as number);
    out[i] = sum;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** The model's decrease `-(g . p + p . H p / 2)` at `p`. */
function decreaseAt(g: Float64Array, h: Float64Array, p: Float64Array, scratch: Float64Array): number {
  multiply(h, g.length, p, scratch);
  return -(dot(g, p) + 0.5 * dot(p, scratch));
}

/**
 * The two `tau` with `||z + tau d||_2 = radius` (`tau_1 <= 0 <= tau_2` when `||z|| <= radius`), from the
 * quadratic `|d|^2 tau^2 + 2 (z . d) tau + |z|^2 - radius^2 = 0`, computed without cancellation.
 */
function boundaryCrossings(z: Float64Array, d: Float64Array, radius: number): [number, number] {
  const a = dot(d, d);
  const halfB = dot(z, d);
  const c = dot(z, z) - radius * radius;
  const root = Math.sqrt(Math.max(0, halfB * halfB - a * c));
  const q = -(halfB + (halfB >= 0 ? root : -root));
  const first = q / a;
  const second = q === 0 ? 0 : c / q;
  return first <= second ? [first, second] : [second, first];
}

/** `z + tau d` as a new array. */
function along(z: Float64Array, d: Float64Array, tau: number): Float64Array {
  const p = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) p[i] = (z[i] as number) + tau * (d[i] as number);
  return p;
}

/**
 * Steihaug-Toint truncated conjugate gradients for the trust-region subproblem `min_p m(p) = g . p +
 * p . H p / 2` subject to `||p||_2 <= radius` (Nocedal and Wright, Algorithm 7.2). CG from `p = 0` stops at
 * a residual `||H p + g|| <= min(1/2, sqrt ||g||) ||g||` (the forcing sequence that gives superlinear
 * convergence), where an iterate would leave the region (then the step to the boundary along the current
 * direction), or at a direction of non-positive curvature (then the boundary point along it with the lower
 * model value). At most `n` iterations in exact arithmetic; `2n` are allowed for rounding.
 *
 * @param g - The gradient, not all zero.
 * @param h - The Hessian, dense row-major `n x n`, symmetric (indefinite allowed).
 * @param radius - The trust radius, > 0.
 */
export function steihaugCg(g: Float64Array, h: Float64Array, radius: number): SteihaugStep {
  const n = g.length;
  const gradientNorm = Math.sqrt(dot(g, g));
  const tolerance = Math.min(0.5, Math.sqrt(gradientNorm)) * gradientNorm;
  let z: Float64Array = new Float64Array(n);
  const r = Float64Array.from(g);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = -(r[i] as number);
  const hd = new Float64Array(n);
  const scratch = new Float64Array(n);
  let rr = dot(r, r);
  const finish = (step: Float64Array, onBoundary: boolean, negativeCurvature: boolean, iterations: number) => ({
    step,
    predictedDecrease: decreaseAt(g, h, step, scratch),
    onBoundary,
    negativeCurvature,
    iterations,
  });
  for (let iteration = 1; iteration <= 2 * n; iteration++) {
    multiply(h, n, d, hd);
    const curvature = dot(d, hd);
    if (!(curvature > 0)) {
      const [back, forward] = boundaryCrossings(z, d, radius);
      const a = along(z, d, back);
      const b = along(z, d, forward);
      const better = decreaseAt(g, h, a, scratch) > decreaseAt(g, h, b, scratch) ? a : b;
      return finish(better, true, true, iteration);
    }
    const alpha = rr / curvature;
    const next = along(z, d, alpha);
    if (Math.sqrt(dot(next, next)) >= radius) {
      return finish(along(z, d, boundaryCrossings(z, d, radius)[1]), true, false, iteration);
    }
    for (let i = 0; i < n; i++) r[i] = (r[i] as number) + alpha * (hd[i] as number);
    const rrNext = dot(r, r);
    z = next;
    if (Math.sqrt(rrNext) < tolerance) return finish(z, false, false, iteration);
    const beta = rrNext / rr;
    rr = rrNext;
    for (let i = 0; i < n; i++) d[i] = -(r[i] as number) + beta * (d[i] as number);
  }
  return finish(z, false, false, 2 * n);
}
