"""PETSc (petsc4py) Richardson with SOR (forward sweep) and Jacobi, and CG, on an AIJ matrix read from CSR files.

Figures: ms per SOR sweep (KSPRICHARDSON + PCSOR with the default convergence test and no norm: PETSc runs
MatSOR for all sweeps at once, PCApplyRichardson): forward with omega = 1 and 1.5, and symmetric (SSOR, a
forward and a backward sweep); ms per Jacobi iteration without a norm (r = b - A x, x += D^-1 r); and ms per
Richardson iteration with the unpreconditioned residual norm computed every iteration (a convergence test that
never stops the run forces KSP's general loop: r = b - A x, ||r||, z = SOR(r) or D^-1 r, x += z), for SOR and
for Jacobi; and ms per KSPCG iteration (PCNONE,
the residual norm every iteration, the same never-stopping test), also as the marginal cost of an iteration.
"""
import sys

import petsc4py

petsc4py.init(sys.argv[:1])
from petsc4py import PETSc  # noqa: E402

from peer_common import interleaved_medians, main  # noqa: E402


def measure(params, arrays):
    n = params["n"]
    its = params["sweeps"]
    repeats = params["repeats"]
    rows = arrays["rowPointers"].astype(PETSc.IntType)
    cols = arrays["columnIndices"].astype(PETSc.IntType)
    matrix = PETSc.Mat().createAIJ(size=(n, n), csr=(rows, cols, arrays["values"]), comm=PETSc.COMM_SELF)
    matrix.assemble()
    b = matrix.createVecLeft()
    b.setArray(arrays["b"])
    options = PETSc.Options()

    def solver(prefix, pc_type, with_norm, ksp_type="richardson", sor="forward", omega=1.0, iterations=its):
        ksp = PETSc.KSP().create(comm=PETSc.COMM_SELF)
        ksp.setOptionsPrefix(prefix)
        ksp.setOperators(matrix)
        ksp.setType(ksp_type)
        ksp.getPC().setType(pc_type)
        if pc_type == "sor":
            options[f"{prefix}pc_sor_{sor}"] = None
            options[f"{prefix}pc_sor_omega"] = omega
        ksp.setTolerances(rtol=0.0, atol=0.0, divtol=1e300, max_it=iterations)
        ksp.setInitialGuessNonzero(True)
        ksp.setFromOptions()
        if with_norm:
            ksp.setNormType(PETSc.KSP.NormType.UNPRECONDITIONED)
            ksp.setConvergenceTest(lambda _ksp, _its, _rnorm: 0)  # never stops: KSP's general loop, its iterations
        else:
            ksp.setNormType(PETSc.KSP.NormType.NONE)
        x = matrix.createVecRight()

        def run():
            ksp.solve(b, x)
            if ksp.getIterationNumber() != iterations:
                raise RuntimeError(f"{prefix}: {ksp.getIterationNumber()} iterations, expected {iterations}")

        return run

    runs = {
        "sorSweep": solver("sweep_", "sor", False),
        "sorIteration": solver("iter_", "sor", True),
        "sorOmegaSweep": solver("omega_", "sor", False, omega=1.5),
        "ssorSweep": solver("ssor_", "sor", False, sor="symmetric"),
        # Richardson + Jacobi without a norm: r = b - A x, x += D^-1 r per iteration (PETSc's Jacobi sweep).
        "jacobiSweep": solver("jacobi_sweep_", "jacobi", False),
        "jacobiIteration": solver("jacobi_", "jacobi", True),
        # Conjugate gradients without a preconditioner, its residual norm every iteration (KSPCG's default).
        "cgIteration": solver("cg_", "none", True, "cg"),
        # The same with half the iterations: (solve of its - solve of its / 2) / (its - its / 2) is the cost of
        # an iteration alone, without KSPSolve's fixed work (r_0 = b - A x, set-up), as iterlab's trace times it.
        "cgHalf": solver("cg_half_", "none", True, "cg", iterations=its // 2),
    }
    medians = interleaved_medians(runs, repeats, warmup=2)
    major, minor, patch = PETSc.Sys.getVersion()
    figures = {name: ms / its for name, ms in medians.items() if name != "cgHalf"}
    figures["cgIterationMarginal"] = (medians["cgIteration"] - medians["cgHalf"]) / (its - its // 2)
    return {
        "figures": figures,
        "versions": {"petsc": f"{major}.{minor}.{patch}", "petsc4py": petsc4py.__version__},
        "threads": 1,
    }


if __name__ == "__main__":
    main(measure)
