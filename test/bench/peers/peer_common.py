"""Shared helpers of the peer benchmarks: read a data set written by data-files.ts, time by medians, write results.

Run by test/bench/peers/run.ts with Debian's /usr/bin/python3; never imported by iterlab itself.
"""
import json
import sys
import time

import numpy as np

DTYPES = {"float64": "<f8", "float32": "<f4", "int32": "<i4"}


def load(manifest_path):
    """Returns (params, arrays) of the data set whose manifest is at manifest_path."""
    with open(manifest_path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    directory = manifest_path.rsplit("/", 1)[0]
    arrays = {}
    for key, entry in manifest["arrays"].items():
        values = np.fromfile(f"{directory}/{entry['file']}", dtype=DTYPES[entry["dtype"]])
        if values.size != entry["length"]:
            raise ValueError(f"{entry['file']}: {values.size} values, expected {entry['length']}")
        arrays[key] = values
    return manifest["params"], arrays


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def time_ms(run):
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def interleaved_medians(runs, repeats, warmup=1):
    """Median ms of each callable in runs (a dict), run in interleaved rounds after warmup unmeasured rounds."""
    samples = {name: [] for name in runs}
    for round_index in range(warmup + repeats):
        for name, run in runs.items():
            elapsed = time_ms(run)
            if round_index >= warmup:
                samples[name].append(elapsed)
    return {name: median(values) for name, values in samples.items()}


def threads_note():
    """What the thread settings of this process were."""
    import os

    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    settings = {name: os.environ[name] for name in names if name in os.environ}
    return settings or "library default"


def pool_threads():
    """The most threads an OpenMP or BLAS pool of this process uses (threadpoolctl), or None."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    counts = [entry["num_threads"] for entry in threadpool_info()]
    return max(counts) if counts else None


def main(measure):
    """Runs measure(params, arrays) -> dict on argv[1] (manifest) and writes JSON to argv[2]."""
    params, arrays = load(sys.argv[1])
    result = measure(params, arrays)
    result["threadSettings"] = threads_note()
    result.setdefault("threads", pool_threads())
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(result, handle)
