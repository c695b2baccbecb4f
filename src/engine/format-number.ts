/**
 * Formats a measured value compactly for logs and reports: `0`, `12.35`, `0.7391`, `3.1e-9`, `2.0e+12`,
 * `NaN`, `Infinity`.
 *
 * @remarks Values with magnitude in [1e-3, 1e5) get 4 significant digits; others get scientific notation
 * with 2 significant digits, which is what a convergence log needs to be read at a glance.
 *
 * @param value - The number to format.
 * @returns The formatted number.
 * @example
 * ```ts
 * formatNumber(3.14159e-9); // "3.1e-9"
 * formatNumber(0.739085);   // "0.7391"
 * ```
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) {
    const rounded = Number(value.toPrecision(4));
    if (Math.abs(rounded) < 1e5) return String(rounded); // 99995 rounds to 1e5: print that compactly below
  }
  return value.toExponential(1);
}
