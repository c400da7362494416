#!/usr/bin/env python3
"""A generator worker for the embedded DCGAN in NumPy only: the test worker CI runs, and a template.

Usage: python3 tools/workers/numpy_dcgan.py [--checkpoint checkpoints/dcgan-digiface-64.safetensors]

To serve your own generator, copy this file and change `load()`: it returns a `Worker` with your latent
dimension, image shape and a `render(z)` that maps float32 latents [N, D] to float32 images [N, C, H, W] in
[-1, 1] (and, if you can, a `vjp`). The protocol is in docs/generator-worker.md.
"""

import argparse
import hashlib
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))  # tools/: the NumPy reference forward pass and the safetensors reader

from worker_protocol import Worker, serve  # noqa: E402
from convert_torch_checkpoint import read_safetensors  # noqa: E402
from reference_forward_numpy import generate  # noqa: E402

DEFAULT_CHECKPOINT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "checkpoints", "dcgan-digiface-64.safetensors")


def load(checkpoint):
    """The worker: edit this to serve another generator."""
    tensors, _ = read_safetensors(checkpoint)
    with open(checkpoint, "rb") as file:
        digest = hashlib.sha256(file.read()).hexdigest()

    def render(z):
        images, _ = generate(tensors, z)
        return images.astype(np.float32)

    return Worker(name="dcgan-digiface-64", latent_dimension=tensors["main.0.weight"].shape[0],
                  image_shape=(3, 64, 64), render=render, weights_sha256=digest)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT)
    args = parser.parse_args()
    serve(load(args.checkpoint))


if __name__ == "__main__":
    main()
