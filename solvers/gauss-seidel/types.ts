import type { AbstractMatrix } from "ml-matrix";
import type { CsrSweepKernel } from "./kernel-types.js";

/**
 * A sparse matrix in compressed sparse row (CSR) form, on typed arrays.
 *
 * @remarks Row `i` holds the entries `values[k]` at columns `columnIndices[k]` for
 * `rowPointers[i] <= k < rowPointers[i + 1]`. The solvers require the canonical form that
 * {@link csrFromTriplets} builds: `rowPointers[0] = 0`, non-decreasing, `rowPointers[rows]` equal to the
 * length of `columnIndices` and `values`, and column indices strictly increasing within each row (no
 * duplicates). Explicitly stored zeros are allowed. A plain object, so it can sit in a frozen problem and
 * in a checkpoint (its typed arrays cannot be frozen: the solvers only read them).
 */
export interface CsrMatrix {
  /** The number of rows. */
  readonly rows: number;
  /** The number of columns. */
  readonly columns: number;
  /** `rows + 1` offsets into `columnIndices` and `values`, one per row plus the end. */
  readonly rowPointers: Int32Array;
  /** The column of each stored entry, strictly increasing within a row. */
  readonly columnIndices: Int32Array;
  /** The value of each stored entry. */
  readonly values: Float64Array;
}

/** Coordinate (triplet) input of {@link csrFromTriplets}: entry `k` is `values[k]` at `(rowIndices[k], columnIndices[k])`. */
export interface CsrTriplets {
  /** The number of rows, an integer >= 0. */
  readonly rows: number;
  /** The number of columns, an integer >= 0. */
  readonly columns: number;
  /** The row of each entry, integers in `[0, rows)`. */
  readonly rowIndices: ArrayLike<number>;
  /** The column of each entry, integers in `[0, columns)`. */
  readonly columnIndices: ArrayLike<number>;
  /** The value of each entry, finite numbers; entries at the same position are summed. */
  readonly values: ArrayLike<number>;
}

/** A dense square matrix: an array of rows (`number[][]`) or an ml-matrix `Matrix`. */
export type DenseMatrix = readonly (readonly number[])[] | AbstractMatrix;

/** The matrix of a linear system: sparse ({@link CsrMatrix}) or dense ({@link DenseMatrix}). */
export type SystemMatrix = CsrMatrix | DenseMatrix;

/** A linear system `A x = b` for the Gauss-Seidel family, with an optional starting point. */
export interface GaussSeidelProblem {
  /** The square matrix `A`, with non-zero diagonal entries. */
  readonly matrix: SystemMatrix;
  /** The right-hand side `b`: as many finite numbers as `A` has rows. */
  readonly b: ArrayLike<number>;
  /**
   * The starting point `x_0`: as many finite numbers as `A` has rows.
   * @defaultValue zeros
   */
  readonly x0?: ArrayLike<number> | undefined;
}

/**
 * Options shared by the Gauss-Seidel family: the stopping rules (PETSc's `rtol`, `atol`, `dtol`), the
 * iteration bound and the rate estimate. Also the options of {@link gaussSeidel}.
 */
export interface GaussSeidelOptions {
  /**
   * PETSc's `rtol`: converged when `||b - A x_k||_2 / ||b||_2 <= relTolerance` (reported as `||r||/||b||`), a
   * finite number >= 0. When `b = 0` the ratio is taken against `||r_0||` instead.
   * @defaultValue `1e-8`
   */
  readonly relTolerance?: number;
  /**
   * PETSc's `atol`: converged when `||b - A x_k||_2 <= absTolerance` (reported as `||r||`), a finite
   * number >= 0.
   * @defaultValue `1e-50`
   */
  readonly absTolerance?: number;
  /**
   * PETSc's `dtol`: diverged when `||r_k||_2 > divergenceTolerance * ||r_0||_2`, or the residual is not finite
   * (reported as `||r|| (dtol)`), a finite number >= 1.
   * @defaultValue `1e5`
   */
  readonly divergenceTolerance?: number;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `10000`
   */
  readonly maxIterations?: number;
  /**
   * How many of the latest residual ratios `||r_k|| / ||r_{k-1}||` the spectral-radius estimate averages
   * (geometrically), an integer >= 1.
   * @defaultValue `10`
   */
  readonly spectralRadiusWindow?: number;
  /**
   * Use the specialised kernel (stencil arithmetic on the grid, no index arrays, the residual fused into the
   * sweep) when `prepare` recognises the matrix as a constant-coefficient 5-point stencil, as {@link poisson2d}
   * and {@link poisson1d} build. The iterates are the same either way up to rounding (the sums are taken in
   * another order); `false` forces the general CSR kernel.
   * @defaultValue `true`
   */
  readonly stencilKernel?: boolean;
  /**
   * Compute the residual norm, and so test convergence and divergence, every this many iterations (and at
   * the last one the iteration bound allows), an integer >= 1, as iterative-solver libraries offer a check
   * frequency: the sweeps in between skip the residual's work. In between, the state keeps the last
   * residual computed ({@link GaussSeidelState.residualAge} says how old it is), so a run may stop up to
   * `checkInterval - 1` iterations after the iterate that met the tolerance.
   * @defaultValue `1` (every iteration)
   */
  readonly checkInterval?: number;
}

