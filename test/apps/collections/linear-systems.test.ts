import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidProblemError, solve } from "../../../src/index.js";
import { poisson1d, poisson2d, type CsrMatrix } from "../../../solvers/gauss-seidel/index.js";
import { conjugateGradient, gmres } from "../../../solvers/krylov/index.js";
import {
  anisotropicPoisson2d,
  convectionDiffusion2d,
  linearSystemEntry,
  linearSystemsCollection,
  parseMatrixMarket,
  poisson3d,
  readMatrixMarket,
} from "../../../src/apps/collections/index.js";

const fixture = (name: string) => new URL(`./fixtures/mtx/${name}`, import.meta.url).pathname;

function dense(a: CsrMatrix): number[][] {
  const rows = Array.from({ length: a.rows }, () => new Array<number>(a.columns).fill(0));
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowPointers[i] as number; k < (a.rowPointers[i + 1] as number); k++) {
      (rows[i] as number[])[a.columnIndices[k] as number] = a.values[k] as number;
    }
  }
  return rows;
}

function multiply(a: CsrMatrix, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowPointers[i] as number; k < (a.rowPointers[i + 1] as number); k++) {
      y[i] = (y[i] as number) + (a.values[k] as number) * (x[a.columnIndices[k] as number] as number);
    }
  }
  return y;
}

/** max |A v - lambda v| for the grid sine mode (j, k, l) on an n^3 (or n^2 with l = 0) grid. */
function eigenResidual(a: CsrMatrix, n: number, modes: readonly number[], lambda: number): number {
  const h = 1 / (n + 1);
  const v = new Float64Array(a.rows);
  for (let p = 0; p < a.rows; p++) {
    const coordinates = [p % n, Math.floor(p / n) % n, Math.floor(p / (n * n))];
    v[p] = modes.reduce(
      (product, mode, axis) => product * Math.sin(((coordinates[axis] as number) + 1) * mode * Math.PI * h),
      1,
    );
  }
  const av = multiply(a, v);
  return Math.max(...av.map((value, p) => Math.abs(value - lambda * (v[p] as number))));
}

describe("poisson3d", () => {
  it("is the 7-point stencil: 6 on the diagonal, -1 for each neighbour, 7n^3 - 6n^2 entries", () => {
    const a = poisson3d(2);
    expect(dense(a)).toEqual([
      [6, -1, -1, 0, -1, 0, 0, 0],
      [-1, 6, 0, -1, 0, -1, 0, 0],
      [-1, 0, 6, -1, 0, 0, -1, 0],
      [0, -1, -1, 6, 0, 0, 0, -1],
      [-1, 0, 0, 0, 6, -1, -1, 0],
      [0, -1, 0, 0, -1, 6, 0, -1],
      [0, 0, -1, 0, -1, 0, 6, -1],
      [0, 0, 0, -1, 0, -1, -1, 6],
    ]);
    for (const n of [1, 3, 10]) expect(poisson3d(n).values.length).toBe(7 * n ** 3 - 6 * n ** 2);
    expect(poisson3d(3, 4, 5).rows).toBe(60);
  });

  it("has the sine modes as eigenvectors with eigenvalues 6 - 2 cos(j pi h) - 2 cos(k pi h) - 2 cos(l pi h)", () => {
    const n = 7;
    const h = 1 / (n + 1);
    for (const modes of [
      [1, 1, 1],
      [2, 5, 3],
      [7, 7, 7],
    ]) {
      const lambda = 6 - modes.reduce((sum, mode) => sum + 2 * Math.cos(mode * Math.PI * h), 0);
      expect(eigenResidual(poisson3d(n), n, modes, lambda)).toBeLessThan(1e-13);
    }
  });

  it("refuses sizes that are not integers >= 1", () => {
    expect(() => poisson3d(0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: nx must be an integer >= 1, got 0]`,
    );
    expect(() => poisson3d(2, 2, 1.5)).toThrow(/nz must be an integer >= 1, got 1.5/);
  });
});

describe("anisotropicPoisson2d", () => {
  it("is poisson2d at epsilon = 1, and weights the x-neighbours by epsilon", () => {
    const a = poisson2d(5);
    const b = anisotropicPoisson2d(5, { epsilon: 1 });
    expect(dense(b)).toEqual(dense(a));
    expect(dense(anisotropicPoisson2d(2, { epsilon: 0.5 }))).toEqual([
      [3, -0.5, -1, 0],
      [-0.5, 3, 0, -1],
      [-1, 0, 3, -0.5],
      [0, -1, -0.5, 3],
    ]);
  });

  it("has eigenvalues 2 epsilon (1 - cos(j pi h)) + 2 (1 - cos(k pi h))", () => {
    const n = 9;
    const h = 1 / (n + 1);
    const epsilon = 1e-3;
    for (const [j, k] of [
      [1, 1],
      [4, 8],
    ] as const) {
      const lambda = 2 * epsilon * (1 - Math.cos(j * Math.PI * h)) + 2 * (1 - Math.cos(k * Math.PI * h));
      expect(eigenResidual(anisotropicPoisson2d(n, { epsilon }), n, [j, k], lambda)).toBeLessThan(1e-14);
    }
  });

  it("refuses a non-positive epsilon and unknown options", () => {
    expect(() => anisotropicPoisson2d(4, { epsilon: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: epsilon must be a finite number > 0, got 0]`,
    );
    expect(() => anisotropicPoisson2d(4, { eps: 1 } as never)).toThrow(/eps is not an option of anisotropicPoisson2d/);
  });
});

