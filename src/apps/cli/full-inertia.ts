/**
 * The inertia of a set of centroids over all the points: the sum over the points of the squared distance
 * to the nearest centroid. The one error that every k-means variant (Lloyd, Hamerly, mini-batch) is
 * compared on, whatever each reports of itself.
 *
 * @remarks Cost: O(n k d) per call.
 * @param data - The points, one row each.
 * @param state - A k-means state: `k` centroids of the points' dimension, row-major.
 * @returns The inertia, a number >= 0.
 */
export function fullInertia(
  data: readonly (readonly number[])[],
  state: { readonly centroids: ArrayLike<number>; readonly k: number },
): number {
  const { centroids, k } = state;
  const d = k > 0 ? centroids.length / k : 0;
  let total = 0;
  for (const point of data) {
    let nearest = Infinity;
    for (let j = 0; j < k; j++) {
      let distance = 0;
      for (let c = 0; c < d; c++) {
        const difference = (point[c] as number) - (centroids[j * d + c] as number);
        distance += difference * difference;
      }
      if (distance < nearest) nearest = distance;
    }
    total += nearest;
  }
  return total;
}