/** Options of {@link jacobi}. */
export interface JacobiOptions extends GaussSeidelOptions {
  /**
   * The weight `omega` of weighted (damped) Jacobi, `x_{k+1} = x_k + omega D^{-1} (b - A x_k)`, in (0, 2).
   * @defaultValue `1` (plain Jacobi)
   */
  readonly relaxation?: number;
}

/** Options of {@link sor}. */
export interface SorOptions extends GaussSeidelOptions {
  /**
   * The relaxation factor `omega` in (0, 2) (Kahan: SOR diverges outside it). For consistently ordered
   * matrices the best is {@link optimalRelaxation} of the Jacobi spectral radius.
   */
  readonly relaxation: number;
}

/** Options of {@link ssor}. */
export interface SsorOptions extends GaussSeidelOptions {
  /**
   * The relaxation factor `omega` in (0, 2) of both half-sweeps.
   * @defaultValue `1` (symmetric Gauss-Seidel)
   */
  readonly relaxation?: number;
}

/** Options of {@link redBlackGaussSeidel}. */
export interface RedBlackGaussSeidelOptions extends GaussSeidelOptions {
  /**
   * The relaxation factor `omega` in (0, 2): red-black SOR. Red-black ordering is a consistent ordering, so
   * {@link optimalRelaxation} applies to it as to the lexicographic order.
   * @defaultValue `1` (red-black Gauss-Seidel)
   */
  readonly relaxation?: number;
}

/**
 * A constant-coefficient 5-point stencil on an `nx` by `ny` grid, numbered row by row (`p = y * nx + x`):
 * `(A x)_p = diagonal * x_p + offDiagonal * (x_{p-1} + x_{p+1} + x_{p-nx} + x_{p+nx})`, neighbours
 * outside the grid left out. `ny = 1` is the 3-point stencil of a 1-D chain.
 */
export interface FivePointStencil {
  /** Grid points per row, >= 2. */
  readonly nx: number;
  /** Grid rows, >= 1. */
  readonly ny: number;
  /** The diagonal entry (`4` for {@link poisson2d}). */
  readonly diagonal: number;
  /** The entry coupling two neighbours (`-1` for {@link poisson2d}). */
  readonly offDiagonal: number;
}

/** A red-black (two-colour) ordering of the rows: no two rows of one colour are coupled. */
export interface RedBlackColouring {
  /** The rows, red ones first (in increasing order), then black ones (in increasing order). */
  readonly order: Int32Array;
  /** How many rows are red: `order[0 .. redCount)`. */
  readonly redCount: number;
}

/**
 * What `prepare` found out about the matrix, and how. The checks are sufficient conditions for convergence,
 * done once, in O(nnz) (plus a Cholesky factorisation for small dense matrices).
 */
export interface MatrixProperties {
  /**
   * Diagonally dominant by rows: `|a_ii| > sum_{j != i} |a_ij|` for every row, or `>=` for every row with
   * `>` in at least one and the matrix irreducible (its graph strongly connected; Poisson matrices are of
   * this kind). Jacobi and Gauss-Seidel then converge (Varga, Theorem 3.10).
   */
  readonly diagonallyDominant: boolean;
  /** Every entry equals its transpose exactly (`a_ij === a_ji`, stored zeros and missing entries alike). */
  readonly symmetric: boolean;
  /**
   * Whether the matrix is symmetric positive definite: `true` when proved (symmetric with a positive
   * diagonal and diagonally dominant, by Gershgorin; or, for dense matrices up to 500 x 500, a Cholesky
   * factorisation succeeded), `false` when disproved (not symmetric, a diagonal entry <= 0, or the Cholesky
   * factorisation failed), `undefined` when not decided (a symmetric matrix with a positive diagonal that
   * is not diagonally dominant and is sparse or larger than 500 x 500).
   */
  readonly positiveDefinite: boolean | undefined;
}

/**
 * What `prepare` derives from the problem once, for every step of every run on it: plain data, never
 * written by a run, and not part of any state or checkpoint.
 */
