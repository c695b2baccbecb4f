import { readFileSync } from "node:fs";
import { parseMatrixMarket, type MatrixMarketMatrix } from "./matrix-market.js";

/**
 * Reads a Matrix Market coordinate file (e.g. one downloaded from the SuiteSparse Matrix Collection) into a
 * CSR matrix: {@link parseMatrixMarket} on the file's text.
 *
 * @param path - The file's path (`.mtx`, uncompressed).
 * @returns The matrix, its header and comments.
 * @throws `InvalidProblemError` naming the offending line of a malformed file; Node's own error when the
 *   file cannot be read.
 * @example
 * ```ts
 * const { matrix } = readMatrixMarket("bcsstk01.mtx");
 * ```
 */
export function readMatrixMarket(path: string): MatrixMarketMatrix {
  return parseMatrixMarket(readFileSync(path, "utf8"));
}
