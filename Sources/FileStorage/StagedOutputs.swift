import Diagnostics
import Foundation

/// The outputs of one run, written aside and then put in place together.
///
/// Everything is written under a hidden staging folder inside `folder`. `commit` records what it will move
/// (a journal with each output's inode) and then moves each output into place, files by rename and folders
/// by atomic exchange. An interruption before the journal leaves the old outputs untouched; one after it is
/// completed by the next run that writes into `folder` (through `removeLeftovers`), so each path always
/// holds the old complete version or the new one, and the set ends up as one run's.
public struct StagedOutputs: Sendable {
    /// Where the outputs go.
    public let folder: String
    /// The hidden folder they are written to first.
    public let staging: String

    /// Name of the journal inside the staging folder.
    static let journalName = ".commit"

    /// Prepares staging for outputs into `folder` (created if needed), after removing or completing the
    /// leftovers of interrupted runs there; `label` names the run in the staging folder's name.
    public init(into folder: String, label: String) throws {
        try createFolder(folder, for: folder)
        removeLeftovers(in: folder)
        self.folder = folder
        staging = temporarySibling(of: (folder as NSString).appendingPathComponent(label), kind: "staging")
        guard mkdir(staging, 0o755) == 0 else {
            throw FileError(path: folder, problem: "cannot write into the folder: \(systemReason())")
        }
    }

    /// Where to write the output that will end up at `relative` inside `folder`.
    public func stagedPath(_ relative: String) -> String {
        (staging as NSString).appendingPathComponent(relative)
    }

    /// Where the output `relative` is once committed.
    public func finalPath(_ relative: String) -> String {
        (folder as NSString).appendingPathComponent(relative)
    }

    /// Moves the staged outputs `units` (relative paths of files or folders, each written in full) into place
    /// in this order, then removes the staging folder.
    public func commit(_ units: [String]) throws {
        var journal = ""
        for unit in units {
            guard !unit.contains("\t"), !unit.contains("\n"), let node = inode(stagedPath(unit)) else {
                throw FileError(path: finalPath(unit), problem: "was not written (internal error: nothing staged)")
            }
            journal += "\(node)\t\(unit)\n"
        }
        try writeAtomically(Data(journal.utf8), to: stagedPath(Self.journalName))
        try moveJournalled(staging: staging, folder: folder)
        removeTree(staging)
    }

    /// Removes the staging folder and everything in it (after a failure: nothing is put in place).
    public func discard() { removeTree(staging) }
}

/// Moves every output the journal of `staging` lists that is still there and is the staged version (same
/// inode; after an exchange the old version sits there instead, and is removed).
func moveJournalled(staging: String, folder: String) throws {
    guard let text = try? String(contentsOfFile: (staging as NSString).appendingPathComponent(StagedOutputs.journalName),
                                 encoding: .utf8) else { return }
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
        guard parts.count == 2, let node = UInt64(parts[0]) else { continue }
        let source = (staging as NSString).appendingPathComponent(parts[1])
        let destination = (folder as NSString).appendingPathComponent(parts[1])
        guard let found = inode(source) else { continue }
        guard found == node else {
            removeTree(source)
            continue
        }
        try createFolder((destination as NSString).deletingLastPathComponent, for: destination)
        try replace(destination, with: source, userPath: destination)
    }
}

/// Completes the commit of an interrupted run's staging folder if its journal was written (else nothing).
func completeInterruptedCommit(staging: String, folder: String) {
    try? moveJournalled(staging: staging, folder: folder)
}
