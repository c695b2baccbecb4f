"""PyTorch: an MLP 784-128-10 (ReLU) trained with Adam (lr 1e-3) and cross-entropy, per-step time.

The rows are read once into one float32 tensor; a step is a slice of `batch` rows, forward, loss, backward and
optimizer.step(). ms per step: median over repeats of one pass over the rows, divided by the steps in a pass.
Threads: torch's own default (which may be fewer than the cores), or OMP_NUM_THREADS (torch.set_num_threads).

On the CPU always ("step-<batch>"); on CUDA too when torch.cuda.is_available() ("cuda-step-<batch>", the rows
resident on the GPU like the WGSL trainer's, the pass ending with torch.cuda.synchronize()). Run alone,
`python3 torch_mlp.py --cuda ROWS REPEATS` measures CUDA on seeded random rows and prints one JSON line
(test/bench/gpu-check.sh uses it).
"""
import json
import os
import sys
import time

import numpy as np
import torch

from peer_common import interleaved_medians, main


def train_steps(x, y, batch, repeats, synchronize):
    """Median ms per step of one pass over the rows, after one unmeasured pass."""
    torch.manual_seed(1)
    device = x.device
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = torch.nn.CrossEntropyLoss()
    rows = x.shape[0]
    steps = (rows + batch - 1) // batch

    def epoch():
        for start in range(0, rows, batch):
            optimizer.zero_grad()
            loss = loss_function(model(x[start : start + batch]), y[start : start + batch])
            loss.backward()
            optimizer.step()
        synchronize()

    return interleaved_medians({"epoch": epoch}, repeats)["epoch"] / steps


def cuda_figures(x, y, batch_sizes, repeats):
    """CUDA ms per step by batch ("cuda-step-<batch>"), or {} without a CUDA device."""
    if not torch.cuda.is_available():
        return {}
    xc, yc = x.cuda(), y.cuda()
    return {f"cuda-step-{b}": train_steps(xc, yc, b, repeats, torch.cuda.synchronize) for b in batch_sizes}


def measure(params, arrays):
    if "OMP_NUM_THREADS" in os.environ:
        torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
    rows = params["rows"]
    x = torch.from_numpy(arrays["x"].reshape(rows, 784).copy())
    y = torch.from_numpy(arrays["y"].astype(np.int64))
    figures = {f"step-{b}": train_steps(x, y, b, params["repeats"], lambda: None) for b in params["batchSizes"]}
    if "OMP_NUM_THREADS" not in os.environ:  # CUDA once, in the default-threads run
        figures.update(cuda_figures(x, y, params["batchSizes"], params["repeats"]))
    versions = {"torch": torch.__version__}
    if torch.cuda.is_available():
        versions["cuda"] = f"{torch.version.cuda} on {torch.cuda.get_device_name(0)}"
    return {"figures": figures, "threads": torch.get_num_threads(), "versions": versions}


def cuda_check(rows, repeats):
    """Samples/s of the CUDA loop at batch 128 and 1024 on seeded random rows, as one JSON line."""
    if not torch.cuda.is_available():
        print(json.dumps({"skip": "torch.cuda.is_available() is False"}))
        return
    generator = torch.Generator().manual_seed(7)
    x = torch.rand(rows, 784, generator=generator)
    y = torch.randint(0, 10, (rows,), generator=generator)
    started = time.perf_counter()
    figures = cuda_figures(x, y, [128, 1024], repeats)
    samples = {key.split("-")[-1]: int(key.split("-")[-1]) * 1000 / ms for key, ms in figures.items()}
    device = f"{torch.cuda.get_device_name(0)}, torch {torch.__version__}, CUDA {torch.version.cuda}"
    print(json.dumps({"device": device, "samplesPerSecond": samples, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--cuda":
        cuda_check(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main(measure)
