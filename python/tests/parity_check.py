#!/usr/bin/env python3
"""Compares gradctrl_bundle's edit paths with the Swift Editor's `.npy` outputs, case by case.

Usage: python3 python/tests/parity_check.py CASES.json   (with PYTHONPATH=python, or after `pip install ./python`)

CASES.json is a list of cases, each {"name", "bundle", "latents" (the .npy the Editor was given with --latents),
"expected" (the Editor's <attribute>-to-<class>.npy or .wplus.npy), "to", and optionally "method", "budgets"
(a count or {name: count}, as --top-channels/--exclude), "steps", "step_length", "stop_at", "keep_norm",
"layers" and "num_ws" (for .wplus.npy)}. Prints one line per case,
`case <name>: max abs diff <value> over <shape>, <count> stopped early` (latents whose path ended before the
last step, by the package's stopping rule), or `case <name>: FAILED <reason>`, and exits 1 if any case
failed to run or its shape differs (the caller judges the differences).
"""

import json
import sys

import numpy as np
import torch

import gradctrl_bundle as gb

OPTIONS = ("method", "budgets", "steps", "step_length", "stop_at", "keep_norm", "layers", "num_ws")


def run_case(case, bundles):
    """The largest absolute difference between the package's output and the Editor's for `case`, and its shape."""
    path = case["bundle"]
    if path not in bundles:
        bundles[path] = gb.load_bundle(path)
    latents = np.load(case["latents"])
    expected = np.load(case["expected"])
    options = {key: case[key] for key in OPTIONS if case.get(key) is not None}
    actual, stops = gb.edit(bundles[path], torch.from_numpy(latents), to=case["to"], return_stops=True, **options)
    actual = actual.cpu().numpy()
    if actual.shape != expected.shape:
        raise ValueError(f"shape {list(actual.shape)}, the Editor's is {list(expected.shape)}")
    difference = float(np.abs(actual.astype(np.float64) - expected.astype(np.float64)).max())
    return difference, list(expected.shape), sum(stop is not None for stop in stops)


def main(arguments):
    if len(arguments) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(arguments[0]) as handle:
        cases = json.load(handle)
    torch.set_num_threads(1)
    bundles = {}
    failed = False
    for case in cases:
        try:
            difference, shape, stopped = run_case(case, bundles)
            print(f"case {case['name']}: max abs diff {difference:.3e} over {shape}, {stopped} stopped early")
        except Exception as error:  # one line per case, whatever went wrong
            print(f"case {case['name']}: FAILED {type(error).__name__}: {error}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
