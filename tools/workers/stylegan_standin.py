#!/usr/bin/env python3
"""A small style-based generator in NumPy, standing in for StyleGAN2 where no real network can be fetched.

It has StyleGAN2's interface and structure, with random weights: a mapping MLP z -> w, and a synthesis network
from a learned constant at 4x4 up to 64x64. Each of its 10 layers is modulated by its own w. Its 9 3x3 convolutions
are weight-demodulated and the last layer is a toRGB. So W space, W+ codes [N, 10, D] and layer ranges behave as
they do for StyleGAN2, at a size the tests can run. It makes no faces. `stylegan2_ada.py` would serve a real
NVlabs pickle the same way.

Usage: python3 tools/workers/stylegan_standin.py [--seed 0]
"""

import argparse
import hashlib
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from worker_protocol import Worker, serve  # noqa: E402

Z_DIM, W_DIM, CHANNELS = 32, 32, 16
RESOLUTIONS = [4, 8, 8, 16, 16, 32, 32, 64, 64]  # the output side of each 3x3 convolution; then toRGB
LAYERS = len(RESOLUTIONS) + 1


def leaky(x):
    return np.where(x >= 0, x, 0.2 * x)


class StandIn:
    """Random weights from `seed`; every array float32."""

    def __init__(self, seed):
        rng = np.random.default_rng(seed)
        f = np.float32
        self.mapping = [(rng.standard_normal((W_DIM, Z_DIM if i == 0 else W_DIM)).astype(f) / np.sqrt(Z_DIM),
                         np.zeros(W_DIM, f)) for i in range(4)]
        self.constant = rng.standard_normal((CHANNELS, 4, 4)).astype(f)
        self.affine = [rng.standard_normal((CHANNELS, W_DIM)).astype(f) * 0.3 for _ in range(LAYERS)]
        self.convs = [rng.standard_normal((CHANNELS, CHANNELS, 3, 3)).astype(f) for _ in RESOLUTIONS]
        self.biases = [rng.standard_normal(CHANNELS).astype(f) * 0.1 for _ in RESOLUTIONS]
        self.to_rgb = rng.standard_normal((3, CHANNELS)).astype(f) * 0.5
        self.rgb_shift = rng.standard_normal((3, W_DIM)).astype(f) * 0.8  # a colour cast from the last layer's w
        self.digest = hashlib.sha256(b"".join(a.tobytes() for a in self.arrays())).hexdigest()

    def arrays(self):
        yield from (a for layer in self.mapping for a in layer)
        yield self.constant
        yield from self.affine
        yield from self.convs
        yield from self.biases
        yield self.to_rgb
        yield self.rgb_shift

    def map(self, z):
        """w [N, W_DIM] for z [N, Z_DIM]: pixel-normalised z through 4 leaky layers."""
        x = z / np.sqrt(np.mean(z * z, axis=1, keepdims=True) + 1e-8)
        for weight, bias in self.mapping:
            x = leaky(x @ weight.T + bias)
        return x.astype(np.float32)

    def synthesis(self, codes, stop_after=None):
        """Images [N, 3, 64, 64] in [-1, 1] for W+ codes [N, LAYERS, W_DIM]; with `stop_after` k, the features
        [N, CHANNELS, side, side] the k-th convolution (1-based) puts out instead."""
        n = codes.shape[0]
        x = np.broadcast_to(self.constant, (n, CHANNELS, 4, 4)).astype(np.float32)
        for layer, side in enumerate(RESOLUTIONS):
            if x.shape[-1] != side:
                x = x.repeat(2, axis=2).repeat(2, axis=3)  # nearest-neighbour upsampling
            style = codes[:, layer] @ self.affine[layer].T + 1.0  # [N, Cin]
            weight = self.convs[layer][None] * style[:, None, :, None, None]  # [N, Cout, Cin, 3, 3]
            weight = weight / np.sqrt(np.sum(weight * weight, axis=(2, 3, 4), keepdims=True) + 1e-8)
            padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
            patches = np.stack([padded[:, :, i:i + side, j:j + side] for i in range(3) for j in range(3)], axis=2)
            x = np.einsum("noik,nikhw->nohw", weight.reshape(n, CHANNELS, CHANNELS, 9), patches)
            x = leaky(x + self.biases[layer][None, :, None, None])
            if stop_after == layer + 1:
                return x.astype(np.float32)
        style = codes[:, -1] @ self.affine[-1].T + 1.0
        rgb = np.einsum("ci,ni,nihw->nchw", self.to_rgb, style, x) * (40 / np.sqrt(CHANNELS))
        rgb = rgb - rgb.mean(axis=(1, 2, 3), keepdims=True) + (codes[:, -1] @ self.rgb_shift.T)[:, :, None, None]
        return np.tanh(rgb).astype(np.float32)


def load(seed):
    """The worker: W space with 10 layers; `render` takes z (all layers from its w), `render_w` W+ codes, and
    `activations` reads the output of each of the 9 convolutions (blocks 1 to 9)."""
    model = StandIn(seed)
    return Worker(name=f"stylegan-standin-s{seed}", latent_dimension=Z_DIM, image_shape=(3, 64, 64),
                  render=lambda z: model.synthesis(np.repeat(model.map(z)[:, None], LAYERS, axis=1)),
                  weights_sha256=model.digest, mapping=model.map, render_w=model.synthesis,
                  w_dimension=W_DIM, w_layers=LAYERS,
                  activations=lambda codes, block: model.synthesis(
                      codes if codes.ndim == 3 else np.repeat(model.map(codes)[:, None], LAYERS, axis=1), stop_after=block),
                  blocks=[[CHANNELS, side, side] for side in RESOLUTIONS])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=0)
    serve(load(parser.parse_args().seed))


if __name__ == "__main__":
    main()
