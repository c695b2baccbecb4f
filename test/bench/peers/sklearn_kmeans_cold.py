"""One cold scikit-learn KMeans fit, for the peers bench's "first fit in a fresh process" rows (kmeans.ts).

Usage: sklearn_kmeans_cold.py MANIFEST lloyd|elkan. scikit-learn is imported, the data set loaded and a small
fit run (the first 2,000 rows: it pays scikit-learn's lazy one-time set-up, threadpoolctl's library scan and
the OpenMP pool's start, 0.2-0.9 s here, which are not k-means work) before the clock starts; the figure is the
process's first fit on the whole data (KMeans(init = the first k rows, n_init = 1), default tol and max_iter),
whose arrays land on memory the process has not used before, as in a program that fits one large problem.
Prints one JSON line: {"ms", "iterations", "threads"}.
"""
import json
import sys
import time

from sklearn.cluster import KMeans

from peer_common import load, pool_threads


def main():
    params, arrays = load(sys.argv[1])
    algorithm = sys.argv[2]
    n, d, k = params["rows"], params["columns"], params["k"]
    x = arrays["x"].reshape(n, d)
    start = x[:k].copy()
    KMeans(n_clusters=k, init=start, n_init=1, algorithm=algorithm).fit(x[:2000])
    started = time.perf_counter()
    model = KMeans(n_clusters=k, init=start, n_init=1, algorithm=algorithm).fit(x)
    ms = (time.perf_counter() - started) * 1000
    print(json.dumps({"ms": ms, "iterations": int(model.n_iter_), "threads": pool_threads()}))


if __name__ == "__main__":
    main()
