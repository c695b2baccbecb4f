import type { ConformanceCase } from "../case.js";
import { basicCases } from "./basic.js";
import { clusteringCases } from "./clustering.js";
import { gaussSeidelCases } from "./gauss-seidel.js";
import { krylovCases } from "./krylov.js";
import { mdpCases } from "./mdp.js";
import { newtonCases } from "./newton.js";

/**
 * Every case of the conformance table, in one list that the table (solvers.test.ts), the prepare-phase
 * table (prepare.test.ts) and the checkpoint property test read. A new family adds its file here.
 */
export const conformanceCases: readonly ConformanceCase[] = [
  ...basicCases,
  ...gaussSeidelCases,
  ...krylovCases,
  ...newtonCases,
  ...mdpCases,
  ...clusteringCases,
];
