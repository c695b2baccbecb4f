"""PyTorch on the CPU: an MLP 784-128-10 (ReLU) trained with Adam (lr 1e-3) and cross-entropy, per-step time.

The rows are read once into one float32 tensor; a step is a slice of `batch` rows, forward, loss, backward and
optimizer.step(). ms per step: median over repeats of one pass over the rows, divided by the steps in a pass.
Threads: torch's own default (which may be fewer than the cores), or OMP_NUM_THREADS (torch.set_num_threads).
"""
import os

import numpy as np
import torch

from peer_common import interleaved_medians, main


def measure(params, arrays):
    if "OMP_NUM_THREADS" in os.environ:
        torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
    rows = params["rows"]
    x = torch.from_numpy(arrays["x"].reshape(rows, 784).copy())
    y = torch.from_numpy(arrays["y"].astype(np.int64))
    figures = {}
    for batch in params["batchSizes"]:
        torch.manual_seed(1)
        model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_function = torch.nn.CrossEntropyLoss()
        steps = (rows + batch - 1) // batch

        def epoch(model=model, optimizer=optimizer, batch=batch):
            for start in range(0, rows, batch):
                optimizer.zero_grad()
                loss = loss_function(model(x[start : start + batch]), y[start : start + batch])
                loss.backward()
                optimizer.step()

        figures[f"step-{batch}"] = interleaved_medians({"epoch": epoch}, params["repeats"])["epoch"] / steps
    return {"figures": figures, "threads": torch.get_num_threads(), "versions": {"torch": torch.__version__}}


if __name__ == "__main__":
    main(measure)
