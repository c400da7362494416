import CommandTestSupport
import Dataset
import Bundles
import Foundation
import TensorFormats
import Testing

/// A small sampled dataset shared by the command tests below (sampled once per test that needs it).
func sampleSmallDataset(into folder: String, in directory: TemporaryDirectory, count: Int = 120) throws {
    let sample = try runProduct("Dataset", ["sample", "--count", "\(count)", "--seed", "5", "--out", folder], in: directory.url)
    #expect(sample.status == 0, "\(sample.error)")
}

/// A .npy file (format 1.0) of float32 [rows, columns], every element `value`.
func float32Npy(rows: Int, columns: Int, value: Float) -> Data {
    var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
    data.append(Data(header.utf8))
    for _ in 0..<(rows * columns) { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    return data
}

/// Whether a failed command said one line on stderr (ArgumentParser prefixes "Error: ") and exited with 1.
func isOneLineFailure(_ result: CommandResult) -> Bool {
    result.status == 1 && result.error.split(separator: "\n").count == 1
}

@Suite("Values that parse but make no sense: one line, exit 1, nothing written", .serialized)
struct BadInputCommandTests {
    @Test("--hidden 0, --steps 0, --steps huge, --count huge and similar flags are refused before any work")
    func absurdFlags() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let cases: [(String, [String], String)] = [
            ("Trainer", ["--attribute", "color", "--multiclass", "5", "--hidden", "0"], "--hidden"),
            ("Trainer", ["--attribute", "color", "--epochs", "0"], "--epochs"),
            ("Trainer", ["--attribute", "color", "--count", "99999999999"], "--count"),
            ("Trainer", ["--attribute", "../color"], "--attribute"),
            ("Trainer", ["--attribute", "color", "--protect", "a/b"], "--protect"),
            ("Trainer", ["--attribute", "color", "--select", "extremes:90"], "--select"),
            ("Trainer", ["--attribute", "color", "--learning-rate", "0"], "--learning-rate"),
            ("Trainer", ["--attribute", "color", "--targets", "medium"], "--targets"),
            ("Trainer", ["--attribute", "color", "--path-latents=-1"], "--path-latents"),
            ("Trainer", ["--attribute", "color", "--path-latents", "99999999999"], "--path-latents"),
            ("Editor", ["--bundle", "x.safetensors", "--steps", "0"], "--steps"),
            ("Editor", ["--bundle", "x.safetensors", "--steps", "1000000000"], "--steps"),
            ("Editor", ["--bundle", "x.safetensors", "--steps", "4611686018427387904"], "--steps"),
            ("Editor", ["--bundle", "x.safetensors", "--step-length", "nan"], "--step-length"),
            ("Editor", ["--bundle", "x.safetensors", "--count", "0"], "--count"),
            ("Render", ["--count", "100000000"], "--count"),
            ("Render", ["--count", "4", "--columns", "0"], "--columns"),
            ("Dataset", ["sample", "--count", "0"], "--count"),
            ("Dataset", ["sample", "--count", "4", "--batch", "0"], "--batch"),
            ("Dataset", ["sheet", "--dataset", "d", "--attribute", "a"], "--indices"),
            ("Render", [], "--latents"),
            ("Editor", ["--bundle", "x.safetensors", "--outside-target"], "--outside-target"),
            ("Editor", ["--directions", "x.safetensors"], "--component"),
            ("Curate", ["simulate", "--folds", "1"], "--folds"),
            ("Curate", ["simulate", "--budget", "300", "--pool", "200"], "--pool"),
            ("Curate", ["serve", "--dataset", "d", "--attribute", "a", "--retrain-every", "0"], "--retrain-every"),
            ("Discover", ["tca", "--block", "9"], "--block"),
            ("Discover", ["manifolds", "--grid-columns", "4"], "--grid-columns"),
        ]
        for (command, arguments, flag) in cases {
            let result = try runProduct(command, arguments, in: directory.url)
            #expect(isOneLineFailure(result), "\(command) \(arguments): status \(result.status), \(result.error)")
            #expect(result.error.contains(flag), "\(command) \(arguments): \(result.error)")
        }
        // Nothing was started: no dataset sampled, no checkpoint folder made.
        #expect(!FileManager.default.fileExists(atPath: directory.path("data")))
        #expect(!FileManager.default.fileExists(atPath: directory.path("checkpoints")))
    }

    @Test("Every comma-list flag of every command refuses a trailing comma, an empty item or a bad item in one line, exit 1")
    func malformedCommaLists() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // The required flags of each command (their values are never read: the list is refused first).
        let trainer = ["--attribute", "color"], sheet = ["sheet", "--dataset", "d", "--attribute", "a"]
        let importLabels = ["import-labels", "--dataset", "d", "--csv", "c.csv", "--attribute", "a"]
        let serve = ["serve", "--dataset", "d", "--attribute", "a"]
        let cases: [(String, [String], String, String)] = [
            ("Trainer", trainer, "--hidden", "16,"),
            ("Trainer", trainer, "--protect", "lightness,"),
            ("Trainer", trainer, "--exclude", ",lightness"),
            ("Trainer", trainer, "--top-channels", "3,x"),
            ("Editor", ["--bundle", "b.safetensors"], "--exclude", "a,,b"),
            ("Editor", ["--bundle", "b.safetensors"], "--top-channels", "4,"),
            ("Dataset", ["sample"], "--labellers", "color,"),
            ("Dataset", sheet, "--indices", "0-3,"),
            ("Dataset", sheet, "--classes", "no,"),
            ("Dataset", importLabels, "--classes", "no, ,yes"),
            ("Dataset", ["import-latents", "--latents", "z.npy"], "--classes", "smile=no,"),
            ("Evaluate", [], "--attributes", "color,"),
            ("Evaluate", [], "--lengths", "1,2,x"),
            ("Curate", ["simulate"], "--seeds", "1,-2"),
            ("Curate", serve, "--classes", "no,,yes"),
            ("Discover", ["tca"], "--ranks", "8,4,"),
        ]
        for (command, required, flag, value) in cases {
            let result = try runProduct(command, required + [flag, value], in: directory.url)
            #expect(isOneLineFailure(result), "\(command) \(flag) \(value): status \(result.status), \(result.error)")
            #expect(result.error.contains("\(flag): "), "\(command) \(flag) \(value): \(result.error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty, "a refused command wrote something")
    }

    @Test("An empty latents file and latents that render to NaN give one line naming the file, exit 1")
    func emptyAndNonFiniteLatents() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let empty = directory.path("empty.npy")
        try float32Npy(rows: 0, columns: 100, value: 0).write(to: URL(fileURLWithPath: empty))
        let huge = directory.path("huge.npy")
        try float32Npy(rows: 2, columns: 100, value: 3e38).write(to: URL(fileURLWithPath: huge))
        for latents in [empty, huge] {
            let render = try runProduct("Render", ["--latents", latents, "--out", directory.path("renders")], in: directory.url)
            #expect(isOneLineFailure(render), "\(render.status) \(render.error)")
            #expect(render.error.contains(latents))
            #expect(!FileManager.default.fileExists(atPath: directory.path("renders/contact-sheet.png")))
        }
        #expect(try runProduct("Render", ["--latents", huge, "--out", directory.path("renders")], in: directory.url)
            .error.contains("NaN or infinity"))
    }

    @Test("A missing CSV is 'no such file'; what no user can write, root included, is one plain line naming the user's path")
    func missingFileAndUnwritablePaths() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let data = directory.path("data")
        try sampleSmallDataset(into: data, in: directory, count: 40)
        let missing = try runProduct("Dataset", ["import-labels", "--dataset", data, "--csv", directory.path("nope.csv"),
                                                 "--attribute", "smile", "--classes", "no,yes"], in: directory.url)
        #expect(isOneLineFailure(missing))
        #expect(missing.error.contains("\(directory.path("nope.csv")): no such file"), "\(missing.error)")

        // A file where a folder must go.
        let blocker = try directory.write("a file", to: "blocker")
        let blocked = try runProduct("Render", ["--count", "2", "--out", "\(blocker)/renders"], in: directory.url)
        #expect(isOneLineFailure(blocked), "\(blocked.error)")
        #expect(blocked.error.contains("\(blocker)/renders/image-00000.png: cannot create the folder \(blocker): a file is in the way"),
                "\(blocked.error)")
        // A folder where an image must go.
        let taken = directory.path("taken")
        try FileManager.default.createDirectory(atPath: "\(taken)/image-00000.png", withIntermediateDirectories: true)
        let occupied = try runProduct("Render", ["--count", "2", "--out", taken], in: directory.url)
        #expect(isOneLineFailure(occupied), "\(occupied.error)")
        #expect(occupied.error.contains("\(taken)/image-00000.png: cannot put the file in place: Is a directory"), "\(occupied.error)")
        // A folder name longer than the file system allows (255 bytes).
        let long = directory.path(String(repeating: "n", count: 256))
        let tooLong = try runProduct("Render", ["--count", "2", "--out", "\(long)/renders"], in: directory.url)
        #expect(isOneLineFailure(tooLong), "\(tooLong.error)")
        #expect(tooLong.error.contains("\(long)/renders/image-00000.png: cannot create the folder \(long): File name too long"),
                "\(tooLong.error)")
        for result in [blocked, occupied, tooLong] {
            #expect(!result.error.contains("NSCocoaErrorDomain") && !result.error.contains(".tmp-"), "\(result.error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(taken)/image-00000.png").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: taken) == ["image-00000.png"])
    }

    /// Root writes into a read-only folder, so as root the command runs as the user `nobody` (`setpriv`).
    @Test("A read-only folder is one plain line naming the user's path and the reason",
          .enabled(if: unprivilegedPrefix != nil,
                   "the tests run as root, and there is no user 'nobody' or no /usr/bin/setpriv to run Render without root's rights"))
    func readOnlyFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let locked = directory.path("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(directory.url.path, 0o755)  // the unprivileged user must reach it
        // ... and read the generator's weights, which may sit in a folder only root can enter (a clone in mktemp -d).
        let weights = directory.path("weights.safetensors")
        try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("checkpoints/dcgan-digiface-64.safetensors").path,
                                         toPath: weights)
        chmod(weights, 0o644)
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        let render = try runProductUnprivileged("Render", ["--count", "2", "--checkpoint", weights, "--out", "\(locked)/renders"],
                                                in: directory.url)
        #expect(isOneLineFailure(render), "\(render.error)")
        #expect(render.error.contains("\(locked)/renders"), "\(render.error)")
        #expect(render.error.contains("Permission denied"), "\(render.error)")
        #expect(!render.error.contains("NSCocoaErrorDomain") && !render.error.contains(".tmp-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }

    @Test("A --protect name the dataset lacks or a --select rule it cannot serve fails before training, writing nothing")
    func lateFlagsFailEarly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let data = directory.path("data")
        try sampleSmallDataset(into: data, in: directory, count: 60)
        let csv = try directory.write("index,smile\n" + (0..<60).map { "\($0),\($0 % 2)" }.joined(separator: "\n") + "\n",
                                      to: "smile.csv")
        let imported = try runProduct("Dataset", ["import-labels", "--dataset", data, "--csv", csv, "--attribute", "smile",
                                                  "--classes", "no,yes"], in: directory.url)
        #expect(imported.status == 0, "\(imported.error)")
        let out = directory.path("checkpoints")
        for (arguments, expected) in [
            (["--protect", "glasses"], "cannot protect 'glasses'"),
            // Hand labels have no scores: the protected attribute 'smile' cannot be selected by confidence.
            (["--protect", "smile", "--select", "confident:10"], "needs scores"),
            (["--protect", "background", "--top-channels", "5,5"], "--top-channels"),
        ] {
            let result = try runProduct("Trainer", ["--attribute", "lightness", "--dataset", data, "--epochs", "50", "--out", out]
                                        + arguments, in: directory.url)
            #expect(result.status == 1 && result.error.contains(expected), "\(arguments): \(result.error)")
            #expect(!result.error.contains("trained"), "\(arguments): training started: \(result.error)")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty)
        }
    }

    @Test("Dataset sample over hand labels and Dataset sheet over a filled-in template refuse without --force")
    func handWorkNeedsForce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let data = directory.path("data")
        try sampleSmallDataset(into: data, in: directory, count: 30)
        let sheet = try runProduct("Dataset", ["sheet", "--dataset", data, "--indices", "0-9", "--attribute", "smile",
                                               "--classes", "no,yes"], in: directory.url)
        #expect(sheet.status == 0, "\(sheet.error)")
        let template = "\(data)/curation/smile-labels.csv"
        let filled = "index,smile\n" + (0..<10).map { "\($0),\($0 % 2 == 0 ? "no" : "yes")" }.joined(separator: "\n") + "\n"
        try Data(filled.utf8).write(to: URL(fileURLWithPath: template))

        let again = try runProduct("Dataset", ["sheet", "--dataset", data, "--indices", "0-9", "--attribute", "smile"], in: directory.url)
        #expect(isOneLineFailure(again) && again.error.contains("\(template): already holds 10 filled-in labels"), "\(again.error)")
        #expect(try String(contentsOfFile: template, encoding: .utf8) == filled)

        let imported = try runProduct("Dataset", ["import-labels", "--dataset", data, "--csv", template, "--attribute", "smile",
                                                  "--classes", "no,yes"], in: directory.url)
        #expect(imported.status == 0, "\(imported.error)")
        let labels = try String(contentsOfFile: "\(data)/labels.csv", encoding: .utf8)
        let resample = try runProduct("Dataset", ["sample", "--count", "30", "--seed", "6", "--out", data], in: directory.url)
        #expect(isOneLineFailure(resample) && resample.error.contains("pass --force"), "\(resample.error)")
        #expect(try String(contentsOfFile: "\(data)/labels.csv", encoding: .utf8) == labels, "the hand labels are kept")
        #expect(FileManager.default.fileExists(atPath: template), "the curation folder is kept")

        // Once imported, the template holds nothing new: a new sheet may replace it; --force replaces anything.
        let sheetAfterImport = try runProduct("Dataset", ["sheet", "--dataset", data, "--indices", "0-9", "--attribute", "smile"],
                                              in: directory.url)
        #expect(sheetAfterImport.status == 0, "\(sheetAfterImport.error)")
        let forced = try runProduct("Dataset", ["sample", "--count", "30", "--seed", "6", "--out", data, "--force"], in: directory.url)
        #expect(forced.status == 0, "\(forced.error)")
        #expect(!FileManager.default.fileExists(atPath: template))
    }

    @Test("a bundle whose class names say '..', '/' or a control character cannot make the Editor write outside --out")
    func editorStaysInsideOut() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let base = try readSafeTensors(packageRoot.appendingPathComponent("Fuzz/Seeds/base.bundle.safetensors").path)
        let metadata = try #require(base.metadata[EditBundle.metadataKey])
        let latents = directory.path("z.npy")
        try float32Npy(rows: 2, columns: 6, value: 0.5).write(to: URL(fileURLWithPath: latents))
        let out = directory.path("inside/edits")
        for hostile in ["../../outside", "/tmp/outside", "a\\nb", "..", "x\\u0007"] {
            let path = directory.path("hostile.safetensors")
            let arrays = base.names.reduce(into: [String: NumericArray]()) { $0[$1] = base.tensors[$1]!.array }
            try writeSafeTensors(arrays: arrays, metadata: [EditBundle.metadataKey: metadata.replacingOccurrences(of: "\"yes\"", with: "\"\(hostile)\"")],
                                 to: path)
            let edit = try runProduct("Editor", ["--bundle", path, "--latents", latents, "--out", out], in: directory.url)
            #expect(isOneLineFailure(edit) && edit.error.contains(path) && edit.error.contains("class name"), "\(hostile): \(edit.error)")
        }
        let written = try FileManager.default.subpathsOfDirectory(atPath: directory.url.path)
        #expect(Set(written) == ["hostile.safetensors", "z.npy"], "\(written)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/outside.npy"))
        // The untouched bundle edits, and writes only inside --out.
        let good = try runProduct("Editor", ["--bundle", packageRoot.appendingPathComponent("Fuzz/Seeds/base.bundle.safetensors").path,
                                             "--latents", latents, "--steps", "2", "--out", out], in: directory.url)
        #expect(good.status == 0, "\(good.error)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out)) == ["a-to-no.npy", "a-to-yes.npy"])
    }
}
