import Diagnostics
import FileStorage
import Foundation

/// A run's folder holds what another run made (or files no run made), and the run was not allowed to replace it:
/// one line naming the folder and saying whose files are there. Nothing was replaced.
public struct RunFolderTakenError: Error, CustomStringConvertible, Sendable {
    /// The run's folder.
    public let path: String
    /// What is there.
    public let problem: String

    /// An error saying that the run's folder `path` holds `problem`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// "path: problem; it is kept", one line (line breaks inside either part are shown as `\n`, `\r`).
    public var description: String { FileError(path: path, problem: "\(problem); it is kept").description }
}

/// Why the run `manifest` describes may not replace what is at `folder` unless allowed to, or nil when it may:
/// nothing is there, an empty folder, or the folder of an earlier run of the same target on the same data in the
/// same latent space (`RunManifest.isSameRun`) that holds only what its manifest lists.
public func runFolderProblem(_ folder: String, for manifest: RunManifest) -> String? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { return nil }
    guard isDirectory.boolValue else { return "is a file, not a run's folder" }
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        return "cannot be read, so whose files it holds is unknown"
    }
    if entries.isEmpty { return nil }
    let manifestPath = (folder as NSString).appendingPathComponent(RunFiles.manifestName)
    return runFolderProblem(entries: entries, earlierManifest: FileManager.default.contents(atPath: manifestPath), for: manifest)
}

/// `runFolderProblem(_:for:)` for a folder holding `entries` (not none) and the run manifest bytes
/// `earlierManifest` (nil: no `run.json`): one line, whatever the earlier manifest holds.
public func runFolderProblem(entries: [String], earlierManifest data: Data?, for manifest: RunManifest) -> String? {
    guard let data else {
        return "holds files and no run manifest (\(RunFiles.manifestName)) saying which run made them"
    }
    let earlier: RunManifest
    do { earlier = try RunManifest.decode(data, source: RunFiles.manifestName) } catch {
        return "holds files and a run manifest that does not say which run made them (\(shown("\(error)")))"
    }
    guard earlier.isSameRun(as: manifest) else {
        let digest = String(earlier.dataset.sha256.prefix(12))
        return "holds another run's files ('\(earlier.target)' on the dataset \(shown(earlier.dataset.path)), sha256 \(shown(digest))…, "
            + "generator \(shown(earlier.generator.identifier)))"
    }
    let unknown = Set(entries).subtracting(earlier.files + [RunFiles.manifestName]).sorted()
    guard unknown.isEmpty else {
        return "holds files its run did not write: " + unknown.prefix(5).map(shown).joined(separator: ", ") + (unknown.count > 5 ? ", …" : "")
    }
    return nil
}

/// `text` from a file, on one line (line breaks and other control characters as `\u{…}`) and at most 200 characters.
private func shown(_ text: String) -> String {
    let scalars = text.unicodeScalars
    let kept = scalars.prefix(200).map { scalar -> String in
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace && scalar != " "
            ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }
    return kept.joined() + (scalars.count > 200 ? "…" : "")
}

/// Throws `RunFolderTakenError` when `runFolderProblem` finds one and `replace` is false.
public func checkRunFolder(_ folder: String, for manifest: RunManifest, replace: Bool) throws {
    guard !replace, let problem = runFolderProblem(folder, for: manifest) else { return }
    throw RunFolderTakenError(path: folder, problem: problem)
}

/// Runs `write` on the run's files in a hidden staging folder beside the run's folder `files.folder`, adds the run
/// manifest (`manifest` with the names written), and puts the whole folder in place in one step
/// (`writeDirectoryAtomically`: one rename for a new folder, one exchange for an earlier run's): a failed or
/// interrupted run leaves the previous run's folder as it was, and a kill at any point leaves the old set or the new
/// one. Leftovers of interrupted runs beside the folder are removed first. Unless `replace`, a folder holding
/// another run's files is kept and the run fails with `RunFolderTakenError` (checked again just before the
/// exchange). Returns `write`'s result and a function that maps a staged path to its final one. Errors about staged
/// paths name the final paths.
public func writeRunAsOneSet<Outcome>(_ files: RunFiles, manifest: RunManifest, replace: Bool,
                                      _ write: (RunFiles) throws -> Outcome) throws -> (Outcome, finalPath: (String) -> String) {
    try checkRunFolder(files.folder, for: manifest, replace: replace)
    let finalFolder = files.folder
    var staging: String?
    var outcome: Outcome?
    func mapped(_ path: String, from staging: String?) -> String {
        guard let staging, path.hasPrefix(staging) else { return path }
        return finalFolder + path.dropFirst(staging.count)
    }
    do {
        try writeDirectoryAtomically(at: files.folder) { temporary in
            staging = temporary
            let staged = files.moved(to: temporary)
            outcome = try write(staged)
            var written = manifest
            written.files = try FileManager.default.contentsOfDirectory(atPath: temporary).sorted()
            for name in files.allNames where name != RunFiles.manifestName && !written.files.contains(name) {
                throw FileError(path: (finalFolder as NSString).appendingPathComponent(name), problem: "was not written (internal error)")
            }
            try writeAtomically(try written.encoded(), to: staged.manifestPath)
            try checkRunFolder(finalFolder, for: written, replace: replace)
        }
    } catch let error as FileError {
        throw FileError(path: mapped(error.path, from: staging), problem: error.problem)
    }
    let stagedFolder = staging
    return (outcome!, { mapped($0, from: stagedFolder) })
}
