#!/usr/bin/env python3
"""NumPy reference forward pass of the DCGAN-64 generator stored in a safetensors file.

Checks a converted checkpoint against fixtures made with PyTorch: z.npy ([N, 100]),
images.npy ([N, 3, 64, 64]) and block1..4.npy (post-ReLU activations of the
four ConvTranspose-BatchNorm-ReLU blocks). Computes in float64.

Usage:
    python3 tools/reference_forward_numpy.py CHECKPOINT.safetensors FIXTURE_DIR [--tolerance 1e-4]
"""

import argparse
import os
import sys

import numpy as np

from convert_torch_checkpoint import read_safetensors

BN_EPS = 1e-5
# (ConvTranspose2d index in `main`, stride, padding, BatchNorm index or None)
LAYERS = [(0, 1, 0, 1), (3, 2, 1, 4), (6, 2, 1, 7), (9, 2, 1, 10), (12, 2, 1, None)]


def conv_transpose2d(x, weight, stride, padding):
    """PyTorch ConvTranspose2d (no bias) of x [N, Cin, H, W] with weight [Cin, Cout, k, k]."""
    n, _, height, width = x.shape
    _, c_out, k, _ = weight.shape
    columns = np.einsum("nihw,iokl->noklhw", x, weight)
    full = np.zeros((n, c_out, (height - 1) * stride + k, (width - 1) * stride + k), x.dtype)
    for kh in range(k):
        for kw in range(k):
            full[:, :, kh:kh + (height - 1) * stride + 1:stride,
                 kw:kw + (width - 1) * stride + 1:stride] += columns[:, :, kh, kw]
    return full[:, :, padding:full.shape[2] - padding, padding:full.shape[3] - padding]


def batch_norm_eval(x, tensors, index):
    """BatchNorm2d in eval mode with the running statistics of `main.<index>`."""
    def param(name):
        return tensors[f"main.{index}.{name}"].astype(np.float64)[None, :, None, None]
    scale = param("weight") / np.sqrt(param("running_var") + BN_EPS)
    return (x - param("running_mean")) * scale + param("bias")


def generate(tensors, z):
    """Images [N, 3, 64, 64] and the four post-ReLU block activations for latents z [N, 100]."""
    x = z.astype(np.float64).reshape(z.shape[0], -1, 1, 1)
    blocks = []
    for conv, stride, padding, norm in LAYERS:
        x = conv_transpose2d(x, tensors[f"main.{conv}.weight"].astype(np.float64), stride, padding)
        if norm is None:
            return np.tanh(x), blocks
        x = np.maximum(batch_norm_eval(x, tensors, norm), 0.0)
        blocks.append(x)
    raise AssertionError("LAYERS must end with a layer without BatchNorm")


def max_errors(checkpoint, fixtures):
    """Max abs error of each output against its fixture, by fixture name."""
    tensors, _ = read_safetensors(checkpoint)
    z = np.load(os.path.join(fixtures, "z.npy"))
    images, blocks = generate(tensors, z)
    outputs = {"images": images, **{f"block{i}": b for i, b in enumerate(blocks, start=1)}}
    return {name: float(np.max(np.abs(value - np.load(os.path.join(fixtures, f"{name}.npy")))))
            for name, value in outputs.items()}


def main(argv=None):
    """Print the error per fixture; exit status 1 if any exceeds the tolerance."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("checkpoint")
    parser.add_argument("fixtures")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args(argv)
    errors = max_errors(args.checkpoint, args.fixtures)
    for name, error in errors.items():
        print(f"{name}: max abs error {error:.3e}")
    return 0 if max(errors.values()) <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
