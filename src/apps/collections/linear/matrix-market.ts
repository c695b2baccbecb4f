import { InvalidProblemError } from "../../../index.js";
import { type CsrMatrix, csrFromTriplets } from "../../../../solvers/gauss-seidel/index.js";

/** A matrix read from a Matrix Market coordinate file, with what its header declared. */
export interface MatrixMarketMatrix {
  /** The matrix in canonical CSR form (symmetric storage expanded, duplicates summed). */
  readonly matrix: CsrMatrix;
  /** The header's field: `real`, `integer` or `pattern` (pattern entries are 1). */
  readonly field: "real" | "integer" | "pattern";
  /** The header's symmetry: `general`, `symmetric` or `skew-symmetric`. */
  readonly symmetry: "general" | "symmetric" | "skew-symmetric";
  /** The number of entries the file stores (before symmetric expansion). */
  readonly storedEntries: number;
  /** The comment lines after the header, without their leading `%`. */
  readonly comments: readonly string[];
}

const fields = ["real", "integer", "pattern"] as const;
const symmetries = ["general", "symmetric", "skew-symmetric"] as const;

/** An error naming the line (1-based) of a Matrix Market text. */
function lineError(line: number, expected: string, received: string): InvalidProblemError {
  return new InvalidProblemError(`Matrix Market line ${line}`, expected, received, false);
}

