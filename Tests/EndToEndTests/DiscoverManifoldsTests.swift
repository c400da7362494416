import CommandTestSupport
import Foundation
import ImageIO
import TensorFormats
import Testing

@Suite("Discover manifolds, run as a command", .serialized)
struct DiscoverManifoldsTests {
    /// A tiny configuration on the embedded generator: a few steps of a few pairs.
    let tiny = ["--directions", "3", "--batch", "4", "--width", "2", "--embedding", "8", "--held-out", "8",
                "--evaluation-latents", "3", "--grid-columns", "3", "--log-every", "1"]

    @Test("trains end to end, and a resumed run ends with the same bytes as an uninterrupted one")
    func trainAndResume() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let whole = try runProduct("Discover", ["manifolds"] + tiny + ["--steps", "4", "--out", directory.path("whole"), "--name", "run"],
                                   in: directory.url)
        #expect(whole.status == 0, "\(whole.error)")
        #expect(whole.error.contains("step 4/4"))
        #expect(whole.output.contains("direction accuracy on 8 held-out pairs"))
        // The names: the ids the Editor takes, each with "unclear" or a label of the shared scheme.
        let names = whole.output.split(separator: "\n").first { $0.hasPrefix("names: ") }.map { $0.dropFirst(7) } ?? ""
        let entries = names.components(separatedBy: ", ")
        #expect(entries.map { $0.components(separatedBy: "=")[0] } == ["M0", "M1", "M2"], "\(names)")
        for entry in entries {
            let name = entry.components(separatedBy: "=").last ?? ""
            #expect(name == "unclear" || (name.contains(".") && !name.hasSuffix("+") && !name.hasSuffix("-")), "\(entry)")
        }
        let report = try String(contentsOfFile: directory.path("whole/run.md"), encoding: .utf8)
        for k in 0..<3 {
            #expect(report.components(separatedBy: "| M\(k) |").count == 3, "M\(k) in the naming table and the per-direction table")
        }
        for file in ["run.safetensors", "run.training.safetensors", "run.grid.png", "run.md", "run.metrics.json",
                     "run.grids/direction-00.png", "run.grids/direction-02.png"] {
            #expect(FileManager.default.fileExists(atPath: directory.path("whole/\(file)")), "\(file)")
        }
        let directions = try readSafeTensors(directory.path("whole/run.safetensors"))
        #expect(directions.metadata["directions"]?.contains("\"method\":\"manifolds\"") == true)
        for k in 0..<3 { #expect(try directions.tensor("direction.M\(k)").shape == [100]) }
        let grid = try readPNG(directory.path("whole/run.grid.png"))
        #expect(grid.width > 3 * 64 && grid.height > 3 * 64)

        let half = try runProduct("Discover", ["manifolds"] + tiny + ["--steps", "2", "--out", directory.path("split"), "--name", "run"],
                                  in: directory.url)
        #expect(half.status == 0, "\(half.error)")
        let rest = try runProduct("Discover", ["manifolds"] + tiny + ["--steps", "4", "--out", directory.path("split"), "--name", "run", "--resume"],
                                  in: directory.url)
        #expect(rest.status == 0, "\(rest.error)")
        #expect(rest.error.contains("resuming") && rest.error.contains("at step 2 of 4"))
        for file in ["run.safetensors", "run.training.safetensors", "run.metrics.json"] {
            let a = FileManager.default.contents(atPath: directory.path("whole/\(file)"))
            let b = FileManager.default.contents(atPath: directory.path("split/\(file)"))
            #expect(a != nil && a == b, "\(file) differs between the whole and the resumed run")
        }
    }

    @Test("bad options and files are refused with one line and a non-zero exit")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let cases: [([String], String)] = [
            (["--name", "../escape"], "--name must be a plain file name"),
            (["--directions", "1"], "directions must be at least 2"),
            (["--grid-columns", "4"], "--grid-columns must be odd"),
            (["--resume", "--out", directory.path("none")], "does not exist"),
        ]
        for (arguments, message) in cases {
            let result = try runProduct("Discover", ["manifolds"] + tiny + ["--steps", "1"] + arguments, in: directory.url)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
        // A checkpoint of another configuration is refused, naming the file.
        let out = directory.path("mixed")
        let first = try runProduct("Discover", ["manifolds"] + tiny + ["--steps", "1", "--out", out, "--name", "run"], in: directory.url)
        #expect(first.status == 0, "\(first.error)")
        let other = try runProduct("Discover", ["manifolds"] + tiny + ["--steps", "2", "--seed", "9", "--out", out, "--name", "run", "--resume"],
                                   in: directory.url)
        #expect(other.status != 0)
        #expect(other.error.contains("run.training.safetensors") && other.error.contains("another configuration"))
        // A damaged checkpoint too.
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: "\(out)/run.training.safetensors"))
        let damaged = try runProduct("Discover", ["manifolds"] + tiny + ["--steps", "2", "--out", out, "--name", "run", "--resume"],
                                     in: directory.url)
        #expect(damaged.status != 0)
        #expect(damaged.error.contains("run.training.safetensors"))
    }
}
