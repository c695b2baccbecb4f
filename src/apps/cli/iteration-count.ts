/**
 * A count of iterations in words, singular for one: `1 iteration`, `5 iterations`.
 *
 * @param count - The count.
 * @returns The words.
 */
export function iterationCount(count: number): string {
  return `${count} iteration${count === 1 ? "" : "s"}`;
}
