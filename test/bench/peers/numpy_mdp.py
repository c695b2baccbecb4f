"""Value-iteration sweeps as pymdptoolbox writes its Bellman operator, Q[a] = R_a + gamma P_a V, V = max_a Q,
policy = argmax_a Q: numpy for dense transitions (A matrices S x S), scipy.sparse CSR for sparse ones.
ms per sweep: median over repeats of `sweeps` sweeps, divided by `sweeps`.
"""
import numpy as np
import scipy
import scipy.sparse

from peer_common import interleaved_medians, main


def measure(params, arrays):
    s, a, gamma = params["states"], params["actions"], params["discount"]
    rewards = arrays["rewards"].reshape(s, a)
    r = [np.ascontiguousarray(rewards[:, action]) for action in range(a)]
    if params["dense"]:
        dense = arrays["transitions"].reshape(a, s, s)
        p = [dense[action] for action in range(a)]
    else:
        p = [
            scipy.sparse.csr_matrix(
                (arrays[f"probabilities{action}"], arrays[f"columnIndices{action}"], arrays[f"rowPointers{action}"]),
                shape=(s, s),
            )
            for action in range(a)
        ]
    sweeps = params["sweeps"]
    state = {"v": np.zeros(s)}

    def bellman(v):
        q = np.empty((a, s))
        for action in range(a):
            q[action] = r[action] + gamma * p[action].dot(v)
        return q.argmax(axis=0), q.max(axis=0)

    def run():
        v = state["v"]
        for _ in range(sweeps):
            _, v = bellman(v)
        state["v"] = v

    ms = interleaved_medians({"sweeps": run}, params["repeats"], warmup=1)["sweeps"]
    return {"figures": {"sweep": ms / sweeps}, "versions": {"numpy": np.__version__, "scipy": scipy.__version__}}


if __name__ == "__main__":
    main(measure)
