"""PyTorch peer of MNIST Lab's two benchmark recipes, for `npm run bench` (scripts/bench.mjs).

Same networks, batch sizes and optimizer as the presets chollet-ch2 and convnet-ch8 (RMSprop
lr 1e-3, rho 0.9), trained the idiomatic PyTorch way (logits + CrossEntropyLoss) on the real
MNIST training images, one thread count per run. Prints one JSON line per recipe.

  /usr/bin/python3 bench/torch-peer.py DATA_DIR --threads 1 [--recipes mlp,cnn]
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn


def load_images(data_dir):
    with open(f"{data_dir}/train-images-idx3-ubyte", "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    with open(f"{data_dir}/train-labels-idx1-ubyte", "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    x = torch.from_numpy(raw.reshape(-1, 1, 28, 28).astype(np.float32) / 255.0)
    return x, torch.from_numpy(labels.astype(np.int64))


def model_for(recipe):
    if recipe == "mlp":  # chollet-ch2: Dense(512, relu) → Dense(10, softmax)
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10)), 128
    # convnet-ch8: Conv(32) → MaxPool → Conv(64) → MaxPool → Conv(128) → Flatten → Dense(10)
    return (
        nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3), nn.ReLU(), nn.Flatten(), nn.Linear(128 * 3 * 3, 10),
        ),
        64,
    )


def bench(recipe, x, y, steps):
    torch.manual_seed(42)
    model, batch = model_for(recipe)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0])
    steps_per_epoch = (x.shape[0] + batch - 1) // batch

    def step(i):
        idx = order[(i * batch) % (x.shape[0] - batch):][:batch]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
        return loss.item()  # a sync per step, as the lab reads its loss every step

    for i in range(5):
        step(i)
    start = time.perf_counter()
    for i in range(steps):
        step(i + 5)
    seconds = time.perf_counter() - start
    return {
        "recipe": recipe,
        "threads": torch.get_num_threads(),
        "msPerStep": 1000 * seconds / steps,
        "secondsPerEpoch": seconds / steps * steps_per_epoch,
        "steps": steps,
        "torch": torch.__version__,
    }


def blas_in_use():
    """Which BLAS library torch's matmuls load here (Linear layers use it; convolutions use oneDNN)."""
    torch.randn(8, 8) @ torch.randn(8, 8)
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if "blas" in line.lower() or "mkl" in line.lower()}
    if any("openblas" in lib for lib in libs):
        return "OpenBLAS"
    if any("mkl" in lib for lib in libs):
        return "MKL"
    if any(lib.startswith("libblas") for lib in libs):
        return "reference BLAS (netlib libblas3)"
    return "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--recipes", default="mlp,cnn")
    parser.add_argument("--mlp-steps", type=int, default=469)
    parser.add_argument("--cnn-steps", type=int, default=150)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    x, y = load_images(args.data_dir)
    blas = blas_in_use()
    for recipe in args.recipes.split(","):
        steps = args.mlp_steps if recipe == "mlp" else args.cnn_steps
        print(json.dumps({**bench(recipe, x, y, steps), "blas": blas}), flush=True)


if __name__ == "__main__":
    main()