export interface PreparedSystem {
  /** The matrix in CSR form: the problem's own object when it is CSR (never written), a conversion when dense. */
  readonly matrix: CsrMatrix;
  /** A copy of the right-hand side. */
  readonly b: Float64Array;
  /** `1 / a_ii` for every row. */
  readonly inverseDiagonal: Float64Array;
  /** The position of `a_ii` in `matrix.values`, for every row. */
  readonly diagonalIndex: Int32Array;
  /** The denominator of the relative residual: `||b||_2`, or `||r_0||_2` when `b = 0` (1 when both are 0). */
  readonly residualScale: number;
  /** The recognised 5-point stencil when the stencil kernel is on and the matrix is one; else `undefined`. */
  readonly stencil: FivePointStencil | undefined;
  /** The row colouring, for red-black ordering on a matrix that is not a recognised stencil; else `undefined`. */
  readonly colouring: RedBlackColouring | undefined;
  /** What the convergence checks found. */
  readonly properties: MatrixProperties;
}

/**
 * The state of every solver of the family: plain data.
 *
 * @remarks The solution is double-buffered: step `k + 1` writes `x_{k+1}` into the array that held
 * `x_{k-1}` (`previousX`), so a run allocates two vectors in all. A state is therefore intact until the
 * step after the next one: keep `state.x.slice()`, not `state.x`, to hold an iterate longer. The trace
 * record holds no vectors. States are read-only: the WebAssembly kernel of a large general system keeps its
 * own copy of the iterate it wrote into `x` and the next step starts from that copy (see
 * {@link CsrSweepKernel}); to change an iterate, build a new state with new arrays.
 */
export interface GaussSeidelState {
  /** The iterate `x_k`. */
  readonly x: Float64Array;
  /** The previous iterate `x_{k-1}` (a copy of `x_0` at iteration 0): the buffer the next step overwrites. */
  readonly previousX: Float64Array;
  /**
   * `||b - A x_k||_2`, computed from `x_k` (not updated recursively); with a `checkInterval` above 1, that of
   * the last checked iterate, `x_{k - residualAge}`.
   */
  readonly residualNorm: number;
  /** Iterations since the residual norm was computed: 0 when it is that of `x_k` (always, by default). */
  readonly residualAge: number;
  /** `||r_k||_2 / ||b||_2` (see {@link PreparedSystem.residualScale}). */
  readonly relativeResidual: number;
  /**
   * The spectral radius of the iteration matrix estimated from the residual ratios: the geometric mean of
   * `||r_j|| / ||r_{j-1}||` over the last `spectralRadiusWindow` iterations (fewer early on); `NaN` at
   * iteration 0 or once the residual is 0. It tends to the asymptotic convergence factor.
   */
  readonly spectralRadiusEstimate: number;
  /** The latest residual norms, oldest first, at most `spectralRadiusWindow + 1` of them. */
  readonly recentResidualNorms: readonly number[];
}

/**
 * The prepared problem of the family (what its solvers' `prepare` returns, and `prepareProblem(solver,
 * problem).prepared`): the system, the validated starting point and its residual norm. The convergence
 * warnings (the matrix neither diagonally dominant nor symmetric positive definite, see
 * {@link MatrixProperties}) go to the engine (`PrepareContext.warn`): every run reports them in
 * `result.warnings`, and a `prepareProblem` handle in its `warnings`.
 */
export interface PreparedGaussSeidel {
  /** The prepared system: CSR matrix, diagonal, stencil or colouring, residual scale, matrix properties. */
  readonly system: PreparedSystem;
  /** The validated starting point `x_0`; each run starts from a copy. */
  readonly x0: Float64Array;
  /** `||b - A x_0||_2`. */
  readonly residualNorm: number;
  /**
   * The WebAssembly sweeps bound to a general CSR system of Jacobi, Gauss-Seidel, SOR or SSOR (at least
   * 16,384 stored entries, no recognised stencil); `undefined` otherwise, or where WebAssembly is missing.
   * Freed by the solver's `dispose`.
   */
  readonly kernel: CsrSweepKernel | undefined;
}

/**
 * The trace record of the family: numbers only, so a long run's trace stays small. To keep iterates, copy
 * them in a hook: `hooks: { onIteration: ({ state }) => kept.push(state.x.slice()) }`.
 */
export interface GaussSeidelRecord {
  /** `||b - A x_k||_2`. */
  readonly residualNorm: number;
  /** `||r_k||_2 / ||b||_2`. */
  readonly relativeResidual: number;
  /** The spectral-radius estimate (`NaN` at iteration 0). */
  readonly spectralRadiusEstimate: number;
}
