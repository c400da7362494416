import Benchmarks

/// The peers `Benchmark generator` races, started by python3 from the package's tools/workers.
extension GeneratorPeer {
    /// ONNX Runtime on the CPU with `threads` intra-op threads (`tools/workers/onnxruntime_dcgan.py`, which runs
    /// `tools/export_onnx.py`'s export of the checkpoint).
    static func onnxRuntime(root: String, checkpoint: String, threads: Int) -> GeneratorPeer {
        GeneratorPeer(name: "ONNX Runtime", module: "onnxruntime",
                      command: ["python3", "\(root)/tools/workers/onnxruntime_dcgan.py", "--threads", "\(threads)",
                               "--checkpoint", checkpoint])
    }

    /// PyTorch on the CPU with `threads` intra-op threads (`OMP_NUM_THREADS`): the DCGAN rebuilt in
    /// `tools/workers/torch_generic.py`.
    static func pyTorch(root: String, checkpoint: String, threads: Int) -> GeneratorPeer {
        GeneratorPeer(name: "PyTorch CPU", module: "torch",
                      command: ["/usr/bin/env", "OMP_NUM_THREADS=\(threads)", "MKL_NUM_THREADS=\(threads)", "python3",
                               "\(root)/tools/workers/torch_generic.py", "--device", "cpu", "--checkpoint", checkpoint])
    }
}
