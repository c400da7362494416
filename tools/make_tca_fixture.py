"""Reference multilinear PCA bases for the Swift tests, computed with NumPy alone.

Reads the block-2 activations of the reference fixture (8 samples of 256 x 8 x 8) and writes, for full ranks
(one pass) and for ranks 12, 5, 6 (a first pass, then 9 alternating sweeps, as TCA's code does), each mode's
leading (at most 16) components [rank, dim] (float64, rows are the components, each signed so its largest-magnitude entry is positive)
and eigenvalues into Tests/Fixtures/tca/.

    python3 tools/make_tca_fixture.py
"""
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "Tests", "Fixtures", "dcgan-digiface-64", "block2.npy")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "tca")


def unfold(batch, mode):
    """The mode-`mode` unfolding of every tensor of `batch` [N, d1, d2, d3], side by side: [d_mode, N * rest]."""
    moved = np.moveaxis(batch, mode + 1, 0)
    return moved.reshape(moved.shape[0], -1)


def project(batch, mode, basis):
    """batch x_mode basis (basis [r, d] with components as rows)."""
    return np.moveaxis(np.tensordot(batch, basis, axes=([mode + 1], [1])), -1, mode + 1)


def leading(scatter, rank):
    values, vectors = np.linalg.eigh(scatter)
    order = np.argsort(values)[::-1][:rank]
    basis = vectors[:, order].T.copy()
    for row in basis:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    return values[order], basis


def mpca(data, ranks, sweeps=9):
    centred = data - data.mean(axis=0)
    reduced = list(ranks) != list(data.shape[1:])
    bases, values = [None] * 3, [None] * 3
    for sweep in range(1 + sweeps if reduced else 1):
        for mode in range(3):
            partial = centred
            if sweep > 0:
                for other in range(3):
                    if other != mode:
                        partial = project(partial, other, bases[other])
            unfolded = unfold(partial, mode)
            values[mode], bases[mode] = leading(unfolded @ unfolded.T / data.shape[0], ranks[mode])
    return values, bases


def main():
    data = np.load(SOURCE).astype(np.float64)
    os.makedirs(OUT, exist_ok=True)
    for name, ranks in [("full", data.shape[1:]), ("reduced", (12, 5, 6))]:
        values, bases = mpca(data, ranks)
        for mode in range(3):
            np.save(os.path.join(OUT, f"mpca-{name}-mode{mode}.npy"), bases[mode][:16])
            np.save(os.path.join(OUT, f"mpca-{name}-values{mode}.npy"), values[mode][:16])
            gaps = np.abs(np.diff(values[mode])) / values[mode][0]
            print(f"{name} mode {mode}: ranks {ranks[mode]}, smallest relative eigen-gap of the first 16 "
                  f"{gaps[:15].min():.2e}", file=sys.stderr)


if __name__ == "__main__":
    main()
