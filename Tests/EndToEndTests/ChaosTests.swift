import CommandTestSupport
import Foundation
import Testing

/// Every file under `path` (or the file itself) with its bytes, by path relative to `path`; nil if nothing is there.
func snapshot(_ path: String) -> [String: Data]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    guard isDirectory.boolValue else { return ["": (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()] }
    var files = [String: Data]()
    for case let relative as String in FileManager.default.enumerator(atPath: path) ?? FileManager.default.enumerator(atPath: "/dev/null")! {
        let full = (path as NSString).appendingPathComponent(relative)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
            files[relative] = try? Data(contentsOf: URL(fileURLWithPath: full))
        }
    }
    return files
}

/// How a chaos run ends: killed by SIGKILL at the n-th commit point (a test-only hook in AtomicFiles: just
/// before and just after each rename or exchange), or after a delay in seconds.
enum KillPoint: CustomStringConvertible {
    case commitPoint(Int)
    case after(Double)

    var description: String {
        switch self {
        case .commitPoint(let n): return "commit point \(n)"
        case .after(let seconds): return String(format: "kill after %.3f s", seconds)
        }
    }
}

/// Runs `product` with `arguments` in `directory` and kills it (SIGKILL) at `point`; returns whether it was
/// killed (false: it finished first) and its exit status.
func runKilled(_ product: String, _ arguments: [String], in directory: URL, at point: KillPoint) throws -> (killed: Bool, status: Int32) {
    var environment = [String: String]()
    if case .commitPoint(let n) = point { environment["GRADCTRL_KILL_AT_COMMIT_POINT"] = String(n) }
    let process = try startProduct(product, arguments, in: directory, environment: environment)
    if case .after(let seconds) = point {
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    return (process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, process.terminationStatus)
}

/// A reproducible stream of delays in `0..<limit` (SplitMix64).
struct Delays {
    var state: UInt64
    mutating func next(below limit: Double) -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return limit * Double(z >> 11) / Double(1 << 53)
    }
}

/// One command under chaos: how to put the old state in place, the command, the paths it changes.
struct ChaosCase {
    let product: String
    let arguments: [String]
    /// The folder the outputs live in; after a complete run it holds exactly `expectedEntries`.
    let folder: String
    let expectedEntries: Set<String>
    /// The paths (inside `folder`) each of which must hold its old or its new version after any kill.
    let paths: [String]
    /// Restores the old complete state.
    let reset: () throws -> Void
}

/// Kills `chaos.product` at `points` kill points (every commit point first, then random delays up to the
/// length of a full run) and checks after each that every path holds its old or its new version and that the
/// paths together hold the old state or the new one (never a mix), and, after
/// every `nextRunEvery`-th kill, that the next run succeeds, gives the new state and leaves no strays.
func runChaos(_ chaos: ChaosCase, points: Int, nextRunEvery: Int, in directory: TemporaryDirectory) throws -> (hooks: Int, delays: Int) {
    func state() -> [String: [String: Data]?] {
        Dictionary(uniqueKeysWithValues: chaos.paths.map { ($0, snapshot((chaos.folder as NSString).appendingPathComponent($0))) })
    }
    func entries() -> Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: chaos.folder)) ?? []) }
    try chaos.reset()
    let old = state()
    let started = Date()
    let full = try runProduct(chaos.product, chaos.arguments, in: directory.url)
    let duration = Date().timeIntervalSince(started)
    #expect(full.status == 0, "\(chaos.product): \(full.error)")
    let new = state()
    #expect(entries() == chaos.expectedEntries, "\(chaos.product): \(entries())")
    for path in chaos.paths { #expect(new[path]! != nil, "\(chaos.product) made no \(path)") }

    var hooks = 0, delays = 0, kills = 0
    var random = Delays(state: 20261130)
    var hookRunsFinished = false
    while kills < points {
        let point: KillPoint = hookRunsFinished ? .after(0.05 + random.next(below: duration * 0.95)) : .commitPoint(hooks + 1)
        try chaos.reset()
        let run = try runKilled(chaos.product, chaos.arguments, in: directory.url, at: point)
        if case .commitPoint = point {
            guard run.killed else {
                #expect(run.status == 0, "\(chaos.product) at \(point): exit \(run.status)")
                hookRunsFinished = true
                continue
            }
            hooks += 1
        } else {
            delays += 1
        }
        kills += 1
        let after = state()
        for path in chaos.paths {
            let found = after[path]!
            #expect(found == old[path]! || found == new[path]!,
                    "\(chaos.product) \(point): \(path) is neither the old nor the new version (\(found?.keys.sorted() ?? ["missing"]))")
        }
        // Not only each path: all of them together are one run's complete set, the old or the new.
        #expect(after == old || after == new, "\(chaos.product) \(point): a mix of the old and the new set")
        if kills % nextRunEvery == 0 || kills == points {
            let next = try runProduct(chaos.product, chaos.arguments, in: directory.url)
            #expect(next.status == 0, "\(chaos.product) after \(point): the next run failed: \(next.error)")
            #expect(state() == new, "\(chaos.product) after \(point): the next run did not give the new state")
            #expect(entries() == chaos.expectedEntries, "\(chaos.product) after \(point): strays \(entries().subtracting(chaos.expectedEntries))")
        }
    }
    return (hooks, delays)
}

