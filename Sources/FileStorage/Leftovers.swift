import Foundation

/// The kinds of hidden work-in-progress names this module makes (see `temporarySibling(of:kind:)`).
private let leftoverKinds = ["tmp", "old", "staging"]

/// Removes from `directory` the hidden leftovers of interrupted runs: entries named `.<name>.<kind>-<pid>-…`
/// by this module whose process no longer runs (a folder being filled when its run was killed is half a set: it is
/// removed, and the set it would have replaced stays). Entries of running processes are left alone.
public func removeLeftovers(in directory: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for entry in entries where entry.hasPrefix(".") {
        guard let (_, pid) = leftoverOwner(entry), !processIsRunning(pid) else { continue }
        let path = (directory as NSString).appendingPathComponent(entry)
        removeTree(path)
    }
}

/// The kind and process id of a name made by `temporarySibling`, or nil for any other name.
func leftoverOwner(_ entry: String) -> (kind: String, pid: Int32)? {
    for kind in leftoverKinds {
        guard let marker = entry.range(of: ".\(kind)-", options: .backwards) else { continue }
        let digits = entry[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }
        let rest = entry[marker.upperBound...].dropFirst(digits.count)
        guard !digits.isEmpty, rest.isEmpty || rest.first == "-", let pid = Int32(digits) else { continue }
        return (kind, pid)
    }
    return nil
}

/// Whether a process with this id exists (this process counts).
private func processIsRunning(_ pid: Int32) -> Bool {
    if pid == getpid() { return true }
    return kill(pid, 0) == 0 || errno == EPERM
}
