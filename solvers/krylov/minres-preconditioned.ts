import type { KrylovSystem } from "./krylov-system.js";
import type { MinresState, PreconditionerApply } from "./types.js";
import { minresRotation } from "./minres-rotation.js";
import { dot, multiplyInto, vectorNorm } from "./vectors.js";

/** What a preconditioned MINRES step reports besides the new state. */
export type PreconditionedOutcome =
  | { readonly kind: "step"; readonly state: MinresState }
  | { readonly kind: "exhausted"; readonly beta: number }
  | { readonly kind: "indefinite"; readonly betaSquared: number };

/**
 * The start of preconditioned MINRES: `z_1 = M^{-1} r_0`, `beta_1 = sqrt(r_0^T z_1)`, and the true residual
 * with `A w` carried for its recursive update. `betaSquared` is kept to report a preconditioner found not
 * positive definite at the first step.
 */
export function preconditionedStart(system: KrylovSystem, precondition: PreconditionerApply): MinresState {
  const n = system.b.length;
  const z = new Float64Array(n);
  precondition(system.r0, z);
  const betaSquared = dot(system.r0, z);
  const beta = betaSquared > 0 ? Math.sqrt(betaSquared) : 0;
  return minresStart(system, beta, betaSquared, z);
}

/**
 * The first MINRES state, with or without a preconditioner: `z` is `M^{-1} r_0` when there is one, and only
 * then are the vectors of the true-residual update (`av`, `r`, `aw`, `aw2`) allocated.
 */
export function minresStart(
  system: KrylovSystem,
  beta: number,
  betaSquared: number,
  z: Float64Array | undefined,
): MinresState {
  const n = system.b.length;
  const m = z === undefined ? 0 : n;
  return {
    x: system.x0.slice(),
    r1: system.r0.slice(),
    r2: system.r0.slice(),
    y: new Float64Array(n),
    product: new Float64Array(n),
    w: new Float64Array(n),
    w2: new Float64Array(n),
    z: z ?? new Float64Array(0),
    av: new Float64Array(m),
    r: z === undefined ? new Float64Array(0) : system.r0.slice(),
    aw: new Float64Array(m),
    aw2: new Float64Array(m),
    scalars: { beta, betaSquared, oldBeta: 0, dbar: 0, epsilon: 0, phibar: beta, cs: -1, sn: 0 },
    residualNorm: system.r0Norm,
    relativeResidual: system.r0Norm / system.residualScale,
  };
}

/**
 * One step of MINRES on `A x = b` with a symmetric positive definite `M`: the Lanczos process in the
 * `M^{-1}` inner product (Paige and Saunders 1975, section 7; the recurrence of SciPy's `minres` with `M`),
 * so `x_k` minimises `||b - A x||_{M^{-1}}` over `x_0 + K_k(M^{-1} A, M^{-1} r_0)`. `phibar_k` estimates that
 * `M^{-1}`-norm; the residual returned is the 2-norm of the true residual, updated as `r_{k+1} = r_k - phi
 * A w_k` with `A w_k` from the same three-term recurrence as `w_k` (no extra product with `A`).
 */
export function preconditionedStep(
  system: KrylovSystem,
  precondition: PreconditionerApply,
  state: MinresState,
): PreconditionedOutcome {
  const { x, r1, r2, y: v, w, w2, z, av, r, aw, aw2 } = state;
  const { beta, betaSquared, oldBeta, dbar, epsilon: oldEpsilon, phibar, cs, sn } = state.scalars;
  const n = x.length;
  if (!(betaSquared > 0)) {
    // r2 = 0 means the Krylov space is exhausted; r2 != 0 with r2^T M^-1 r2 <= 0 means M is not definite.
    if (vectorNorm(r2) > 0) return { kind: "indefinite", betaSquared };
    return { kind: "exhausted", beta };
  }
  for (let i = 0; i < n; i++) v[i] = (z[i] as number) / beta;
  multiplyInto(system.matrix, v, av);
  // The next unpreconditioned Lanczos vector, in the buffer that r1 leaves.
  const next = state.product;
  const previous = oldBeta > 0 ? beta / oldBeta : 0;
  for (let i = 0; i < n; i++) next[i] = (av[i] as number) - previous * (r1[i] as number);
  const alpha = dot(v, next);
  for (let i = 0; i < n; i++) next[i] = (next[i] as number) - (alpha / beta) * (r2[i] as number);
  precondition(next, z);
  const nextBetaSquared = dot(next, z);
  // Found not definite: stop before x and r move (they stay the last iterate; z and the work vectors do not).
  if (nextBetaSquared < 0 || (nextBetaSquared === 0 && vectorNorm(next) > 0)) {
    return { kind: "indefinite", betaSquared: nextBetaSquared };
  }
  const nextBeta = Math.sqrt(nextBetaSquared);
  const { delta, epsilon, nextDbar, gamma, nextCs, nextSn, phi, nextPhibar } = minresRotation(
    cs,
    sn,
    dbar,
    phibar,
    alpha,
    nextBeta,
  );
  let rr = 0;
  for (let i = 0; i < n; i++) {
    const wNew = ((v[i] as number) - oldEpsilon * (w2[i] as number) - delta * (w[i] as number)) / gamma;
    w2[i] = w[i] as number;
    w[i] = wNew;
    x[i] = (x[i] as number) + phi * wNew;
    const awNew = ((av[i] as number) - oldEpsilon * (aw2[i] as number) - delta * (aw[i] as number)) / gamma;
    aw2[i] = aw[i] as number;
    aw[i] = awNew;
    const ri = (r[i] as number) - phi * awNew;
    r[i] = ri;
    rr += ri * ri;
  }
  const residualNorm = Math.sqrt(rr);
  const scalars = {
    beta: nextBeta,
    betaSquared: nextBetaSquared,
    oldBeta: beta,
    dbar: nextDbar,
    epsilon,
    phibar: nextPhibar,
    cs: nextCs,
    sn: nextSn,
  };
  return {
    kind: "step",
    state: {
      ...state,
      r1: r2,
      r2: next,
      product: r1,
      scalars,
      residualNorm,
      relativeResidual: residualNorm / system.residualScale,
    },
  };
}
