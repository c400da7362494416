import CommandTestSupport
import Foundation
import NumericCore
import TensorFormats
import Testing

/// The Python package in `python/` (`gradctrl_bundle`) against the real commands: bundles trained by the Trainer,
/// paths written by the Editor, the same paths recomputed by the package (python/tests/parity_check.py).
@Suite("The Python package gradctrl_bundle reproduces the Editor's paths", .serialized)
struct PythonBundleParityTests {
    /// The largest difference allowed between a Python path and the Editor's, per coordinate.
    static let tolerance = 1e-4

    @Test("full paths within 1e-4 of the Editor's .npy: plain, masked, projected, restored and the bundle's own; binary and multiclass; 100-d DCGAN and 512-d imported latents",
          .enabled(if: pythonCanImport("torch"), "torch is not installed for python3 (pip install torch==2.13.0); the Python package is not tested"))
    func pathsMatchTheEditor() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var cases = [[String: Any]]()

        // 100-d: the embedded DCGAN, a small sampled dataset, a multiclass and a binary bundle whose protected
        // attributes include a binary (sigmoid) and a multiclass (softmax) classifier.
        let faces = directory.path("faces")
        let sample = try runProduct("Dataset", ["sample", "--count", "400", "--seed", "3", "--out", faces])
        try #require(sample.status == 0, "Dataset sample failed: \(sample.error)")
        for (attribute, extra) in [("color", ["--multiclass", "5", "--protect", "lightness,background"]),
                                   ("lightness", ["--protect", "color,light_side"])] {
            let train = try runProduct("Trainer", ["--attribute", attribute, "--dataset", faces, "--force", "--epochs", "4",
                                                   "--path-latents", "0", "--out", directory.path("faces-bundles")] + extra)
            try #require(train.status == 0, "Trainer \(attribute) failed: \(train.error)")
        }
        let faceLatents = directory.path("faces-latents.npy")
        try writeNpy(gaussianLatents(12, 100, seed: 25), to: faceLatents)
        cases += try editorCases(bundle: directory.path("faces-bundles/faces/color/color.bundle.safetensors"), latents: faceLatents,
                                 classes: ["dark", "neutral", "warm", "green", "blue"], directory: directory,
                                 extra: [("restored-stop", ["--method", "restored", "--stop-at", "0.5", "--steps", "6"],
                                          ["method": "restored", "stop_at": 0.5, "steps": 6])])
        cases += try editorCases(bundle: directory.path("faces-bundles/faces/lightness/lightness.bundle.safetensors"), latents: faceLatents,
                                 classes: ["dark", "light"], directory: directory,
                                 extra: [("masked-one", ["--exclude", "color", "--top-channels", "25", "--keep-norm", "false",
                                                         "--step-length", "0.5"],
                                          ["budgets": ["color": 25], "keep_norm": false, "step_length": 0.5])])

        // 512-d: synthetic latents with labels that are functions of them, imported, one bundle per attribute.
        let (imported, wLatents) = try importedDataset(directory)
        for (attribute, extra) in [("age", ["--multiclass", "3"]), ("smile", [])] {
            let train = try runProduct("Trainer", ["--attribute", attribute, "--dataset", imported, "--epochs", "6",
                                                   "--out", directory.path("w-bundles")] + extra)
            try #require(train.status == 0, "Trainer \(attribute) failed: \(train.error)")
        }
        cases += try editorCases(bundle: directory.path("w-bundles/w-set/age/age.bundle.safetensors"), latents: wLatents,
                                 classes: ["young", "middle", "old"], directory: directory,
                                 extra: [("stop", ["--stop-at", "0.8"], ["stop_at": 0.8])])
        cases += try editorCases(bundle: directory.path("w-bundles/w-set/smile/smile.bundle.safetensors"), latents: wLatents,
                                 classes: ["no", "yes"], directory: directory,
                                 extra: [("projected-long", ["--method", "projected", "--steps", "12"], ["method": "projected", "steps": 12])])

