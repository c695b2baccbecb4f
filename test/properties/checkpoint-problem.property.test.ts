import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckpointError, solve } from "../../src/index.js";
import { conformanceCases } from "../conformance/cases/index.js";
import { copyOf, perturb, sitesOf } from "./perturb-problem.js";
import type { Perturbation } from "./perturb-problem.js";

/**
 * Property: a checkpoint taken on one problem and resumed into a problem that differs in one place (one
 * entry changed, an array one longer or one shorter, a number or an expression changed) is refused with a
 * CheckpointError naming that place, while a structurally equal copy of the problem resumes to the same
 * result. Every family that checkpoints (all but the neural one, whose state holds a live model) is in
 * the conformance table.
 */
const cases = conformanceCases;

/** Runs per conformance case: 27 cases x 12 = 324 property cases. */
const runs = 12;

describe("checkpoints carry a fingerprint of their problem", () => {
  it.each(cases)(
    "$name: a checkpoint resumed into a perturbed problem is a CheckpointError naming the part",
    ({ solver, problem }) => {
      const sites = sitesOf(problem);
      expect(sites.length).toBeGreaterThan(0);
      const taken = [0, 1, 2].map((maxIterations) => solve(solver, problem, { maxIterations, seed: 3 }).checkpoint());
      fc.assert(
        fc.property(
          fc.nat(sites.length - 1),
          fc.constantFrom<Perturbation>("entry", "grow", "shrink"),
          fc.nat(10_000),
          fc.nat(2),
          (siteIndex, how, pick, when) => {
            const site = sites[siteIndex]!;
            const checkpoint = taken[when]!;
            const other = perturb(problem, site, how, pick);
            let thrown: unknown;
            try {
              solve(solver, other, { resumeFrom: checkpoint, seed: 3 });
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(CheckpointError);
            expect((thrown as Error).message).toContain(`the checkpoint was taken on another problem: ${site.part}`);
          },
        ),
        { numRuns: runs },
      );
      const whole = solve(solver, problem, { seed: 3 });
      const resumed = solve(solver, copyOf(problem), { resumeFrom: taken[2], seed: 3 });
      expect(resumed.iterations).toBe(whole.iterations);
      expect(resumed.stopReason).toEqual(whole.stopReason);
    },
  );
});