/** Reads a non-negative integer token, or undefined. */
function integerToken(token: string | undefined): number | undefined {
  if (token === undefined || !/^[+]?\d+$/.test(token)) return undefined;
  const value = Number(token);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Parses a Matrix Market coordinate file (`%%MatrixMarket matrix coordinate <field> <symmetry>`) into a CSR
 * matrix, strictly: every malformed line is an error that names it.
 *
 * @remarks Supported: fields `real`, `integer` and `pattern` (entries 1), symmetries `general`, `symmetric`
 * and `skew-symmetric` (the file stores the lower triangle, the diagonal included for `symmetric` and
 * excluded for `skew-symmetric`; the other triangle is filled in). Header keywords are case-insensitive, as
 * the format allows; comment lines (`%`) may follow the header; blank lines are skipped. Refused, with the
 * line named: a missing or unknown header, the `array` format, `complex` and `hermitian` matrices, a size
 * line that is not three integers, an entry with the wrong number of tokens, a row or column index outside
 * `1..rows` / `1..columns`, a value that is not a finite number (not an integer for `integer`), an entry
 * above the diagonal in a symmetric file (on it in a skew-symmetric one), a non-square symmetric matrix, and
 * fewer or more entries than the size line declares. Entries at the same position are summed.
 * @param text - The file's contents.
 * @returns The matrix, its header and comments.
 * @throws `InvalidProblemError` naming the offending line: `Matrix Market line 7 must be a row index in 1..3,
 *   got "4"`.
 * @example
 * ```ts
 * const { matrix } = parseMatrixMarket("%%MatrixMarket matrix coordinate real symmetric\n2 2 3\n1 1 4\n2 1 -1\n2 2 4\n");
 * // [[4, -1], [-1, 4]]
 * ```
 * @see R. F. Boisvert, R. Pozo and K. Remington, The Matrix Market exchange formats: initial design, NIST
 *   Interagency Report 5935, 1996.
 */
export function parseMatrixMarket(text: string): MatrixMarketMatrix {
  if (typeof text !== "string") throw new InvalidProblemError("text", "the contents of a Matrix Market file", text);
  const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").trim().split(/\s+/);
  const banner = "%%MatrixMarket matrix coordinate <real|integer|pattern> <general|symmetric|skew-symmetric>";
  if ((header[0] ?? "").toLowerCase() !== "%%matrixmarket" || header.length !== 5) {
    throw lineError(1, `the header ${banner}`, JSON.stringify(lines[0] ?? ""));
  }
  const [object, format, fieldToken, symmetryToken] = header.slice(1).map((token) => token.toLowerCase());
  if (object !== "matrix") throw lineError(1, 'the object "matrix"', JSON.stringify(header[1]));
  if (format !== "coordinate") {
    throw lineError(1, 'the format "coordinate" (dense "array" files are not read)', JSON.stringify(header[2]));
  }
  const field = fields.find((name) => name === fieldToken);
  if (field === undefined) throw lineError(1, "the field real, integer or pattern", JSON.stringify(header[3]));
  const symmetry = symmetries.find((name) => name === symmetryToken);
  if (symmetry === undefined) {
    throw lineError(1, "the symmetry general, symmetric or skew-symmetric", JSON.stringify(header[4]));
  }
  const comments: string[] = [];
  let index = 1;
  for (; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line.startsWith("%")) comments.push(line.slice(1));
    else if (line !== "") break;
  }
  if (index >= lines.length) throw lineError(index + 1, "the size line: rows columns entries", "the end of the file");
  const sizeTokens = (lines[index] as string).trim().split(/\s+/);
  const [rows, columns, declared] = sizeTokens.map(integerToken);
  if (sizeTokens.length !== 3 || rows === undefined || columns === undefined || declared === undefined) {
    throw lineError(
      index + 1,
      "the size line: three integers >= 0 (rows columns entries)",
      JSON.stringify(lines[index]),
    );
  }
  if (symmetry !== "general" && rows !== columns) {
    throw lineError(index + 1, `a square size for a ${symmetry} matrix`, `${rows} x ${columns}`);
  }
  const capacity = symmetry === "general" ? declared : 2 * declared;
  const rowIndices = new Int32Array(capacity);
  const columnIndices = new Int32Array(capacity);
  const values = new Float64Array(capacity);
  const tokensPerEntry = field === "pattern" ? 2 : 3;
  let stored = 0;
  let count = 0;
  for (index++; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line === "" || line.startsWith("%")) continue;
    const lineNumber = index + 1;
    if (stored === declared) {
      throw lineError(lineNumber, `no more entries (the size line declares ${declared})`, JSON.stringify(line));
    }
    const tokens = line.split(/\s+/);
    if (tokens.length !== tokensPerEntry) {
      const what = field === "pattern" ? "row column" : "row column value";
      throw lineError(lineNumber, `an entry of ${tokensPerEntry} tokens (${what})`, JSON.stringify(line));
    }
    const row = integerToken(tokens[0]);
    if (row === undefined || row < 1 || row > rows) {
      throw lineError(lineNumber, `a row index in 1..${rows}`, JSON.stringify(tokens[0]));
    }
    const column = integerToken(tokens[1]);
    if (column === undefined || column < 1 || column > columns) {
      throw lineError(lineNumber, `a column index in 1..${columns}`, JSON.stringify(tokens[1]));
    }
    let value = 1;
    if (field !== "pattern") {
      const token = tokens[2] as string;
      value = field === "integer" ? (/^[+-]?\d+$/.test(token) ? Number(token) : Number.NaN) : Number(token);
      if (!Number.isFinite(value) || token.trim() === "") {
        throw lineError(
          lineNumber,
          field === "integer" ? "an integer value" : "a finite real value",
          JSON.stringify(token),
        );
      }
    }
    if (symmetry === "symmetric" && column > row) {
      throw lineError(
        lineNumber,
        "an entry on or below the diagonal (symmetric files store the lower triangle)",
        `(${row}, ${column})`,
      );
    }
    if (symmetry === "skew-symmetric" && column >= row) {
      throw lineError(
        lineNumber,
        "an entry below the diagonal (skew-symmetric files store the strict lower triangle)",
        `(${row}, ${column})`,
      );
    }
    rowIndices[count] = row - 1;
    columnIndices[count] = column - 1;
    values[count++] = value;
    if (symmetry !== "general" && row !== column) {
      rowIndices[count] = column - 1;
      columnIndices[count] = row - 1;
      values[count++] = symmetry === "symmetric" ? value : -value;
    }
    stored++;
  }
  if (stored < declared) {
    throw lineError(
      lines.length + 1,
      `${declared} entries (as the size line declares)`,
      `${stored} entries before the end of the file`,
    );
  }
  const matrix = csrFromTriplets({
    rows,
    columns,
    rowIndices: rowIndices.subarray(0, count),
    columnIndices: columnIndices.subarray(0, count),
    values: values.subarray(0, count),
  });
  return { matrix, field, symmetry, storedEntries: stored, comments };
}
