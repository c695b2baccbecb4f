"""SciPy's L-BFGS-B on the extended Rosenbrock function (More, Garbow and Hillstrom's problem 21) from the
start written by optimize.ts, with f and its gradient in one numpy-vectorised function (jac=True), m = 10
pairs (maxcor), gtol as given and ftol = 0 (so both sides stop on the gradient norm alone).

Figure: ms per iteration, the median time of a whole minimize() call over its iteration count (nit).
"""
import numpy as np
import scipy
from scipy.optimize import minimize

from peer_common import interleaved_medians, main


def fun_and_grad(x):
    odd = x[::2]
    a = x[1::2] - odd * odd
    b = 1.0 - odd
    g = np.empty_like(x)
    g[::2] = -400.0 * odd * a - 2.0 * b
    g[1::2] = 200.0 * a
    return float(np.dot(a, a) * 100.0 + np.dot(b, b)), g


def measure(params, arrays):
    x0 = arrays["x0"]
    options = {"maxcor": params["memory"], "gtol": params["gtol"], "ftol": 0.0, "maxiter": 100000}
    result = {}

    def run():
        result["last"] = minimize(fun_and_grad, x0, jac=True, method="L-BFGS-B", options=options)

    whole = interleaved_medians({"lbfgsb": run}, params["repeats"], warmup=2)["lbfgsb"]
    last = result["last"]
    return {
        "figures": {"lbfgsIteration": whole / last.nit},
        "iterations": {"lbfgsb": int(last.nit), "nfev": int(last.nfev)},
        "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
        "final": {"f": float(last.fun), "gradientInf": float(np.max(np.abs(last.jac)))},
    }


if __name__ == "__main__":
    main(measure)
