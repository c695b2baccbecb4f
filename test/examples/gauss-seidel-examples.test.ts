import { describe, expect, it } from "vitest";
import * as jacobiGaussSeidelSor from "../../examples/poisson-jacobi-gauss-seidel-sor.js";
import * as optimalRelaxation from "../../examples/poisson-optimal-relaxation.js";

// The Gauss-Seidel family's examples run here, so none can rot; each asserts the point it teaches.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("examples: Gauss-Seidel family", () => {
  it("poisson-jacobi-gauss-seidel-sor: the counts follow ln(tol) / ln(rho) with the closed-form radii", () => {
    const lines: string[] = [];
    const { rows } = jacobiGaussSeidelSor.main(quiet(lines));
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      if (row.method.startsWith("SOR")) {
        // Jordan block at the optimum: more than ln(tol) / ln(rho), within 5% of k rho^k = tol.
        expect(row.iterations).toBeGreaterThan(row.predicted);
        expect(Math.abs(row.iterations / row.predictedJordan - 1)).toBeLessThan(0.06);
        expect(Math.abs(row.rhoEstimate / row.rhoTheory - 1)).toBeLessThan(0.03);
      } else {
        // A pure power asymptotically: within 2% of the prediction, rate measured to 1e-5.
        expect(Math.abs(row.iterations / row.predicted - 1)).toBeLessThan(0.02);
        expect(row.rhoEstimate).toBeCloseTo(row.rhoTheory, 5);
      }
    }
    const count = (n: number, prefix: string) =>
      rows.find((row) => row.n === n && row.method.startsWith(prefix))?.iterations as number;
    expect(count(31, "Gauss-Seidel") / count(31, "Jacobi")).toBeCloseTo(0.5, 2);
    // Halving h: about 4x for Jacobi, about 2x for SOR.
    expect(count(31, "Jacobi") / count(15, "Jacobi")).toBeGreaterThan(3.8);
    expect(count(31, "SOR") / count(15, "SOR")).toBeLessThan(2.1);
    expect(lines.some((line) => line.includes("SOR speed-up over Gauss-Seidel: 15.6x"))).toBe(true);
  });

  it("poisson-optimal-relaxation: the fewest SOR iterations are at Young's omega", () => {
    const { best, rows, fewest } = optimalRelaxation.main(quiet([]));
    expect(fewest.omega).toBe(best);
    expect(rows[0]?.iterations).toBeGreaterThan(10 * fewest.iterations);
    // Away from the optimum (where the Jordan block adds a few tens of percent) Young's radius predicts the count.
    for (const row of rows.filter((r) => Math.abs(r.omega - best) > 0.04))
      expect(Math.abs(row.iterations / row.predicted - 1)).toBeLessThan(0.12);
  });
});
