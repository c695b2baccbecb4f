import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { solve } from "../../src/index.js";
import { bfgs, newtonMinimize } from "../../solvers/newton/index.js";
import { formatMeasurements, measureSideBySide } from "./measure.js";

/** Rosenbrock's function and its derivatives, as plain functions returning arrays (what a user writes). */
const f = (x: Float64Array) => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
const gradient = (x: Float64Array) => {
  const a = x[0] as number;
  const b = x[1] as number;
  return [-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a)];
};
const hessian = (x: Float64Array) => {
  const a = x[0] as number;
  const b = x[1] as number;
  return [
    [1200 * a * a - 400 * b + 2, -400 * a],
    [-400 * a, 200],
  ];
};
export const problem = { f, gradient, hessian, x0: [-1.2, 1] };

/**
 * f = x^4 + y^4 from (1, 0.5), run with absTolerance 0: the Hessian is singular at the minimiser,
 * Newton converges linearly (rate 2/3) and takes 461 full steps until f underflows, so the per-run setup
 * of the engine is amortised and what is measured is the cost of one step.
 */
const quartic = {
  f: (x: Float64Array) => (x[0] as number) ** 4 + (x[1] as number) ** 4,
  gradient: (x: Float64Array) => [4 * (x[0] as number) ** 3, 4 * (x[1] as number) ** 3],
  hessian: (x: Float64Array) => [
    [12 * (x[0] as number) ** 2, 0],
    [0, 12 * (x[1] as number) ** 2],
  ],
  x0: [1, 0.5],
};

/** A problem the hand-written loops take. */
type Problem = typeof problem;

/** Evaluations one run makes: [f, gradient, Hessian]. */
type Counts = [number, number, number];

/**
 * The same algorithm as newtonMinimize (Hessian shifted as in Nocedal & Wright Alg. 3.3, Armijo
 * backtracking from 1 with c1 = 1e-4, |grad|_inf <= 1e-8), hand-written for n = 2 with the 2 x 2
 * Cholesky solve inline, or (`useMlMatrix`) through ml-matrix's CholeskyDecomposition.
 */
export function handWrittenNewton(
  useMlMatrix: boolean,
  { f, gradient, hessian, x0 }: Problem = problem,
  absTolerance = 1e-8,
): Counts {
  let x = Float64Array.from(x0);
  let fx = f(x);
  let g = gradient(x);
  const counts: Counts = [1, 1, 0];
  const d = new Float64Array(2);
  const trial = new Float64Array(2);
  for (let k = 0; k < 1000 && Math.max(Math.abs(g[0] as number), Math.abs(g[1] as number)) > absTolerance; k++) {
    const h = hessian(x);
    counts[2]++;
    const h00 = (h[0] as number[])[0] as number;
    const h01 = (h[0] as number[])[1] as number;
    const h11 = (h[1] as number[])[1] as number;
    let tau = Math.min(h00, h11) > 0 ? 0 : 1e-3 - Math.min(h00, h11);
    for (;;) {
      if (useMlMatrix) {
        const cholesky = new CholeskyDecomposition(
          new Matrix([
            [h00 + tau, h01],
            [h01, h11 + tau],
          ]),
        );
        if (cholesky.isPositiveDefinite()) {
          const solution = cholesky.solve(Matrix.columnVector([-(g[0] as number), -(g[1] as number)]));
          d[0] = solution.get(0, 0);
          d[1] = solution.get(1, 0);
          break;
        }
      } else {
        const a = h00 + tau;
        if (a > 0) {
          const l00 = Math.sqrt(a);
          const l10 = h01 / l00;
          const c = h11 + tau - l10 * l10;
          if (c > 0) {
            const l11 = Math.sqrt(c);
            const y0 = -(g[0] as number) / l00;
            const y1 = (-(g[1] as number) - l10 * y0) / l11;
            d[1] = y1 / l11;
            d[0] = (y0 - l10 * (d[1] as number)) / l00;
            break;
          }
        }
      }
      tau = Math.max(2 * tau, 1e-3);
    }
    const slope = (g[0] as number) * (d[0] as number) + (g[1] as number) * (d[1] as number);
    if (!(slope < 0)) break; // not a descent direction (the gradient underflowed): newtonMinimize stops here too
    let alpha = 1;
    let accepted = false;
    for (let trials = 0; trials < 60; trials++) {
      trial[0] = (x[0] as number) + alpha * (d[0] as number);
      trial[1] = (x[1] as number) + alpha * (d[1] as number);
      const value = f(trial);
      counts[0]++;
      if (value <= fx + 1e-4 * alpha * slope && value < fx) {
        fx = value;
        accepted = true;
        break;
      }
      alpha /= 2;
    }
    if (!accepted) break; // the line search failed: newtonMinimize stops here too
    x = Float64Array.from(trial);
    g = gradient(x);
    counts[1]++;
  }
  return counts;
}

