"""Unit tests of gradctrl_bundle on small bundles written here (no Swift needed): reading and its one-line errors,
NumPy-only reading, the module's differentiable probabilities, the edit's invariants, the W+ codes.
Run with `PYTHONPATH=python python3 -m unittest discover -s python/tests`."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

import gradctrl_bundle as gb
from gradctrl_bundle import editing

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)  # small tensors; and the tests may share the cores with other suites


def write_safetensors(path, tensors, metadata):
    """A safetensors file of float32 `tensors` with `metadata` (the format's own layout, written by hand)."""
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    with open(path, "wb") as handle:
        handle.write(len(text).to_bytes(8, "little") + text + b"".join(blobs))


def make_bundle(path, d=12, version=3, method=None, style_layers=None, seed=0):
    """A bundle of D = `d`: target `mood` (3 classes, softmax), protected `lit` (sigmoid) and `tone` (4 classes)."""
    random = np.random.default_rng(seed)
    tensors = {}

    def attribute(name, prefix, classes, hidden):
        tensors[prefix + "standardization.mean"] = random.normal(0, 0.1, d)
        tensors[prefix + "standardization.deviation"] = random.uniform(0.5, 1.5, d)
        width = d
        widths = hidden + [1 if classes == 2 else classes]
        for index, outputs in enumerate(widths):
            tensors[f"{prefix}layers.{index}.weight"] = random.normal(0, 1 / np.sqrt(width), (outputs, width))
            tensors[f"{prefix}layers.{index}.bias"] = random.normal(0, 0.1, outputs)
            width = outputs
        names = [f"{name}{c}" for c in range(classes)]
        return {"name": name, "kind": "binary" if classes == 2 else "multiclass", "classNames": names,
                "architecture": {"inputDimension": d, "hidden": hidden, "classCount": classes,
                                 "head": "sigmoid" if classes == 2 else "softmax", "leakySlope": 0.1},
                "inputNormalization": "standardization", "tensorPrefix": prefix,
                "saliencyPrefix": f"saliency.{name}.", "saliencySampleCount": 10, "trainingMetrics": {}}

    document = {
        "format": "gradctrl-edit-bundle", "formatVersion": version,
        "generator": {"identifier": "external", "checkpointSHA256": "external", "latentDimension": d},
        "target": attribute("mood", "target.", 3, [16]),
        "protected": [attribute("lit", "protected.lit.", 2, [8, 8]), attribute("tone", "protected.tone.", 4, [])],
        "method": method or {"kind": "restored", "rounds": 2},
        "editDefaults": {"steps": 5, "stepLength": 0.3, "keepNorm": True},
        "dataset": {"source": "test"},
    }
    if style_layers is not None:
        document["styleLayers"] = style_layers
    write_safetensors(path, tensors, {"gradctrl.bundle": json.dumps(document)})
    return path


class PackageTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.path = make_bundle(os.path.join(self.folder.name, "mood.bundle.safetensors"))
        self.bundle = gb.load_bundle(self.path)
        self.z = torch.from_numpy(np.random.default_rng(1).normal(0, 1, (6, 12)).astype(np.float32))

    def tearDown(self):
        self.folder.cleanup()

    def error(self, function, *arguments, **options):
        with self.assertRaises(Exception) as caught:
            function(*arguments, **options)
        message = str(caught.exception)
        self.assertNotIn("\n", message)
        return message

    def test_reads_every_version_and_refuses_others_in_one_line(self):
        for version, method in [(1, {"kind": "plain"}), (2, {"kind": "restored", "rounds": 1}), (3, None), (4, None)]:
            path = make_bundle(os.path.join(self.folder.name, f"v{version}.safetensors"), version=version, method=method)
            self.assertEqual(gb.load_bundle(path).format_version, version)
        for version in (0, 5, "3"):
            path = make_bundle(os.path.join(self.folder.name, f"bad{version}.safetensors"), version=version)
            message = self.error(gb.load_bundle, path)
            self.assertIn(path, message)
            self.assertIn(f"bundle format version {version!r}; gradctrl_bundle reads versions 1 to 4", message)
        restored_v1 = make_bundle(os.path.join(self.folder.name, "r1.safetensors"), version=1)
        self.assertIn("method 'restored' needs bundle format version 2", self.error(gb.load_bundle, restored_v1))
        layers_v2 = make_bundle(os.path.join(self.folder.name, "l2.safetensors"), version=2, style_layers=[0, 4])
        self.assertIn("'styleLayers' needs bundle format version 3", self.error(gb.load_bundle, layers_v2))

    def test_bad_files_and_arguments_fail_in_one_line(self):
        missing = os.path.join(self.folder.name, "nowhere.safetensors")
        self.assertIn(missing, self.error(gb.load_bundle, missing))
        truncated = os.path.join(self.folder.name, "half.safetensors")
        with open(self.path, "rb") as source, open(truncated, "wb") as target:
            data = source.read()
            target.write(data[:len(data) // 2])
        self.assertIn("truncated", self.error(gb.load_bundle, truncated))
        self.assertIn("latents must have shape [N, 12]", self.error(gb.edit, self.bundle, torch.zeros(3, 11), to="mood1"))
        self.assertIn("has no class 'happy' (classes: 0 mood0, 1 mood1, 2 mood2)",
                      self.error(gb.edit, self.bundle, self.z, to="happy"))
        self.assertIn("unknown method 'sideways'", self.error(gb.edit, self.bundle, self.z, to=1, method="sideways"))
        self.assertIn("no classifier for protected attribute 'age'",
                      self.error(gb.edit, self.bundle, self.z, to=1, budgets={"age": 3}))
        self.assertIn("layers need num_ws", self.error(gb.edit, self.bundle, self.z, to=1, layers=(0, 2)))
        self.assertIn("NaN", self.error(gb.edit, self.bundle, torch.full((2, 12), float("nan")), to=1))

    def test_numpy_alone_reads_a_bundle(self):
        # A child Python whose `import torch` fails still reads the bundle through gradctrl_bundle.
        code = ("import sys; sys.modules['torch'] = None; import gradctrl_bundle as gb; "
                f"document, tensors = gb.read_bundle({self.path!r}); print(document['target']['name'], len(tensors))")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": os.path.dirname(HERE)})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split(), ["mood", "18"])

    def test_probabilities_are_differentiable_and_match_the_gradients(self):
        z = self.z.clone().requires_grad_(True)
        p = self.bundle(z)
        self.assertTrue(torch.allclose(p.sum(dim=1), torch.ones(6)))
        p[:, 2].sum().backward()
        # The analytic logit gradients used by the edit agree with autograd.
        logits, gradients = self.bundle.target.logits_and_gradients(self.z)
        for j in range(3):
            expected = torch.autograd.functional.jacobian(lambda x: self.bundle.target(x)[:, j].sum(), self.z)
            self.assertLess((expected - gradients[:, j]).abs().max().item(), 1e-5)
        self.assertIsNotNone(z.grad)
        self.assertEqual(set(self.bundle.probabilities(self.z)), {"mood", "lit", "tone"})

    def test_paths_keep_the_norm_reach_the_class_and_stop(self):
        for method in editing.METHODS:
            paths, stops = gb.edit(self.bundle, self.z, to="mood2", method=method, steps=8, return_stops=True,
                                   **({"budgets": 3} if method == "masked" else {}))
            self.assertEqual(tuple(paths.shape), (6, 9, 12))
            self.assertTrue(torch.equal(paths[:, 0], self.z))
            norms = paths.double().norm(dim=2)
            self.assertLess((norms - norms[:, :1]).abs().max().item(), 1e-5, method)
            steps = (paths[:, 1:] - paths[:, :-1]).norm(dim=2)
            self.assertGreater(steps.max().item(), 0.1, method)
            before = self.bundle(self.z)[:, 2]
            after = self.bundle(paths[:, -1])[:, 2]
            self.assertGreater((after - before).mean().item(), 0, method)
        # A latent past the stop probability does not move, and its path repeats its start.
        paths, stops = gb.edit(self.bundle, self.z, to="mood2", stop_at=1e-6, return_stops=True)
        self.assertTrue(all(stop == ("reachedStopProbability", 0) for stop in stops))
        self.assertTrue(torch.equal(paths, self.z.unsqueeze(1).expand(-1, 6, -1)))
        # Restoring holds the protected outputs better than projection alone.
        projected = gb.edit(self.bundle, self.z, to="mood2", method="projected")[:, -1]
        restored = gb.edit(self.bundle, self.z, to="mood2", method="restored")[:, -1]
        lit = self.bundle.protected["lit"]
        self.assertLess((lit(restored) - lit(self.z)).abs().mean().item(), (lit(projected) - lit(self.z)).abs().mean().item())

    def test_wplus_codes_write_only_the_range(self):
        path = make_bundle(os.path.join(self.folder.name, "w.safetensors"), style_layers=[2, 5])
        bundle = gb.load_bundle(path)
        self.assertEqual(bundle.style_layers, (2, 5))
        paths = gb.edit(bundle, self.z, to=0)
        codes = gb.edit(bundle, self.z, to=0, num_ws=8)
        self.assertEqual(tuple(codes.shape), (6, 6, 8, 12))
        for layer in range(8):
            source = paths if 2 <= layer < 5 else paths[:, :1].expand(-1, 6, -1)
            self.assertTrue(torch.equal(codes[:, :, layer], source), layer)
        overridden = gb.edit(bundle, self.z, to=0, num_ws=8, layers="0:1")
        self.assertTrue(torch.equal(overridden[:, :, 0], paths) and torch.equal(overridden[:, :, 1], paths[:, :1].expand(-1, 6, -1)))
        self.assertIn("not a non-empty range inside the generator's layers 0:4", self.error(gb.edit, bundle, self.z, to=0, num_ws=4))

    @unittest.skipUnless(torch.cuda.is_available(), "no CUDA device")
    def test_cuda_matches_cpu(self):
        cuda = gb.load_bundle(self.path, device="cuda")
        difference = (gb.edit(cuda, self.z, to=1).cpu() - gb.edit(self.bundle, self.z, to=1)).abs().max().item()
        self.assertLess(difference, 1e-4)


if __name__ == "__main__":
    unittest.main()
