#!/usr/bin/env python3
"""Paths per second: gradctrl_bundle on the CPU against the Swift `Editor` (release build), same latents, same run.

    swift build -c release && python3 python/benchmarks/bench_edit.py
    python3 python/benchmarks/bench_edit.py --editor /work/build-py/release/Editor --runs 5 --threads 2

Edits `--count` latents (N(0, I), seeded) of the bundle's dimension toward `--to` with `--steps` steps and the
`--method` (default restored), `--runs` times each, the two programs interleaved (the order alternating), with
OPENBLAS_NUM_THREADS and torch's threads both set to `--threads`. Three timings per run:

- `Editor` process: the wall time of `Editor --bundle … --latents … --to … --method …` (reading the bundle and the
  latents, the edit, writing the .npy). It runs on a copy of the bundle whose generator is marked `external`
  (nothing else changed), because for a bundle of the embedded generator the Editor also renders strips and labels
  every final image, which is not part of the edit;
- Python process: the wall time of a fresh python3 that imports torch, loads the bundle, reads the latents, edits
  and writes the .npy (like for like with the Editor process);
- Python `edit()`: the time of the `gradctrl_bundle.edit` call alone, inside that process.

Prints the median and the range (lowest–highest) of each, paths per second at the median, and the largest
difference between the two programs' paths.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
ROOT = os.path.dirname(PACKAGE)
sys.path.insert(0, PACKAGE)
from gradctrl_bundle.reading import METADATA_KEY, read_bundle  # noqa: E402

CHILD = """
import sys, time
import numpy as np, torch
import gradctrl_bundle as gb
torch.set_num_threads(int(sys.argv[5]))
bundle = gb.load_bundle(sys.argv[1])
latents = torch.from_numpy(np.load(sys.argv[2]))
start = time.perf_counter()
paths = gb.edit(bundle, latents, to=sys.argv[3], method=sys.argv[4], steps=int(sys.argv[6]))
elapsed = time.perf_counter() - start
np.save(sys.argv[7], paths.numpy())
print(elapsed)
"""


def external_copy(path, out):
    """A copy of the bundle at `path` whose document names the generator `external` (nothing else changes), so
    that the Editor writes the paths without rendering them."""
    document, _ = read_bundle(path)
    with open(path, "rb") as handle:
        data = handle.read()
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + length])
    document["generator"] = {"identifier": "external", "checkpointSHA256": "external",
                             "latentDimension": document["generator"]["latentDimension"]}
    header["__metadata__"][METADATA_KEY] = json.dumps(document, sort_keys=True, separators=(",", ":"))
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(out, "wb") as handle:
        handle.write(len(text).to_bytes(8, "little") + text + data[8 + length:])


def timed(command, environment):
    """(wall seconds, stdout) of `command`; stops the benchmark with its stderr if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed: {result.stderr.strip()}")
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", default=os.path.join(ROOT, "checkpoints", "dcgan-digiface-64-n20000-s0", "color",
                                                      "color.bundle.safetensors"))
    parser.add_argument("--editor", default=os.path.join(ROOT, ".build", "release", "Editor"),
                        help="the release Editor (default .build/release/Editor)")
    parser.add_argument("--to", default="green")
    parser.add_argument("--method", default="restored", choices=("plain", "projected", "restored"))
    parser.add_argument("--count", type=int, default=1024)
    parser.add_argument("--steps", type=int, default=9)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not os.access(args.editor, os.X_OK):
        sys.exit(f"{args.editor}: no Editor there; run `swift build -c release` or give --editor")

    folder = tempfile.mkdtemp(prefix="bench-edit-")
    bundle = os.path.join(folder, "bench.bundle.safetensors")
    external_copy(args.bundle, bundle)
    dimension = read_bundle(bundle)[0]["generator"]["latentDimension"]
    latents = os.path.join(folder, "latents.npy")
    np.save(latents, np.random.RandomState(args.seed).randn(args.count, dimension).astype(np.float32))
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": str(args.threads), "OMP_NUM_THREADS": str(args.threads),
                   "PYTHONPATH": PACKAGE + os.pathsep + os.environ.get("PYTHONPATH", "")}
    editor = [args.editor, "--bundle", bundle, "--latents", latents, "--to", args.to, "--method", args.method,
              "--steps", str(args.steps), "--out", os.path.join(folder, "swift")]
    python_out = os.path.join(folder, "python.npy")
    python = [sys.executable, "-c", CHILD, bundle, latents, args.to, args.method, str(args.threads), str(args.steps),
              python_out]
    times = {"Editor process": [], "Python process": [], "Python edit()": []}
    load_before = os.getloadavg()[0]
    for run in range(args.runs):
        for which in (("swift", "python") if run % 2 == 0 else ("python", "swift")):
            if which == "swift":
                times["Editor process"].append(timed(editor, environment)[0])
            else:
                wall, output = timed(python, environment)
                times["Python process"].append(wall)
                times["Python edit()"].append(float(output.split()[-1]))
        print(f"run {run + 1}: " + ", ".join(f"{name} {values[-1]:.3f} s" for name, values in times.items()),
              file=sys.stderr)
    swift_paths = np.load(os.path.join(folder, "swift", f"{read_bundle(bundle)[0]['target']['name']}-to-{args.to}.npy"))
    per_latent = np.abs(swift_paths - np.load(python_out)).max(axis=(1, 2))
    difference, beyond = float(per_latent.max()), int((per_latent > 1e-4).sum())

    print(f"{args.count} latents x {args.steps} steps, {args.method}, toward {args.to}, {args.bundle} "
          f"(D = {dimension}); {args.runs} runs each, interleaved; {args.threads} threads (OPENBLAS_NUM_THREADS, torch)")
    print("| program | median (s) | range (s) | paths/s at the median |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.3f} | {min(values):.3f}–{max(values):.3f} | {args.count / median:.0f} |")
    print(f"largest difference between the two programs' paths: {difference:.2e}; latents whose paths differ by more "
          f"than 1e-4: {beyond} of {args.count}")
    # Other work on the machine slows torch's spinning OpenMP threads far more than the Editor: say how busy it was.
    print(f"1-minute load average: {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
