import Foundation
import NumericCore
import TensorFormats
import Testing

/// The Python side of the interop test: checks the files Swift wrote against arrays built the same way, writes
/// numpy's own files, and checks the safetensors file with a hand-written reader (json + numpy).
private let pythonScript = #"""
import json, struct, sys
import numpy as np

folder = sys.argv[1]
def expected(dtype, shape):
    n = int(np.prod(shape))
    return (np.arange(n) * 3 - 7).astype(dtype).reshape(shape)

cases = [("<f4", (2, 3)), ("<f8", (4,)), ("<i4", ()), ("<i8", (0, 3)), ("|u1", (2, 2, 2))]
for index, (dtype, shape) in enumerate(cases):
    a = np.load(f"{folder}/swift{index}.npy")
    assert a.dtype == np.dtype(dtype), (index, a.dtype)
    assert a.shape == shape, (index, a.shape)
    assert np.array_equal(a, expected(dtype, shape)), index
    np.save(f"{folder}/numpy{index}.npy", expected(dtype, shape))
for version in [(1, 0), (2, 0), (3, 0)]:
    with open(f"{folder}/numpy-v{version[0]}.npy", "wb") as f:
        np.lib.format.write_array(f, expected("<f4", (3, 5)), version=version)
np.save(f"{folder}/numpy-fortran-source.npy", np.asfortranarray(expected("<f8", (3, 4))))
np.save(f"{folder}/numpy-bigendian.npy", expected(">f4", (2,)))

with open(f"{folder}/swift.safetensors", "rb") as f:
    blob = f.read()
n = struct.unpack("<Q", blob[:8])[0]
assert n % 8 == 0
header = json.loads(blob[8:8 + n])
assert header["__metadata__"] == {"gradctrl": "{\"steps\": 3}"}
data = blob[8 + n:]
w = header["w"]
assert w["dtype"] == "F32" and w["shape"] == [2, 3]
begin, end = w["data_offsets"]
assert np.array_equal(np.frombuffer(data[begin:end], dtype="<f4").reshape(2, 3), expected("<f4", (2, 3)))
print("ok")
"""#

/// The array numpy builds as `(np.arange(n) * 3 - 7).astype(dtype).reshape(shape)`.
private func expectedArray(_ type: ElementType, _ shape: [Int]) -> NumericArray {
    let values = (0..<shape.reduce(1, *)).map { $0 * 3 - 7 }
    switch type {
    case .float32: return NumericArray(shape: shape, data: .float32(values.map { Float($0) }))
    case .float64: return NumericArray(shape: shape, data: .float64(values.map { Double($0) }))
    case .int32: return NumericArray(shape: shape, data: .int32(values.map { Int32($0) }))
    case .int64: return NumericArray(shape: shape, data: .int64(values.map { Int64($0) }))
    case .uint8: return NumericArray(shape: shape, data: .uint8(values.map { UInt8(truncatingIfNeeded: $0) }))
    }
}

@Test("numpy reads what Swift writes, Swift reads what numpy writes, and the bytes agree")
func numpyInterop() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let cases: [(ElementType, [Int])] = [(.float32, [2, 3]), (.float64, [4]), (.int32, []), (.int64, [0, 3]), (.uint8, [2, 2, 2])]
    for (index, (type, shape)) in cases.enumerated() {
        try writeNpy(expectedArray(type, shape), to: directory.path("swift\(index).npy"))
    }
    try writeSafeTensors(arrays: ["w": expectedArray(.float32, [2, 3])], metadata: ["gradctrl": "{\"steps\": 3}"],
                         to: directory.path("swift.safetensors"))

    let python = try runProcess("/usr/bin/env", ["python3", "-c", pythonScript, directory.url.path])
    try #require(python.status == 0, "python3 failed: \(python.output)\(python.error)")

    for (index, (type, shape)) in cases.enumerated() {
        let path = directory.path("numpy\(index).npy")
        #expect(try readNpy(path) == expectedArray(type, shape))
        let numpyBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(encodeNpy(expectedArray(type, shape)) == numpyBytes, "bytes differ from numpy for \(type) \(shape)")
    }
    for version in 1...3 {
        #expect(try readNpy(directory.path("numpy-v\(version).npy")) == expectedArray(.float32, [3, 5]))
    }
    let fortran = directory.path("numpy-fortran-source.npy")
    expectError(phrase: "Fortran-order arrays are not supported", path: fortran) { _ = try readNpy(fortran) }
    let bigEndian = directory.path("numpy-bigendian.npy")
    expectError(phrase: "big-endian dtype '>f4'", path: bigEndian) { _ = try readNpy(bigEndian) }
}

@Test("half-precision .npy (as W+ codes are often saved) reads exactly as float32")
func halfPrecisionNpy() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let script = """
        import sys, numpy as np
        values = np.array([[0.0, -0.0, 1.0, -2.5, 65504.0], [6.1035156e-05, 5.9604645e-08, 0.333251953125, -1e-3, 7.0]], np.float16)
        np.save(sys.argv[1] + "/half.npy", values)
        np.save(sys.argv[1] + "/half-as-single.npy", values.astype(np.float32))
        """
    let python = try runProcess("/usr/bin/env", ["python3", "-c", script, directory.url.path])
    try #require(python.status == 0, "python3 failed: \(python.output)\(python.error)")
    let half = try readNpyTensor(directory.path("half.npy"))
    let single = try readNpyTensor(directory.path("half-as-single.npy"))
    #expect(half.shape == [2, 5])
    #expect(half.storage.map(\.bitPattern) == single.storage.map(\.bitPattern))
}
