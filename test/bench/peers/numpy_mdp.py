"""Value-iteration sweeps as pymdptoolbox writes its Bellman operator, Q[a] = R_a + gamma P_a V, V = max_a Q,
policy = argmax_a Q: numpy for dense transitions (A matrices S x S), scipy.sparse CSR for sparse ones.
ms per sweep: median over repeats of `sweeps` sweeps, divided by `sweeps`.

numpy (1.20 and later) advises Linux to back every array of 4 MB or more with transparent huge pages
(madvise MADV_HUGEPAGE; with the system's THP setting "madvise" only advised memory gets them), while V8
maps a WebAssembly memory on 4 KB pages and nothing asks it otherwise. For dense transitions the sweep is
also timed on a copy made with that advice off (figure "sweepSmallPages"), interleaved with the default
one, and the kB of each copy on huge pages are reported (read from /proc/self/smaps).
"""
import numpy as np
import scipy
import scipy.sparse

from peer_common import interleaved_medians, main


def huge_page_kb(array):
    """kB of array's memory on transparent huge pages: the sum over the mappings it overlaps (None: unknown).

    numpy advises from the first whole 4 KB page of an allocation, so its mapping is split in two there.
    """
    first, last = array.ctypes.data, array.ctypes.data + array.nbytes
    total, overlaps = 0, False
    try:
        with open("/proc/self/smaps", encoding="ascii") as handle:
            for line in handle:
                fields = line.split()
                if "-" in fields[0] and len(fields) >= 5:
                    start, end = (int(part, 16) for part in fields[0].split("-"))
                    overlaps = start < last and first < end
                elif overlaps and fields[0] == "AnonHugePages:":
                    total += int(fields[1])
    except OSError:
        return None
    return total


def small_page_copy(array):
    """A copy of array allocated without numpy's huge-page advice (None where numpy cannot switch it off)."""
    multiarray = np.core.multiarray
    if not hasattr(multiarray, "_set_madvise_hugepage"):
        return None
    previous = multiarray._set_madvise_hugepage(False)
    try:
        return np.array(array, copy=True)
    finally:
        multiarray._set_madvise_hugepage(previous)


def measure(params, arrays):
    s, a, gamma = params["states"], params["actions"], params["discount"]
    rewards = arrays["rewards"].reshape(s, a)
    r = [np.ascontiguousarray(rewards[:, action]) for action in range(a)]
    layouts = {}
    if params["dense"]:
        dense = arrays["transitions"].reshape(a, s, s)
        layouts["sweeps"] = [dense[action] for action in range(a)]
        small = small_page_copy(dense)
        if small is not None:
            layouts["sweepsSmallPages"] = [small[action] for action in range(a)]
    else:
        layouts["sweeps"] = [
            scipy.sparse.csr_matrix(
                (arrays[f"probabilities{action}"], arrays[f"columnIndices{action}"], arrays[f"rowPointers{action}"]),
                shape=(s, s),
            )
            for action in range(a)
        ]
    sweeps = params["sweeps"]

    def bellman(p, v):
        q = np.empty((a, s))
        for action in range(a):
            q[action] = r[action] + gamma * p[action].dot(v)
        return q.argmax(axis=0), q.max(axis=0)

    def runner(p):
        state = {"v": np.zeros(s)}

        def run():
            v = state["v"]
            for _ in range(sweeps):
                _, v = bellman(p, v)
            state["v"] = v

        return run

    ms = interleaved_medians({name: runner(p) for name, p in layouts.items()}, params["repeats"], warmup=1)
    figures = {"sweep": ms["sweeps"] / sweeps}
    result = {"figures": figures, "versions": {"numpy": np.__version__, "scipy": scipy.__version__}}
    if "sweepsSmallPages" in ms:
        figures["sweepSmallPages"] = ms["sweepsSmallPages"] / sweeps
        result["hugePagesKb"] = {"default": huge_page_kb(dense), "smallPages": huge_page_kb(small)}
    return result


if __name__ == "__main__":
    main(measure)
