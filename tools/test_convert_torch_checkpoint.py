#!/usr/bin/env python3
"""Tests of convert_torch_checkpoint.py on small hand-built torch.save archives (no torch needed).

Run: python3 tools/test_convert_torch_checkpoint.py
"""

import contextlib
import hashlib
import io
import json
import os
import pickle
import struct
import tempfile
import unittest
import zipfile

import numpy as np

import convert_torch_checkpoint as converter


def push(value):
    """Pickle opcodes that push a plain value (str, int, bool, tuple of those)."""
    return pickle.dumps(value, protocol=2)[2:-1]


def global_ref(module, name):
    """The GLOBAL opcode for module.name."""
    return pickle.GLOBAL + f"{module}\n{name}\n".encode()


def empty_ordered_dict():
    """Opcodes that push collections.OrderedDict()."""
    return global_ref("collections", "OrderedDict") + pickle.EMPTY_TUPLE + pickle.REDUCE


def tensor(storage_type, key, numel, offset, size, stride):
    """Opcodes for torch._utils._rebuild_tensor_v2 over a persistent storage reference."""
    storage = (pickle.MARK + push("storage") + global_ref("torch", storage_type) + push(key)
               + push("cpu") + push(numel) + pickle.TUPLE + pickle.BINPERSID)
    arguments = (pickle.MARK + storage + push(offset) + push(size) + push(stride) + push(False)
                 + empty_ordered_dict() + pickle.TUPLE)
    return global_ref("torch._utils", "_rebuild_tensor_v2") + arguments + pickle.REDUCE


def checkpoint_pickle(entries, key="netG_state_dict"):
    """A protocol-2 pickle of {key: OrderedDict(entries)}; entries are (name, opcodes) pairs."""
    items = b"".join(push(name) + opcodes for name, opcodes in entries)
    state = empty_ordered_dict() + pickle.MARK + items + pickle.SETITEMS
    return (pickle.PROTO + b"\x02" + pickle.EMPTY_DICT + push(key) + state + pickle.SETITEM
            + pickle.STOP)


