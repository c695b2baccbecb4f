/** MINRES's scalars after one Lanczos step: the previous Givens rotation applied, and the new one. */
export interface MinresRotation {
  /** The rotated subdiagonal entry that multiplies the previous direction. */
  readonly delta: number;
  /** The entry that multiplies the direction before the previous one. */
  readonly epsilon: number;
  /** The next step's `dbar`. */
  readonly nextDbar: number;
  /** The new rotation's norm (kept above machine epsilon so the division by it is defined). */
  readonly gamma: number;
  /** The new rotation's cosine. */
  readonly nextCs: number;
  /** The new rotation's sine. */
  readonly nextSn: number;
  /** The step length along the new direction. */
  readonly phi: number;
  /** The next step's `phibar` (the residual norm estimate). */
  readonly nextPhibar: number;
}

/**
 * Applies the previous rotation `(cs, sn)` to the Lanczos column `(dbar, alpha, nextBeta)` and makes the new
 * one that annihilates `nextBeta` (Paige and Saunders): the scalar part of one MINRES step, shared by the
 * plain and the preconditioned recurrence.
 */
export function minresRotation(
  cs: number,
  sn: number,
  dbar: number,
  phibar: number,
  alpha: number,
  nextBeta: number,
): MinresRotation {
  const delta = cs * dbar + sn * alpha;
  const gbar = sn * dbar - cs * alpha;
  const gamma = Math.max(Math.hypot(gbar, nextBeta), Number.EPSILON);
  const nextCs = gbar / gamma;
  const nextSn = nextBeta / gamma;
  return {
    delta,
    epsilon: sn * nextBeta,
    nextDbar: -cs * nextBeta,
    gamma,
    nextCs,
    nextSn,
    phi: nextCs * phibar,
    nextPhibar: nextSn * phibar,
  };
}
