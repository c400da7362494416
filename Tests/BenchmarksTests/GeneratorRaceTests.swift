import Benchmarks
import CommandTestSupport
import Foundation
import Generator
import Testing

/// The race of `Benchmark generator` against ONNX Runtime, and the FMA peak's measured clock.
@Suite("Generator race and FMA peak")
struct GeneratorRaceTests {
    static let checkpoint = packageRoot.appendingPathComponent(DCGANGenerator.embeddedCheckpointPath).path

    /// The peer `Benchmark generator` races: tools/workers/onnxruntime_dcgan.py on one thread, with `extra` arguments.
    static func onnxRuntime(_ extra: [String] = []) -> GeneratorPeer {
        GeneratorPeer(name: "ONNX Runtime", module: "onnxruntime",
                      command: ["python3", packageRoot.path + "/tools/workers/onnxruntime_dcgan.py", "--threads", "1",
                                "--checkpoint", checkpoint] + extra)
    }

    @Test("tools/export_onnx.py's model, run by ONNX Runtime, gives the Swift generator's images within 1e-4")
    func onnxExportMatchesSwift() throws {
        guard pythonCanImport("onnxruntime") else {
            print("skipped: onnxruntime cannot be imported by python3 (pip install onnxruntime)")
            return
        }
        let race = try raceGenerator(try DCGANGenerator.embedded(),
                                     peers: [Self.onnxRuntime()],
                                     batch: 4, rounds: 2, roundSeconds: 0.05)
        guard case .measured(_, let difference, let seconds) = race.peers[0].outcome else {
            Issue.record("ONNX Runtime did not run: \(race.peers[0].outcome)")
            return
        }
        print("ONNX Runtime against Swift on \(race.checkedLatents) latents: max |difference| \(difference)")
        #expect(difference <= 1e-4)
        #expect(seconds.count == 2 && seconds.allSatisfy { $0 > 0 })
        #expect(race.swiftSecondsPerRound.count == 2 && race.swiftSecondsPerRound.allSatisfy { $0 > 0 })
    }

    @Test("the check sees an export of other weights: one layer scaled by 1.01 is far more than 1e-4 off")
    func checkSeesOtherWeights() throws {
        guard pythonCanImport("onnxruntime") else {
            print("skipped: onnxruntime cannot be imported by python3 (pip install onnxruntime)")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let model = directory.path("scaled.onnx")
        let script = try directory.write("""
            import sys
            sys.path.insert(0, sys.argv[1])
            from convert_torch_checkpoint import read_safetensors
            from export_onnx import dcgan_model
            tensors, _ = read_safetensors(sys.argv[2])
            tensors = dict(tensors, **{"main.12.weight": tensors["main.12.weight"] * 1.01})
            open(sys.argv[3], "wb").write(dcgan_model(tensors))
            """, to: "scaled.py")
        let made = try runProcess("/usr/bin/env", ["python3", script, packageRoot.path + "/tools", Self.checkpoint, model])
        #expect(made.status == 0, "\(made.error)")
        let race = try raceGenerator(try DCGANGenerator.embedded(), peers: [Self.onnxRuntime(["--onnx", model])], batch: 2, rounds: 1, roundSeconds: 0.01)
        guard case .measured(_, let difference, _) = race.peers[0].outcome else {
            Issue.record("ONNX Runtime did not run: \(race.peers[0].outcome)")
            return
        }
        #expect(difference > 1e-3, "\(difference)")
    }

    @Test("a peer whose module cannot be imported is skipped with python3's reason, and the rest still runs")
    func missingModuleIsSkipped() throws {
        let missing = GeneratorPeer(name: "Nothing", module: "gradctrl_no_such_module", command: ["python3", "-c", "pass"])
        let race = try raceGenerator(try DCGANGenerator.embedded(), peers: [missing], batch: 2, rounds: 3, roundSeconds: 0.01)
        guard case .unavailable(let reason) = race.peers[0].outcome else {
            Issue.record("a missing module ran: \(race.peers[0].outcome)")
            return
        }
        #expect(reason == "gradctrl_no_such_module cannot be imported (ModuleNotFoundError: No module named 'gradctrl_no_such_module'; pip install gradctrl_no_such_module)")
        #expect(race.swiftSecondsPerRound.count == 3 && race.swiftSecondsPerRound.allSatisfy { $0 > 0 })
    }

    @Test("the FMA peak is cores x clock x vector width x 2 x 2; optimised, the measured clock is near /proc/cpuinfo's")
    func measuredClock() {
        let peak = measureMachinePeak()
        #expect(peak.cores == ProcessInfo.processInfo.activeProcessorCount && [4, 8, 16].contains(peak.vectorFloats))
        #expect(peak.gigaflops == Double(peak.cores) * peak.measuredGigahertz * Double(peak.vectorFloats) * 2 * 2)
        // The ordered product never runs wider vectors than the CPU has.
        #expect(peak.cpuVectorFloats >= peak.vectorFloats && peak.cpuGigaflops >= peak.gigaflops)
        #if DEBUG
        // Unoptimised, each step of the chain goes through memory and takes several cycles: no clock to check.
        print("skipped the clock's plausibility: a debug build's chain is not one operation per cycle (swift test -c release checks it)")
        #else
        let measured = measureClockGigahertz(operations: 40_000_000, runs: 3)
        #expect((0.5...8).contains(measured), "\(measured) GHz")
        if let reported = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            .split(separator: "\n").first(where: { $0.hasPrefix("cpu MHz") })
            .flatMap({ Double($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) }) {
            // A virtual machine reports its nominal clock; the core may run up to its boost clock, or be shared.
            #expect((0.4...2.5).contains(measured / (reported / 1000)), "measured \(measured) GHz, /proc/cpuinfo \(reported) MHz")
        }
        #endif
    }
}
