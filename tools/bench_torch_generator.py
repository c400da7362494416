#!/usr/bin/env python3
"""PyTorch CPU reference for the Benchmark command: the embedded DCGAN generator's images per second.

Loads checkpoints/dcgan-digiface-64.safetensors (through the numpy reader of convert_torch_checkpoint),
builds the same network in torch, and times forward passes at the given batch size. Prints one JSON object.
Exits with status 3 and a message when torch is not installed.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from convert_torch_checkpoint import read_safetensors  # noqa: E402

try:
    import torch
    from torch import nn
except ImportError:
    print("torch is not installed (pip install torch==2.13.0)", file=sys.stderr)
    sys.exit(3)


def build_generator(tensors):
    """The DCGAN generator as nn.Sequential with the checkpoint's weights, in eval mode."""
    layers = []
    channels = [100, 512, 256, 128, 64, 3]
    for block in range(5):
        stride, padding = (1, 0) if block == 0 else (2, 1)
        layers.append(nn.ConvTranspose2d(channels[block], channels[block + 1], 4, stride, padding, bias=False))
        if block < 4:
            layers += [nn.BatchNorm2d(channels[block + 1]), nn.ReLU(True)]
        else:
            layers.append(nn.Tanh())
    model = nn.Sequential(*layers)
    state = {name[len("main."):]: torch.from_numpy(array.copy()) for name, array in tensors.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or any(not name.endswith("num_batches_tracked") for name in missing):
        sys.exit(f"checkpoint does not fit the generator: missing {missing}, unexpected {unexpected}")
    return model.eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checkpoint")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    tensors, _ = read_safetensors(args.checkpoint)
    model = build_generator(tensors)
    z = torch.randn(args.batch, 100, 1, 1, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        for _ in range(3):
            model(z)
        batches, start = 0, time.perf_counter()
        while time.perf_counter() - start < args.seconds:
            model(z)
            batches += 1
        elapsed = time.perf_counter() - start
    print(json.dumps({"images_per_second": batches * args.batch / elapsed, "batch": args.batch,
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
