#!/usr/bin/env python3
"""Prints the Markdown comparison table of Discover manifolds runs from their <name>.metrics.json files.

Usage: tools/manifold_comparison.py LABEL=path/to/run.metrics.json [LABEL=...]
Columns: held-out direction accuracy, mean |eps_hat - eps|, consistency, roughness and RMS image change (means
over directions), and how many directions the naming table could name.
"""
import json
import sys


def row(label, path):
    with open(path) as f:
        m = json.load(f)
    q = m["quality"]
    mean = lambda xs: sum(xs) / len(xs)
    named = sum(1 for n in m["names"] if n["name"] != "unclear")
    return (f"| {label} | {m['steps']} | {m['heldOutAccuracy']:.3f} | {m['heldOutShiftError']:.3f} | "
            f"{mean(q['consistency']):.3f} | {mean(q['roughness']):.3f} | {mean(q['changeSize']):.3f} | "
            f"{named} of {len(m['names'])} |")


def main(arguments):
    if not arguments or any("=" not in a for a in arguments):
        sys.exit(__doc__)
    print("| run | steps | direction accuracy (held out) | mean \\|ε̂ − ε\\| | consistency ↑ | roughness ↓ | RMS change | named |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for argument in arguments:
        label, path = argument.split("=", 1)
        print(row(label, path))


if __name__ == "__main__":
    main(sys.argv[1:])