/// Copies the folder `source` over `destination` (removed first).
func restore(_ destination: String, from source: String) throws {
    try? FileManager.default.removeItem(atPath: destination)
    try FileManager.default.copyItem(atPath: source, toPath: destination)
}

@Suite("kill -9 anywhere: each path holds the old or the new version; the next run succeeds and leaves no strays",
       .serialized)
struct ChaosTests {
    static let points = 50

    @Test("Dataset sample replacing a dataset")
    func sample() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pristine = directory.path("pristine")
        #expect(try runProduct("Dataset", ["sample", "--count", "40", "--seed", "1", "--out", pristine], in: directory.url).status == 0)
        let folder = directory.path("data")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let chaos = ChaosCase(product: "Dataset", arguments: ["sample", "--count", "40", "--seed", "2", "--out", "\(folder)/set"],
                              folder: folder, expectedEntries: ["set"], paths: ["set"],
                              reset: { try restore("\(folder)/set", from: pristine) })
        let (hooks, delays) = try runChaos(chaos, points: Self.points, nextRunEvery: 5, in: directory)
        #expect(hooks + delays == Self.points && hooks >= 4, "\(hooks) commit points, \(delays) delays")
    }

    @Test("Dataset import-labels adding hand labels")
    func importLabels() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pristine = directory.path("pristine")
        #expect(try runProduct("Dataset", ["sample", "--count", "40", "--seed", "1", "--labellers", "color,lightness",
                                           "--out", pristine], in: directory.url).status == 0)
        let csv = try directory.write("index,smile\n" + (0..<40).map { "\($0),\($0 % 3 == 0 ? "yes" : "no")" }.joined(separator: "\n"),
                                      to: "smile.csv")
        let folder = directory.path("data")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let chaos = ChaosCase(product: "Dataset",
                              arguments: ["import-labels", "--dataset", "\(folder)/set", "--csv", csv, "--attribute", "smile",
                                          "--classes", "no,yes", "--replace"],
                              folder: folder, expectedEntries: ["set"], paths: ["set"],
                              reset: { try restore("\(folder)/set", from: pristine) })
        let (hooks, delays) = try runChaos(chaos, points: Self.points, nextRunEvery: 2, in: directory)
        #expect(hooks + delays == Self.points && hooks >= 4, "\(hooks) commit points, \(delays) delays")
    }

    @Test("Trainer replacing a previous run's folder: the old run's whole set or the new run's, the other run's folder untouched")
    func trainer() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let data = directory.path("set")
        #expect(try runProduct("Dataset", ["sample", "--count", "160", "--seed", "4", "--labellers", "lightness,background",
                                           "--out", data], in: directory.url).status == 0)
        func arguments(_ attribute: String, protect: String, seed: Int, out: String) -> [String] {
            ["--attribute", attribute, "--dataset", data, "--protect", protect, "--top-channels", "5",
             "--epochs", "2", "--seed", "\(seed)", "--out", out]
        }
        // The old state: a run for lightness and one for background on the same dataset, side by side.
        let pristine = directory.path("pristine")
        #expect(try runProduct("Trainer", arguments("lightness", protect: "background", seed: 1, out: pristine), in: directory.url).status == 0)
        #expect(try runProduct("Trainer", arguments("background", protect: "lightness", seed: 1, out: pristine), in: directory.url).status == 0)
        let checkpoints = directory.path("checkpoints")
        let folder = checkpoints + "/set"
        let chaos = ChaosCase(product: "Trainer", arguments: arguments("lightness", protect: "background", seed: 2, out: checkpoints),
                              folder: folder, expectedEntries: ["lightness", "background"], paths: ["lightness", "background"],
                              reset: { try restore(checkpoints, from: pristine) })
        try chaos.reset()
        let old = snapshot(folder + "/lightness")
        let (hooks, delays) = try runChaos(chaos, points: Self.points, nextRunEvery: 5, in: directory)
        #expect(hooks + delays == Self.points && hooks >= 10, "\(hooks) commit points, \(delays) delays")
        // The reference sets are whole runs: the old one and the new one differ in every file the run trains.
        let new = snapshot(folder + "/lightness")
        let trained = ["lightness.classifier.safetensors", "lightness-protects-background.classifier.safetensors",
                       "lightness.bundle.safetensors"]
        #expect(old.map { Set($0.keys) } == new.map { Set($0.keys) } && old?.keys.contains("run.json") == true)
        for file in trained { #expect(old?[file] != nil && old?[file] != new?[file], "\(file)") }
    }
}