describe("convectionDiffusion2d", () => {
  it("is poisson2d without convection, and adds b h / 2 antisymmetrically with it", () => {
    expect(dense(convectionDiffusion2d(4, { velocityX: 0, velocityY: 0 }))).toEqual(dense(poisson2d(4)));
    const n = 3;
    const h = 1 / (n + 1);
    const a = dense(convectionDiffusion2d(n, { velocityX: 8, velocityY: -4 }));
    // the centre point p = 4: west 3, east 5, south 1, north 7
    const row = a[4] as number[];
    expect([row[3], row[5], row[1], row[7], row[4]]).toEqual([-1 - 4 * h, -1 + 4 * h, -1 + 2 * h, -1 - 2 * h, 4]);
    const s = dense(convectionDiffusion2d(n));
    for (let i = 0; i < n * n; i++) {
      for (let j = 0; j < n * n; j++)
        if (i !== j && (s[i] as number[])[j] !== 0) expect((s[i] as number[])[j]).not.toBe((s[j] as number[])[i]);
    }
  });

  it("refuses velocities that are not finite", () => {
    expect(() => convectionDiffusion2d(4, { velocityX: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: velocityX must be a finite number, got NaN]`,
    );
  });
});

describe("parseMatrixMarket / readMatrixMarket", () => {
  // Expected matrices: written by hand, and read back identically by scipy.io.mmread (scipy 1.10.1).
  it("reads general real files with comments", () => {
    const read = readMatrixMarket(fixture("general-real.mtx"));
    expect(dense(read.matrix)).toEqual([
      [1.5, 0, 0, -2],
      [0, 3, 0, 0],
      [-0.25, 0, 7, 0],
    ]);
    expect(read).toMatchObject({ field: "real", symmetry: "general", storedEntries: 5 });
    expect(read.comments).toEqual([" a 3 x 4 general matrix, hand-written", " second comment"]);
  });

  it("expands symmetric, skew-symmetric, pattern and integer files", () => {
    expect(dense(readMatrixMarket(fixture("poisson4-symmetric.mtx")).matrix)).toEqual(dense(poisson1d(4)));
    expect(dense(readMatrixMarket(fixture("integer-symmetric.mtx")).matrix)).toEqual([
      [5, -3, 2],
      [-3, 0, 0],
      [2, 0, 9],
    ]);
    expect(dense(readMatrixMarket(fixture("pattern.mtx")).matrix)).toEqual([
      [1, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(dense(readMatrixMarket(fixture("skew.mtx")).matrix)).toEqual([
      [0, -1.5, 0],
      [1.5, 0, 4],
      [0, -4, 0],
    ]);
  });

  it("accepts upper-case keywords and Windows line ends, and sums repeated entries", () => {
    const text = "%%MatrixMarket MATRIX Coordinate REAL General\r\n2 2 3\r\n1 1 1\r\n1 1 2.5\r\n2 2 -1\r\n";
    expect(dense(parseMatrixMarket(text).matrix)).toEqual([
      [3.5, 0],
      [0, -1],
    ]);
  });

  it("names the line of every malformed input", () => {
    const header = "%%MatrixMarket matrix coordinate real general\n";
    const cases: readonly [string, string][] = [
      [
        "hello\n",
        'Matrix Market line 1 must be the header %%MatrixMarket matrix coordinate <real|integer|pattern> <general|symmetric|skew-symmetric>, got "hello"',
      ],
      [
        "%%MatrixMarket matrix array real general\n2 2\n",
        'Matrix Market line 1 must be the format "coordinate" (dense "array" files are not read), got "array"',
      ],
      [
        "%%MatrixMarket matrix coordinate complex general\n",
        'Matrix Market line 1 must be the field real, integer or pattern, got "complex"',
      ],
      [
        "%%MatrixMarket matrix coordinate real hermitian\n",
        'Matrix Market line 1 must be the symmetry general, symmetric or skew-symmetric, got "hermitian"',
      ],
      [
        `${header}% c\n2 2\n`,
        'Matrix Market line 3 must be the size line: three integers >= 0 (rows columns entries), got "2 2"',
      ],
      [`${header}2 2 1\n3 1 1\n`, 'Matrix Market line 3 must be a row index in 1..2, got "3"'],
      [`${header}2 2 1\n1 0 1\n`, 'Matrix Market line 3 must be a column index in 1..2, got "0"'],
      [`${header}2 2 1\n1 1 x\n`, 'Matrix Market line 3 must be a finite real value, got "x"'],
      [`${header}2 2 1\n1 1 inf\n`, 'Matrix Market line 3 must be a finite real value, got "inf"'],
      [`${header}2 2 1\n1 1\n`, 'Matrix Market line 3 must be an entry of 3 tokens (row column value), got "1 1"'],
      [
        `${header}2 2 1\n1 1 1\n2 2 1\n`,
        'Matrix Market line 4 must be no more entries (the size line declares 1), got "2 2 1"',
      ],
      [
        `${header}2 2 2\n1 1 1\n`,
        "Matrix Market line 4 must be 2 entries (as the size line declares), got 1 entries before the end of the file",
      ],
      [
        "%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 1.5\n",
        'Matrix Market line 3 must be an integer value, got "1.5"',
      ],
      [
        "%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1\n",
        "Matrix Market line 3 must be an entry on or below the diagonal (symmetric files store the lower triangle), got (1, 2)",
      ],
      [
        "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 1 1\n",
        "Matrix Market line 3 must be an entry below the diagonal (skew-symmetric files store the strict lower triangle), got (1, 1)",
      ],
      [
        "%%MatrixMarket matrix coordinate real symmetric\n2 3 0\n",
        "Matrix Market line 2 must be a square size for a symmetric matrix, got 2 x 3",
      ],
      [header, "Matrix Market line 2 must be the size line: rows columns entries, got the end of the file"],
    ];
    for (const [text, message] of cases) {
      expect(() => parseMatrixMarket(text), text).toThrow(InvalidProblemError);
      expect(() => parseMatrixMarket(text), text).toThrow(message);
    }
  });
});

describe("linearSystemEntry", () => {
  it("makes b = A x* for x* all ones or given, x0 = 0, and records the shape", () => {
    const entry = linearSystemEntry("poisson4", readMatrixMarket(fixture("poisson4-symmetric.mtx")).matrix);
    expect(Array.from(entry.problem.b)).toEqual([1, 0, 0, 1]);
    expect(Array.from(entry.problem.x0 ?? [])).toEqual([0, 0, 0, 0]);
    expect(entry.metadata).toEqual({ rows: 4, storedEntries: 10, symmetric: true });
    const given = linearSystemEntry("p", poisson1d(3), { solution: [1, 2, 3] });
    expect(Array.from(given.problem.b)).toEqual([0, 0, 4]);
    expect(linearSystemEntry("s", readMatrixMarket(fixture("skew.mtx")).matrix).metadata.symmetric).toBe(false);
  });

  it("refuses non-square matrices, wrong solutions and unknown options", () => {
    const rectangle = readMatrixMarket(fixture("general-real.mtx")).matrix;
    expect(() => linearSystemEntry("r", rectangle)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: matrix must be a square CSR matrix, got 3 x 4]`,
    );
    expect(() => linearSystemEntry("p", poisson1d(3), { solution: [1, 2] })).toThrow(InvalidProblemError);
    expect(() => linearSystemEntry("p", poisson1d(3), { rhs: [1] } as never)).toThrow(InvalidOptionError);
  });
});

describe("linearSystemsCollection", () => {
  it("is solved to its known solution: CG on the symmetric systems, GMRES on the others", () => {
    const collection = linearSystemsCollection();
    expect(collection.entries.map((entry) => entry.name)).toEqual([
      "poisson-1d-256",
      "poisson-2d-32",
      "poisson-3d-12",
      "anisotropic-poisson-2d-32-eps1e-2",
      "anisotropic-poisson-2d-32-eps1e-4",
      "convection-diffusion-2d-32-b10",
      "convection-diffusion-2d-32-b100",
    ]);
    for (const entry of collection.entries) {
      const symmetric = entry.metadata.symmetric === true;
      expect(symmetric, entry.name).toBe(!entry.name.startsWith("convection"));
      const result = symmetric
        ? solve(conjugateGradient({ relTolerance: 1e-12, maxIterations: 2000 }), entry.problem)
        : solve(gmres({ relTolerance: 1e-12, restart: 60, maxIterations: 5000 }), entry.problem);
      expect(result.converged, entry.name).toBe(true);
      const error = Math.max(...result.state.x.map((x, i) => Math.abs(x - (entry.solution?.[i] as number))));
      expect(error, entry.name).toBeLessThan(1e-6);
    }
  });
});
