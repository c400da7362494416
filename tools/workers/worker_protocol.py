"""The generator worker protocol, worker side: frames over stdin/stdout (docs/generator-worker.md).

A frame is the 4 bytes b"GCW1", a little-endian uint32 header length, the header (a UTF-8 JSON object) and the
payloads the header's "payloads" list sizes in bytes, each a complete .npy file. A worker reads a request frame,
answers with one reply frame, and repeats until it reads {"op": "bye"} or the end of its input. stdout carries
frames only: log to stderr.

A worker is a small program that builds a `Worker` and calls `serve()`:

    from worker_protocol import Worker, serve
    serve(Worker(name="my-gan", latent_dimension=512, image_shape=(3, 256, 256), render=my_render))

numpy only; the worker's own model code may use anything (torch, jax, ...).
"""

import io
import json
import struct
import sys
import time
import traceback

import numpy as np

PROTOCOL = 1
MAGIC = b"GCW1"
MAX_HEADER_BYTES = 1 << 20


class ProtocolError(Exception):
    """The workbench sent something this worker cannot read."""


def read_exactly(stream, count):
    """Exactly `count` bytes, or None at a clean end of input before the first byte."""
    chunks, remaining = [], count
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            if remaining == count:
                return None
            raise ProtocolError(f"input ended inside a frame ({count - remaining} of {count} bytes)")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_frame(stream):
    """(header dict, [numpy arrays]) of the next frame, or None at the end of input."""
    prefix = read_exactly(stream, 8)
    if prefix is None:
        return None
    if prefix[:4] != MAGIC:
        raise ProtocolError(f"a frame must start with {MAGIC!r}, got {prefix[:4]!r}")
    (length,) = struct.unpack("<I", prefix[4:])
    if length > MAX_HEADER_BYTES:
        raise ProtocolError(f"header of {length} bytes is larger than {MAX_HEADER_BYTES}")
    header = json.loads(read_exactly(stream, length).decode("utf-8"))
    arrays = [np.load(io.BytesIO(read_exactly(stream, int(size))), allow_pickle=False)
              for size in header.get("payloads", [])]
    return header, arrays


def write_frame(stream, header, arrays=()):
    """Writes one frame: `header` (a dict) and each array as a little-endian .npy payload."""
    payloads = []
    for array in arrays:
        buffer = io.BytesIO()
        np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
        payloads.append(buffer.getvalue())
    body = json.dumps({**header, "payloads": [len(p) for p in payloads]}).encode("utf-8")
    stream.write(MAGIC + struct.pack("<I", len(body)) + body)
    for payload in payloads:
        stream.write(payload)
    stream.flush()


