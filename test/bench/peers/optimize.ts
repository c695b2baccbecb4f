import { solve, strongWolfe } from "../../../src/index.js";
import { lbfgs } from "../../../solvers/newton/index.js";
import { extendedRosenbrock } from "../../fixtures/extended-rosenbrock.js";
import { measureSideBySide } from "../measure.js";
import type { PeerContext } from "./context.js";
import { peerFigure } from "./context.js";
import { writeDataSet } from "./data-files.js";
import type { PeerRow } from "./table.js";

/** The target: L-BFGS within 1.5x SciPy's L-BFGS-B per iteration. */
const scipyTarget = 1.5;

/**
 * L-BFGS (m = 10, strong Wolfe) on the extended Rosenbrock function with 10,000 unknowns from (-1.2, 1,
 * -1.2, 1, ...), against SciPy's L-BFGS-B with the same memory, start and gradient tolerance (`ftol = 0`):
 * per iteration, the median time of a whole run over its iteration count on both sides.
 */
export async function optimizeRows(context: PeerContext): Promise<PeerRow[]> {
  const n = 10_000;
  const memory = 10;
  const gtol = 1e-8;
  const rounds = context.quick ? 3 : 11;
  const x0 = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    x0[i] = -1.2;
    x0[i + 1] = 1;
  }
  const manifest = await writeDataSet(context.directory, "extended-rosenbrock", {
    params: { n, memory, gtol, repeats: rounds },
    arrays: { x0 },
  });
  const problem = extendedRosenbrock(n); // the same start as x0, which the peer reads
  const solver = lbfgs({ memory, lineSearch: strongWolfe(), absTolerance: gtol });
  const iterations = solve(solver, problem).iterations;
  context.log(`extended Rosenbrock n = ${n}: iterlab L-BFGS (${iterations} iterations x ${rounds} rounds)`);
  const [whole] = measureSideBySide(
    [{ name: "lbfgs", run: () => solve(solver, problem, { trace: false }).state }],
    rounds,
    2,
  );
  context.log("extended Rosenbrock: SciPy L-BFGS-B");
  const scipy = (await context.peer("scipy_lbfgs.py", manifest, ["numpy", "scipy"], ["default"])).get("default");
  const version = typeof scipy === "object" ? `SciPy ${scipy.versions.scipy ?? "?"}` : "SciPy";
  const nit = typeof scipy === "object" ? scipy.iterations?.lbfgsb : undefined;
  return [
    {
      workload: `L-BFGS (m = ${memory}, strong Wolfe), extended Rosenbrock n = ${n.toLocaleString("en")}, gtol ${gtol}, per iteration`,
      peer: `${version} L-BFGS-B (maxcor = ${memory}, ftol = 0), f and gradient vectorised in numpy (jac=True)`,
      peerFigure: peerFigure(scipy, "lbfgsIteration", () => `${nit ?? "?"} iterations`),
      iterlabFigure: { ms: (whole?.medianMs ?? Number.NaN) / iterations, note: `${iterations} iterations` },
      targetAtMost: scipyTarget,
    },
  ];
}
