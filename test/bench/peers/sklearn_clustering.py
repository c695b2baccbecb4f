"""scikit-learn k-means (Lloyd, Elkan) to convergence and GaussianMixture EM per iteration, on one data set.

k-means: KMeans(init = the first k rows, n_init = 1, default tol 1e-4 and max_iter 300), whole fit, median of
repeats, n_iter_ reported. EM: GaussianMixture(weights_init = 1/k, means_init = the first k rows, precisions_init
= identity, tol = 0, init_params = "random_from_data" so that no k-means runs first); ms per iteration =
(median fit time with max_iter = low + span - median with max_iter = low) / span; the mean log-likelihood after
low + span iterations is reported, to check that iterlab ran the same iterates.
"""
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from peer_common import interleaved_medians, main


def identity_precisions(kind, k, d):
    if kind == "full":
        return np.tile(np.eye(d), (k, 1, 1))
    if kind == "tied":
        return np.eye(d)
    if kind == "diag":
        return np.ones((k, d))
    return np.ones(k)


def measure(params, arrays):
    n, d, k = params["rows"], params["columns"], params["k"]
    x = arrays["x"].reshape(n, d)
    start = x[:k].copy()
    repeats = params.get("repeats", 0)
    figures = {}
    iterations = {}
    for algorithm in params["kmeansAlgorithms"]:
        models = []

        def fit(algorithm=algorithm, models=models):
            models.append(KMeans(n_clusters=k, init=start, n_init=1, algorithm=algorithm).fit(x))

        figures[f"kmeans-{algorithm}"] = interleaved_medians({"fit": fit}, repeats)["fit"]
        iterations[f"kmeans-{algorithm}"] = int(models[-1].n_iter_)
    low, span = params.get("emLow", 1), params.get("emSpan", 1)
    warnings.simplefilter("ignore", ConvergenceWarning)
    log_likelihoods = {}
    for kind in params["covarianceTypes"]:

        fitted = []

        def em(iterations_bound, kind=kind, fitted=fitted):
            def run():
                fitted.append(GaussianMixture(
                    n_components=k,
                    covariance_type=kind,
                    tol=0.0,
                    max_iter=iterations_bound,
                    init_params="random_from_data",
                    weights_init=np.full(k, 1.0 / k),
                    means_init=start,
                    precisions_init=identity_precisions(kind, k, d),
                    random_state=0,
                ).fit(x))

            return run

        medians = interleaved_medians({"low": em(low), "high": em(low + span)}, params["emRepeats"])
        figures[f"em-{kind}"] = (medians["high"] - medians["low"]) / span
        # The mean log-likelihood of the last fit's parameters (max_iter = low + span): iterlab's state after the
        # same iterations holds the same number when both ran the same EM from the same start.
        log_likelihoods[kind] = float(fitted[-1].score(x))
    versions = {"scikit-learn": sklearn.__version__, "numpy": np.__version__}
    return {"figures": figures, "iterations": iterations, "logLikelihoods": log_likelihoods, "versions": versions}


if __name__ == "__main__":
    main(measure)
