// Internal: type re-exports for the EM kernels.
export type { CovarianceType } from "./types.js";
export type { DataMatrix as DataMatrixLike } from "../kmeans/index.js";
