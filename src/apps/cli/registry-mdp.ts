import {
  exactEvaluation,
  inPlaceSweep,
  iterativeEvaluation,
  modifiedEvaluation,
  policyIteration,
  supNormRule,
  synchronousSweep,
  valueIteration,
} from "../../../solvers/mdp/index.js";
import { choose, defined, problemOf, setup } from "./solver-entry.js";
import type { SolverEntry } from "./solver-entry.js";
import { toleranceHelp, toleranceOption } from "./tolerance-flag.js";
import { UsageError } from "./usage-error.js";

/** The CLI's solvers of Markov decision processes. */
export const mdpEntries: readonly SolverEntry[] = [
  {
    name: "value-iteration",
    kind: "mdp",
    description: "value iteration (--in-place for Gauss-Seidel sweeps)",
    flags: ["tol", "in-place", "threads"],
    tolerance: toleranceHelp("value-iteration"),
    threads: "synchronous sweeps, on 16,384+ transition entries (not --in-place)",
    order: 1,
    create: (flags, problem) =>
      setup(
        valueIteration(
          defined({
            sweep: flags.inPlace === true ? inPlaceSweep() : synchronousSweep(),
            stoppingRule:
              flags.tol === undefined ? undefined : supNormRule(toleranceOption("value-iteration", flags.tol)),
          }),
        ),
        problemOf(problem, "mdp"),
      ),
  },
  {
    name: "policy-iteration",
    kind: "mdp",
    description: "policy iteration (--evaluation exact|iterative|modified)",
    flags: ["tol", "evaluation"],
    tolerance: toleranceHelp("policy-iteration"),
    order: 1,
    create: (flags, problem) => {
      const evaluation = choose("evaluation", flags.evaluation, {
        exact: exactEvaluation,
        iterative: iterativeEvaluation,
        modified: modifiedEvaluation,
      });
      const solver = policyIteration(defined({ ...toleranceOption("policy-iteration", flags.tol), evaluation }));
      // With exact evaluation the run stops when the policy is stable and epsilon plays no part: a --tol
      // there would be taken and silently ignored.
      if (flags.tol !== undefined && (evaluation?.exact ?? true)) {
        throw new UsageError(
          "--tol is the accuracy epsilon of an inexact evaluation: give --evaluation iterative or modified " +
            "(with the exact evaluation, policy iteration stops when its policy is stable)",
        );
      }
      return setup(solver, problemOf(problem, "mdp"));
    },
  },
];