        let casesFile = directory.path("cases.json")
        try JSONSerialization.data(withJSONObject: cases, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: casesFile))
        let check = try runProcess("/usr/bin/env",
                                   ["python3", packageRoot.appendingPathComponent("python/tests/parity_check.py").path, casesFile],
                                   environment: ["PYTHONPATH": packageRoot.appendingPathComponent("python").path])
        print(check.output, terminator: "")
        #expect(check.status == 0, "\(check.output)\(check.error)")
        // "case <name>: max abs diff <value> over [N, points, D], <count> stopped early", one line per case, every case.
        var differences = [String: Double](), stopped = [String: Int]()
        for line in check.output.split(separator: "\n") where line.hasPrefix("case ") && line.contains(": max abs diff ") {
            let parts = line.dropFirst(5).components(separatedBy: ": max abs diff ")
            differences[parts[0]] = Double(parts[1].split(separator: " ")[0])
            stopped[parts[0]] = Int(parts[1].components(separatedBy: "], ")[1].split(separator: " ")[0])
        }
        #expect(differences.count == cases.count, "\(differences.count) of \(cases.count) cases compared: \(check.output)")
        for name in cases.compactMap({ $0["name"] as? String }) {
            let difference = try #require(differences[name], "case \(name) missing: \(check.output)")
            #expect(difference <= Self.tolerance, "case \(name): the paths differ by \(difference)")
        }
        // The stopping rule is exercised: with --stop-at some latents stop early, on both sides.
        for stem in ["color-restored-stop", "age-stop"] {
            let count = stopped.filter { $0.key.hasPrefix(stem + "-to-") }.map(\.value).reduce(0, +)
            #expect(count > 0, "no latent of \(stem) stopped early")
        }
    }

    @Test("the package's own checks: one-line errors, numpy-only reading, differentiable probabilities, W+ codes",
          .enabled(if: pythonCanImport("torch"), "torch is not installed for python3 (pip install torch==2.13.0); the Python package is not tested"))
    func packageUnitTests() throws {
        let result = try runProcess("/usr/bin/env",
                                    ["python3", "-m", "unittest", "discover", "-s", packageRoot.appendingPathComponent("python/tests").path],
                                    environment: ["PYTHONPATH": packageRoot.appendingPathComponent("python").path])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.error.contains("OK"), "\(result.error)")
    }

    /// Runs the Editor on `latents` with `bundle` for each method (and the `extra` runs: name, Editor flags, the
    /// package's arguments), every class, and returns one case per written path; checks that the paths move.
    func editorCases(bundle: String, latents: String, classes: [String], directory: TemporaryDirectory,
                     extra: [(String, [String], [String: Any])]) throws -> [[String: Any]] {
        let stem = URL(fileURLWithPath: bundle).deletingPathExtension().deletingPathExtension().lastPathComponent
        let runs: [(String, [String], [String: Any])] = [
            ("bundle", [], [:]),
            ("plain", ["--method", "plain"], ["method": "plain"]),
            ("masked", ["--top-channels", "10"], ["budgets": 10]),
            ("projected", ["--method", "projected"], ["method": "projected"]),
            ("restored", ["--method", "restored"], ["method": "restored"]),
        ] + extra
        var cases = [[String: Any]]()
        for (name, flags, options) in runs {
            let out = directory.path("edits-\(stem)-\(name)")
            let edit = try runProduct("Editor", ["--bundle", bundle, "--latents", latents, "--show", "1",
                                                 "--out", out] + flags)
            try #require(edit.status == 0, "Editor \(stem) \(name) failed: \(edit.error)")
            for className in classes {
                let expected = "\(out)/\(stem)-to-\(className).npy"
                let path = try readNpyTensor(expected)
                let (n, points, d) = (path.shape[0], path.shape[1], path.shape[2])
                // The largest change of a coordinate between a path's start and its end.
                var moved: Float = 0
                for row in 0..<n {
                    for j in 0..<d {
                        let start = path.storage[row * points * d + j], end = path.storage[((row + 1) * points - 1) * d + j]
                        moved = max(moved, abs(end - start))
                    }
                }
                #expect(moved > 0.01, "\(stem) \(name) to \(className): the Editor's paths do not move (\(moved))")
                // Each method changes the paths: masks and projection differ from the plain gradient, restoring from projection.
                let reference = ["masked": "plain", "projected": "plain", "restored": "projected"][name]
                if let reference {
                    let other = try readNpyTensor("\(directory.path("edits-\(stem)-\(reference)"))/\(stem)-to-\(className).npy")
                    #expect(other != path, "\(stem) \(name) to \(className): the same paths as \(reference)")
                }
                cases.append(["name": "\(stem)-\(name)-to-\(className)", "bundle": bundle, "latents": latents,
                              "expected": expected, "to": className].merging(options) { $1 })
            }
        }
        return cases
    }

    /// 800 synthetic 512-d latents (spread 0.05 around a common offset, like W codes) with three attributes that
    /// are functions of them (smile and glasses binary, age with three classes), imported with `Dataset
    /// import-latents`; returns the dataset folder and a .npy of 10 further latents of the same distribution.
    func importedDataset(_ directory: TemporaryDirectory) throws -> (String, String) {
        let (count, d) = (810, 512)
        var random = RandomSource(seed: 512)
        let offset = random.normals(d).map { 0.02 * $0 }
        let latents = random.normals(count * d).enumerated().map { offset[$0.offset % d] + 0.05 * $0.element }
        let axes = (0..<5).map { _ in random.normals(d) }
        func score(_ row: Int, _ axis: Int) -> Float {
            (0..<d).reduce(Float(0)) { $0 + (latents[row * d + $1] - offset[$1]) * axes[axis][$1] }
        }
        var csv = "index,smile,age,glasses\n"
        for row in 0..<800 {
            let ages = [score(row, 1), score(row, 2), score(row, 3)]
            let age = ages.indices.max { ages[$0] < ages[$1] }!
            csv += "\(row),\(score(row, 0) > 0 ? 1 : 0),\(age),\(score(row, 4) + 0.5 * score(row, 0) > 0 ? 1 : 0)\n"
        }
        let training = directory.path("w-train.npy"), editing = directory.path("w-edit.npy")
        try writeNpy(Tensor(shape: [800, d], storage: Array(latents[0..<(800 * d)])), to: training)
        try writeNpy(Tensor(shape: [10, d], storage: Array(latents[(800 * d)...])), to: editing)
        let labels = try directory.write(csv, to: "w-labels.csv")
        let folder = directory.path("w-set")
        let imported = try runProduct("Dataset", ["import-latents", "--latents", training, "--labels", labels,
                                                  "--classes", "smile=no,yes", "--classes", "age=young,middle,old",
                                                  "--classes", "glasses=no,yes", "--out", folder])
        try #require(imported.status == 0, "Dataset import-latents failed: \(imported.error)")
        return (folder, editing)
    }
}
