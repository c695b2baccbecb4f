import type { Solver } from "../../index.js";
import { fixedPoint } from "../../../solvers/fixed-point/index.js";
import { gaussSeidel, jacobi, sor, ssor } from "../../../solvers/gauss-seidel/index.js";
import { gaussianMixture } from "../../../solvers/gaussian-mixture/index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import { hamerlyKMeans, kmeans, miniBatchKMeans } from "../../../solvers/kmeans/index.js";
import { bicgstab, conjugateGradient, gmres, minres } from "../../../solvers/krylov/index.js";
import { policyIteration, valueIteration } from "../../../solvers/mdp/index.js";
import {
  bfgs,
  bisection,
  brent,
  halley,
  itp,
  newton,
  newtonMinimize,
  newtonSystem,
  secant,
} from "../../../solvers/newton/index.js";
import type { StudyValue } from "./types.js";

/** A solver factory of a study file: JSON options in, a configured solver out. */
export type StudySolverFactory = (
  options: Readonly<Record<string, StudyValue>>,
) => Solver<unknown, unknown, unknown, unknown>;

// Each factory checks its options strictly, so a misspelt name in a study file fails on the first run with
// the solver's own message.
const as = (factory: (options: never) => unknown): StudySolverFactory => factory as unknown as StudySolverFactory;

/**
 * The solvers a JSON/YAML study file names, by the names the CLI uses (`newton`, `bfgs`, `sor`, `cg`, ...):
 * each takes the file's JSON options as its options object. Options that are strategy functions (line
 * searches, initialisations) keep their defaults in study files; declare the study in code to vary them.
 */
export const studySolvers: Readonly<Record<string, StudySolverFactory>> = {
  "fixed-point": as(fixedPoint),
  "gradient-descent": as(gradientDescent),
  newton: as(newton),
  secant: as(secant),
  halley: as(halley),
  bisection: as(bisection),
  brent: as(brent),
  itp: as(itp),
  "newton-system": as(newtonSystem),
  "newton-minimize": as(newtonMinimize),
  bfgs: as(bfgs),
  jacobi: as(jacobi),
  "gauss-seidel": as(gaussSeidel),
  sor: as(sor),
  ssor: as(ssor),
  cg: as(conjugateGradient),
  minres: as(minres),
  gmres: as(gmres),
  bicgstab: as(bicgstab),
  "value-iteration": as(valueIteration),
  "policy-iteration": as(policyIteration),
  kmeans: as(kmeans),
  "hamerly-kmeans": as(hamerlyKMeans),
  "mini-batch-kmeans": as(miniBatchKMeans),
  "gaussian-mixture": as(gaussianMixture),
};
