import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as compareMethods from "../../examples/compare-methods.js";

// The comparison example runs here, so it cannot rot; it asserts the rates and orders the guide quotes.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("comparison examples", () => {
  it("compare-methods: orders 1, 1.6 and 2 on x^3 - 2x - 5, linear descent on Rosenbrock, rho_J and rho_J^2 on Poisson", async () => {
    const lines: string[] = [];
    const directory = mkdtempSync(join(tmpdir(), "iterlab-compare-"));
    try {
      const { rootFinders, rosenbrock, poisson, images } = await compareMethods.main(quiet(lines), {
        imagesDirectory: directory,
      });
      const [chord, secant, newton] = rootFinders.rows;
      const fPrime = 3 * 2.0945514815423265 ** 2 - 2; // f'(x*) = 11.16
      expect(chord?.rate).toBeCloseTo(Math.abs(1 - fPrime / 10), 3); // the chord method's rate |1 - f'(x*)/10|
      expect(chord?.order).toBeCloseTo(1, 1);
      expect(secant?.order).toBeGreaterThan(1.5);
      expect(secant?.order).toBeLessThan(1.75);
      expect(newton?.order).toBeCloseTo(2, 1);
      expect(rootFinders.rows.map((row) => row.iterationsTo[3])).toEqual([12, 5, 4]);

      const [descent, quasi, newtonMinimize] = rosenbrock.rows;
      expect(descent?.rate).toBeGreaterThan(0.99);
      expect(descent?.iterations).toBeGreaterThan(10_000);
      expect(quasi?.iterations).toBeLessThan(50);
      expect(newtonMinimize?.iterations).toBe(21);

      const rhoJacobi = Math.cos(Math.PI / 16);
      const [jacobi, gaussSeidel, sor] = poisson.rows;
      expect(jacobi?.rate).toBeCloseTo(rhoJacobi, 3);
      expect(gaussSeidel?.rate).toBeCloseTo(rhoJacobi ** 2, 3);
      expect(jacobi?.iterationsTo[3]).toBe(942);
      expect(gaussSeidel?.iterationsTo[3]).toBe(472);
      expect(sor?.iterationsTo[3]).toBe(60);

      expect(images.map((path) => path.slice(directory.length + 1))).toEqual([
        "root-finders.png",
        "rosenbrock.png",
        "rosenbrock-time.png",
        "rosenbrock-gradients.png",
        "poisson.png",
      ]);
      for (const path of images) expect([...readFileSync(path).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
      expect(lines.some((line) => line.includes("\nlegend: ** chord (slope 10)   oo secant   ++ Newton"))).toBe(true);
      expect(rosenbrock.costName).toBe("gradient evaluations");
      expect(rosenbrock.rows.map((row) => row.iterations)).toEqual([19_384, 38, 21]);
      expect(lines.some((line) => /\ngradient descent +3113 +8768 +14446 +\S+ +19384 /.test(line))).toBe(true); // exact counts
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 30_000);
});