/** BFGS as in bfgs() (H_0 rescaled before the first update, Armijo backtracking), hand-written for n = 2. */
function handWrittenBfgs(): Counts {
  const x = Float64Array.from(problem.x0);
  let fx = f(x);
  let g = gradient(x);
  const counts: Counts = [1, 1, 0];
  let h0 = 1;
  let h1 = 0;
  let h3 = 1; // the symmetric inverse Hessian [[h0, h1], [h1, h3]]
  const trial = new Float64Array(2);
  for (let k = 0; k < 1000 && Math.max(Math.abs(g[0] as number), Math.abs(g[1] as number)) > 1e-8; k++) {
    const g0 = g[0] as number;
    const g1 = g[1] as number;
    const d0 = -(h0 * g0 + h1 * g1);
    const d1 = -(h1 * g0 + h3 * g1);
    const slope = g0 * d0 + g1 * d1;
    let alpha = 1;
    for (;;) {
      trial[0] = (x[0] as number) + alpha * d0;
      trial[1] = (x[1] as number) + alpha * d1;
      const value = f(trial);
      counts[0]++;
      if (value <= fx + 1e-4 * alpha * slope && value < fx) {
        fx = value;
        break;
      }
      alpha /= 2;
    }
    const s0 = (trial[0] as number) - (x[0] as number);
    const s1 = (trial[1] as number) - (x[1] as number);
    x.set(trial);
    const next = gradient(x);
    counts[1]++;
    const y0 = (next[0] as number) - g0;
    const y1 = (next[1] as number) - g1;
    g = next;
    const sy = s0 * y0 + s1 * y1;
    const yy = y0 * y0 + y1 * y1;
    if (sy > Number.EPSILON * Math.sqrt((s0 * s0 + s1 * s1) * yy)) {
      if (k === 0) {
        h0 = sy / yy;
        h1 = 0;
        h3 = sy / yy;
      }
      const rho = 1 / sy;
      const hy0 = h0 * y0 + h1 * y1;
      const hy1 = h1 * y0 + h3 * y1;
      const outer = rho * rho * (y0 * hy0 + y1 * hy1) + rho;
      h0 += -2 * rho * s0 * hy0 + outer * s0 * s0;
      h1 += -rho * (s0 * hy1 + hy0 * s1) + outer * s0 * s1;
      h3 += -2 * rho * s1 * hy1 + outer * s1 * s1;
    }
  }
  return counts;
}

/**
 * Newton minimisation and BFGS through `solve`, next to the same algorithms hand-written for n = 2 (and
 * the Newton loop once more with ml-matrix's Cholesky): on Rosenbrock's function from (-1.2, 1), where a
 * run is short (21 and 38 iterations) and the engine's per-run setup counts, and on x^4 + y^4, where 461
 * Newton steps per run measure the cost of one step. Figures are evaluations of f, gradient and Hessian
 * per second.
 *
 * @returns The printable figures.
 */
export function newtonBenchmark(rounds = 9): string {
  const newtonSolver = newtonMinimize();
  const bfgsSolver = bfgs();
  const longSolver = newtonMinimize({ absTolerance: 0 });
  const fromState = (state: {
    fEvaluations: number;
    gradientEvaluations: number;
    hessianEvaluations?: number;
  }): Counts => [state.fEvaluations, state.gradientEvaluations, state.hessianEvaluations ?? 0];
  const short = table(
    "Rosenbrock from (-1.2, 1) to |grad| <= 1e-8, 200 runs",
    200,
    [
      { name: "hand-written Newton loop (2 x 2 Cholesky inline)", run: () => handWrittenNewton(false) },
      { name: "hand-written Newton loop, ml-matrix Cholesky", run: () => handWrittenNewton(true) },
      {
        name: "solve(newtonMinimize), trace off",
        run: () => fromState(solve(newtonSolver, problem, { trace: false }).state),
      },
      { name: "solve(newtonMinimize), default trace", run: () => fromState(solve(newtonSolver, problem).state) },
      { name: "hand-written BFGS loop", run: () => handWrittenBfgs() },
      { name: "solve(bfgs), trace off", run: () => fromState(solve(bfgsSolver, problem, { trace: false }).state) },
    ],
    rounds,
  );
  const long = table(
    "x^4 + y^4 from (1, 0.5), 461 Newton steps per run, 20 runs",
    20,
    [
      { name: "hand-written Newton loop (2 x 2 Cholesky inline)", run: () => handWrittenNewton(false, quartic, 0) },
      { name: "hand-written Newton loop, ml-matrix Cholesky", run: () => handWrittenNewton(true, quartic, 0) },
      {
        name: "solve(newtonMinimize), trace off",
        run: () => fromState(solve(longSolver, quartic, { trace: false }).state),
      },
      { name: "solve(newtonMinimize), default trace", run: () => fromState(solve(longSolver, quartic).state) },
    ],
    rounds,
  );
  return `${short}\n\n${long}`;
}

/** Measures contenders that each run `runs` solves, and formats times, ratios and evaluations per second. */
function table(
  title: string,
  runs: number,
  contenders: readonly { name: string; run: () => Counts }[],
  rounds: number,
): string {
  const counts = contenders.map((contender) => contender.run());
  const measurements = measureSideBySide(
    contenders.map(({ name, run }) => ({
      name,
      run: () => {
        let last: Counts = [0, 0, 0];
        for (let r = 0; r < runs; r++) last = run();
        return last;
      },
    })),
    rounds,
  );
  const width = Math.max(...contenders.map(({ name }) => name.length));
  const lines = measurements.map((m, i) => {
    const [fs, gs, hs] = counts[i] as Counts;
    const perSecond = (count: number) => (((count * runs) / m.medianMs) * 1000).toExponential(2);
    const split = `f ${perSecond(fs)}, grad ${perSecond(gs)}, Hessian ${perSecond(hs)}`;
    return `  ${m.name.padEnd(width)}  per run: f ${fs}, grad ${gs}, Hessian ${hs}; ${perSecond(fs + gs + hs)} evaluations/s (${split})`;
  });
  return [formatMeasurements(`${title} (ratios to the first line)`, measurements), ...lines].join("\n");
}