def write_archive(path, pickled, storages, byteorder=b"little"):
    """A torch-style zip archive: archive/data.pkl, archive/byteorder and archive/data/<key>."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("archive/data.pkl", pickled)
        archive.writestr("archive/byteorder", byteorder)
        archive.writestr("archive/version", b"3\n")
        for key, data in storages.items():
            archive.writestr(f"archive/data/{key}", data)


class ConverterTests(unittest.TestCase):
    """Round trip, layout and refusals of the converter."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.source = self.path("weights.tar")
        self.destination = self.path("out.safetensors")
        self.storage = np.arange(12, dtype="<f4") * 0.5 - 1.0
        self.entries = [
            ("main.0.weight", tensor("FloatStorage", "0", 12, 0, (2, 3, 2), (6, 2, 1))),
            ("main.1.weight", tensor("FloatStorage", "1", 3, 0, (3,), (1,))),
            # A transposed view with an offset into the shared storage "0".
            ("main.1.bias", tensor("FloatStorage", "0", 12, 1, (2, 3), (1, 4))),
            ("main.1.num_batches_tracked", tensor("LongStorage", "2", 1, 0, (), ())),
            ("other.weight", tensor("FloatStorage", "1", 3, 1, (2,), (1,))),
        ]
        self.storages = {
            "0": self.storage.tobytes(),
            "1": np.array([3.0, 4.0, 5.0], "<f4").tobytes(),
            "2": np.array([7], "<i8").tobytes(),
        }

    def path(self, name):
        """A path inside the test's temporary directory."""
        return os.path.join(self.directory.name, name)

    def write_source(self, pickled=None, storages=None, byteorder=b"little"):
        """Write the test archive, by default the valid one from setUp."""
        write_archive(self.source, pickled or checkpoint_pickle(self.entries),
                      self.storages if storages is None else storages, byteorder)

    def run_cli(self, *extra):
        """Exit status and stderr of the command line on the test archive."""
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            status = converter.main([self.source, self.destination, *extra])
        return status, stderr.getvalue()

    def assert_cli_error(self, expected, *extra):
        """The command line fails with one stderr line containing `expected` and writes nothing."""
        status, stderr = self.run_cli(*extra)
        self.assertEqual(status, 1)
        self.assertEqual(len(stderr.splitlines()), 1, stderr)
        self.assertIn(expected, stderr)
        self.assertFalse(os.path.exists(self.destination))
        self.assertEqual(os.listdir(self.directory.name), ["weights.tar"])

    def test_round_trip(self):
        self.write_source()
        self.assertEqual(self.run_cli()[0], 0)
        tensors, metadata = converter.read_safetensors(self.destination)
        np.testing.assert_array_equal(tensors["main.0.weight"], self.storage.reshape(2, 3, 2))
        np.testing.assert_array_equal(tensors["main.1.weight"], [3.0, 4.0, 5.0])
        transposed = [[self.storage[1 + r + 4 * c] for c in range(3)] for r in range(2)]
        np.testing.assert_array_equal(tensors["main.1.bias"], transposed)
        np.testing.assert_array_equal(tensors["other.weight"], [4.0, 5.0])
        self.assertNotIn("main.1.num_batches_tracked", tensors)
        self.assertTrue(all(t.dtype == np.dtype("<f4") for t in tensors.values()))
        with open(self.source, "rb") as source:
            self.assertEqual(metadata["source_sha256"], hashlib.sha256(source.read()).hexdigest())
        self.assertEqual(metadata["source_file"], "weights.tar")
        self.assertEqual(metadata["package"], "gan-face-generate 1.1.1")
        self.assertEqual(metadata["latent_dim"], "100")
        self.assertTrue(all(isinstance(v, str) for v in metadata.values()))

    def test_prefix_keeps_whole_names(self):
        self.write_source()
        self.assertEqual(self.run_cli("--prefix", "main.")[0], 0)
        tensors, _ = converter.read_safetensors(self.destination)
        self.assertEqual(sorted(tensors), ["main.0.weight", "main.1.bias", "main.1.weight"])

    def test_header_layout(self):
        self.write_source()
        self.run_cli()
        with open(self.destination, "rb") as out:
            content = out.read()
        (length,) = struct.unpack("<Q", content[:8])
        self.assertEqual(length % 8, 0)
        header = json.loads(content[8:8 + length])
        names = [name for name in header if name != "__metadata__"]
        self.assertEqual(names, sorted(names))
        offset = 0
        for name in names:
            start, end = header[name]["data_offsets"]
            self.assertEqual(start, offset)
            offset = end
        self.assertEqual(8 + length + offset, len(content))

    def test_refuses_os_system_without_running_it(self):
        marker = self.path("marker")
        payload = global_ref("os", "system") + push((f"touch {marker}",)) + pickle.REDUCE
        self.write_source(checkpoint_pickle([("main.0.weight", payload)]))
        self.assert_cli_error("refused global os.system")
        self.assertFalse(os.path.exists(marker))

    def test_refuses_builtins_eval_without_running_it(self):
        marker = self.path("marker")
        code = f"open({marker!r}, 'w').close()"
        payload = global_ref("builtins", "eval") + push((code,)) + pickle.REDUCE
        self.write_source(checkpoint_pickle([("main.0.weight", payload)]))
        self.assert_cli_error("refused global builtins.eval")
        self.assertFalse(os.path.exists(marker))

    def test_missing_key(self):
        self.write_source()
        self.assert_cli_error("key 'netD_state_dict' not in checkpoint", "--key", "netD_state_dict")

    def test_not_a_zip_file(self):
        with open(self.source, "wb") as source:
            source.write(b"\x80\x02}q\x00.")
        self.assert_cli_error("is not a zip archive")

    def test_truncated_storage(self):
        storages = dict(self.storages, **{"0": self.storages["0"][:-4]})
        self.write_source(storages=storages)
        self.assert_cli_error("storage archive/data/0 is truncated: 44 bytes, expected 48")

    def test_tensor_beyond_its_storage(self):
        entries = [("main.0.weight", tensor("FloatStorage", "1", 3, 2, (2,), (1,)))]
        self.write_source(checkpoint_pickle(entries))
        self.assert_cli_error("reaches element 3 of a storage of 3 elements")

    def test_big_endian_archive(self):
        self.write_source(byteorder=b"big")
        self.assert_cli_error("byte order is 'big'")


if __name__ == "__main__":
    unittest.main()
