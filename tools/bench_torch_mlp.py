#!/usr/bin/env python3
"""PyTorch CPU reference for the Benchmark command's training figures.

Builds the latent classifier the Swift side measures (100-16-5 softmax or 512-512-1 sigmoid, LeakyReLU 0.1,
PyTorch's default initialisation), standardises random normal latents with their fitted mean and deviation,
and times (a) Adam steps (lr 1e-3) on batches gathered from shuffled rows of a pool of 4,096 latents with
random labels, with BCE-with-logits or cross-entropy, and (b) the gradient of the last class's probability
with respect to the latents for many latents at once. Prints one JSON object.
Exits with status 3 and a message when torch is not installed.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    from torch import nn
    from torch.nn import functional as F
except ImportError:
    print("torch is not installed (pip install torch==2.13.0)", file=sys.stderr)
    sys.exit(3)

MODELS = {"100-16-5": (100, 16, 5), "512-512-1": (512, 512, 1)}
POOL = 4096


def seconds_per_call(body, minimum_seconds, warmup=2):
    """The median over five rounds of the mean seconds per call, each round at least minimum_seconds / 5."""
    for _ in range(warmup):
        body()
    rounds = []
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while True:
            body()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= minimum_seconds / 5:
                break
        rounds.append(elapsed / calls)
    return statistics.median(rounds)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", choices=sorted(MODELS), default="100-16-5")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--samples", type=int, default=10_000, help="latents per input-gradient call")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    dimension, hidden, logits = MODELS[args.model]
    classes = max(logits, 2)
    model = nn.Sequential(nn.Linear(dimension, hidden), nn.LeakyReLU(0.1), nn.Linear(hidden, logits))
    pool = torch.randn(POOL, dimension)
    mean, deviation = pool.mean(0), pool.std(0, unbiased=False)
    inputs = (pool - mean) / deviation
    labels = torch.randint(0, classes, (POOL,))
    targets = labels.float().unsqueeze(1)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    state = {"order": torch.randperm(POOL), "next": 0}

    def step():
        if state["next"] + args.batch > POOL:
            state["order"], state["next"] = torch.randperm(POOL), 0
        rows = state["order"][state["next"]:state["next"] + args.batch]
        state["next"] += args.batch
        out = model(inputs[rows])
        if logits == 1:
            loss = F.binary_cross_entropy_with_logits(out, targets[rows])
        else:
            loss = F.cross_entropy(out, labels[rows])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()

    step_seconds = seconds_per_call(step, args.seconds)

    latents = torch.randn(args.samples, dimension)

    def gradient():
        z = latents.clone().requires_grad_(True)
        out = model((z - mean) / deviation)
        p = torch.sigmoid(out[:, 0]) if logits == 1 else torch.softmax(out, dim=1)[:, classes - 1]
        (grad,) = torch.autograd.grad(p.sum(), z)
        return grad

    gradient_seconds = seconds_per_call(gradient, args.seconds)
    print(json.dumps({"model": args.model, "batch": args.batch, "samples_per_second": args.batch / step_seconds,
                      "samples": args.samples, "gradient_seconds": gradient_seconds,
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
