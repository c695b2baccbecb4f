/** The position of a finite double on the line of all doubles, as an integer (negative numbers mirrored). */
function ordinal(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/**
 * How many units in the last place lie between two finite doubles: 0 for equal numbers (and for 0 and -0),
 * 1 for adjacent ones.
 *
 * @param a - A finite number.
 * @param b - A finite number.
 * @returns The number of representable steps from `a` to `b`, at most `2^63`; `Infinity` when either is not finite.
 */
export function ulpsBetween(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
