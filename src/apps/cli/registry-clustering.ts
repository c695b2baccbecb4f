import {
  diagonalCovariance,
  fromKMeans,
  fromKMeansPlusPlus,
  fullCovariance,
  gaussianMixture,
  randomResponsibilities,
  sphericalCovariance,
  tiedCovariance,
} from "../../../solvers/gaussian-mixture/index.js";
import { hamerlyKMeans, kmeans, kmeansPlusPlus, miniBatchKMeans, randomInit } from "../../../solvers/kmeans/index.js";
import { choose, defined, problemOf, setup } from "./solver-entry.js";
import type { Restarts, SolverEntry, SolverFlags } from "./solver-entry.js";
import { toleranceHelp, toleranceOption } from "./tolerance-flag.js";
import { UsageError } from "./usage-error.js";

/** Starts of a Gaussian mixture when `--n-init` is not given: one k-means start can land in a poor optimum. */
export const defaultMixtureStarts = 5;

const kmeansInit = (flags: SolverFlags) =>
  choose("init", flags.init, { "kmeans++": kmeansPlusPlus, random: randomInit });

function clustering(name: string, description: string, factory: typeof kmeans): SolverEntry {
  return {
    name,
    kind: "clustering",
    description,
    flags: ["tol", "k", "init", "threads"],
    tolerance: toleranceHelp("kmeans"),
    threads: "the assignment passes, on 16,384+ coordinates",
    order: 1,
    create: (flags, problem) =>
      setup(
        factory(
          defined({
            k: flags.k,
            ...toleranceOption("kmeans", flags.tol),
            init: kmeansInit(flags),
          }),
        ),
        problemOf(problem, "clustering"),
      ),
  };
}

/** The CLI's clustering methods: k-means variants and a Gaussian mixture. */
export const clusteringEntries: readonly SolverEntry[] = [
  clustering("kmeans", "Lloyd's k-means", kmeans),
  clustering("hamerly-kmeans", "k-means with Hamerly's bounds (same result, fewer distances)", hamerlyKMeans),
  {
    name: "mini-batch-kmeans",
    kind: "clustering",
    description: "mini-batch k-means",
    flags: ["tol", "k", "init", "batch-size"],
    defaultProblem: "blobs",
    tolerance: toleranceHelp("mini-batch-kmeans"),
    order: 1,
    create: (flags, problem) =>
      setup(
        miniBatchKMeans(
          defined({
            k: flags.k,
            ...toleranceOption("mini-batch-kmeans", flags.tol),
            init: kmeansInit(flags),
            batchSize: flags.batchSize,
          }),
        ),
        problemOf(problem, "clustering"),
      ),
  },
  {
    name: "gaussian-mixture",
    kind: "clustering",
    description:
      `a Gaussian mixture fitted by EM (--covariance full|diag|spherical|tied), ` +
      `best of --n-init starts (default ${defaultMixtureStarts})`,
    flags: ["tol", "k", "init", "covariance", "n-init", "threads"],
    tolerance: toleranceHelp("gaussian-mixture"),
    threads: "EM's passes, on 16,384+ coordinates",
    order: 1,
    create: (flags, problem) => {
      if (flags.k === undefined) throw new UsageError("gaussian-mixture needs --k <number of components>");
      const covariance = choose("covariance", flags.covariance, {
        full: fullCovariance,
        diag: diagonalCovariance,
        spherical: sphericalCovariance,
        tied: tiedCovariance,
      });
      const init = choose("init", flags.init, {
        kmeans: fromKMeans,
        "kmeans++": fromKMeansPlusPlus,
        random: randomResponsibilities,
      });
      const restarts: Restarts = {
        count: flags.nInit ?? defaultMixtureStarts,
        score: (state) => (state as { logLikelihood: number }).logLikelihood,
        direction: "maximize",
        label: "log-likelihood",
      };
      const solver = gaussianMixture(
        defined({ k: flags.k, ...toleranceOption("gaussian-mixture", flags.tol), covariance, init }),
      );
      return { ...setup(solver, problemOf(problem, "clustering")), restarts };
    },
  },
];