class Worker:
    """What a worker declares and does.

    name: a stable name for provenance; weights_sha256: the digest of its weights file, if any;
    latent_dimension: D; image_shape: (channels, height, width) of images in [-1, 1];
    render(z float32 [N, D]) -> float32 [N, C, H, W];
    vjp(z [N, D], cotangent [N, C, H, W]) -> [N, D], the gradient of sum(images * cotangent), or None.
    A style-based generator adds mapping(z [N, D]) -> w [N, w_dimension] and render_w(W+ [N, w_layers, w_dimension]),
    and optionally vjp_w(W+ codes, cotangent) -> [N, w_layers, w_dimension].
    blocks: the shapes [C, H, W] of the blocks activations(latents, block) reads (block 1-based; latents z [N, D], or
    W+ codes [N, L, Dw] for a style-based generator); TCA and GANSpace decompose them.
    latent_weight() -> [D, K]: the weight of the linear map(s) that first act on z (D its dimension), for SeFa;
    latent_weight_w() -> [Dw, K]: the same for w (a style-based generator's style affines).
    """

    def __init__(self, name, latent_dimension, image_shape, render, vjp=None, weights_sha256=None,
                 mapping=None, render_w=None, w_dimension=None, w_layers=None, vjp_w=None,
                 activations=None, blocks=None, latent_weight=None, latent_weight_w=None):
        self.name = name
        self.latent_dimension = int(latent_dimension)
        self.image_shape = [int(s) for s in image_shape]
        self.render = render
        self.vjp = vjp
        self.weights_sha256 = weights_sha256
        # A style-based generator: mapping(z [N, D]) -> w [N, w_dimension]; render_w(W+ [N, w_layers, w_dimension]).
        self.mapping = mapping
        self.render_w = render_w
        self.w_dimension = w_dimension
        self.w_layers = w_layers
        self.vjp_w = vjp_w
        self.activations = activations
        self.blocks = [[int(s) for s in shape] for shape in (blocks or [])]
        self.latent_weight = latent_weight
        self.latent_weight_w = latent_weight_w

    def hello(self):
        capabilities = (["render"] + (["vjp"] if self.vjp else []) + (["map", "render_w"] if self.mapping else [])
                        + (["vjp_w"] if self.vjp_w else []) + (["activations"] if self.activations else [])
                        + (["latent_weight"] if self.latent_weight else [])
                        + (["latent_weight_w"] if self.latent_weight_w else []))
        reply = {"ok": True, "protocol": PROTOCOL, "name": self.name, "latent_dimension": self.latent_dimension,
                 "prior": "normal", "image_shape": self.image_shape, "capabilities": capabilities}
        if self.mapping:
            reply["w"] = {"dimension": int(self.w_dimension), "layers": int(self.w_layers)}
        if self.activations:
            reply["blocks"] = self.blocks
        if self.weights_sha256:
            reply["weights_sha256"] = self.weights_sha256
        return reply

    def answer(self, header, arrays):
        """(reply header, reply arrays) for one request."""
        op = header.get("op")
        if op == "hello":
            return self.hello(), []
        if op == "render" and len(arrays) == 1:
            images = np.asarray(self.render(arrays[0].astype(np.float32, copy=False)), dtype=np.float32)
            return {"ok": True}, [images]
        if op == "time_render" and not arrays:
            # The worker's own loop, without the workbench: `rounds` renders of `batch` normal latents, timed here.
            batch, rounds = int(header.get("batch", 64)), int(header.get("rounds", 3))
            z = np.random.default_rng(0).standard_normal((batch, self.latent_dimension)).astype(np.float32)
            self.render(z)  # warm-up
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                np.asarray(self.render(z), dtype=np.float32)
                times.append(time.perf_counter() - start)
            return {"ok": True, "seconds_per_batch": times}, []
        if op == "map" and self.mapping and len(arrays) == 1:
            return {"ok": True}, [np.asarray(self.mapping(arrays[0].astype(np.float32, copy=False)), dtype=np.float32)]
        if op == "render_w" and self.render_w and len(arrays) == 1:
            return {"ok": True}, [np.asarray(self.render_w(arrays[0].astype(np.float32, copy=False)), dtype=np.float32)]
        if op == "vjp" and self.vjp and len(arrays) == 2:
            gradient = np.asarray(self.vjp(arrays[0].astype(np.float32, copy=False),
                                           arrays[1].astype(np.float32, copy=False)), dtype=np.float32)
            return {"ok": True}, [gradient]
        if op == "vjp_w" and self.vjp_w and len(arrays) == 2:
            gradient = np.asarray(self.vjp_w(arrays[0].astype(np.float32, copy=False),
                                             arrays[1].astype(np.float32, copy=False)), dtype=np.float32)
            return {"ok": True}, [gradient]
        if op == "latent_weight" and self.latent_weight and not arrays:
            return {"ok": True}, [np.asarray(self.latent_weight(), dtype=np.float32)]
        if op == "latent_weight_w" and self.latent_weight_w and not arrays:
            return {"ok": True}, [np.asarray(self.latent_weight_w(), dtype=np.float32)]
        if op == "activations" and self.activations and len(arrays) == 1:
            block = header.get("block")
            if not isinstance(block, int) or not 1 <= block <= len(self.blocks):
                return {"ok": False, "error": f"no block {block!r}: blocks are 1 to {len(self.blocks)}"}, []
            values = self.activations(arrays[0].astype(np.float32, copy=False), block)
            return {"ok": True}, [np.asarray(values, dtype=np.float32)]
        return {"ok": False, "error": f"cannot answer op {op!r} with {len(arrays)} payloads"}, []


def serve(worker, stdin=None, stdout=None):
    """Answers requests until {"op": "bye"} or the end of input. An exception in the model becomes an error
    reply (one line) and the worker goes on; a broken frame ends the worker with status 2."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    while True:
        try:
            frame = read_frame(stdin)
        except (ProtocolError, ValueError) as error:
            print(f"{worker.name}: {error}", file=sys.stderr)
            sys.exit(2)
        if frame is None or frame[0].get("op") == "bye":
            return
        try:
            header, arrays = worker.answer(*frame)
        except Exception as error:  # the model failed: report it and keep serving
            traceback.print_exc(file=sys.stderr)
            header, arrays = {"ok": False, "error": f"{type(error).__name__}: {error}".splitlines()[0]}, []
        write_frame(stdout, header, arrays)
