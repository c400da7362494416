import CommandTestSupport
import Diagnostics
import FileStorage
import Foundation
import Testing

/// Writing a file so that it is absent, its old version or complete, and reading one whole: in a real folder,
/// including what no user, root included, can write.
@Suite("Atomic writes and whole-file reads")
struct AtomicWriteTests {
    @Test("a write creates missing folders, replaces the old version and leaves no hidden temporary file")
    func writesAndReplaces() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("a/b/values.bin")
        try writeAtomically(Data([1, 2, 3]), to: path)
        #expect(try readWholeFile(path) == Data([1, 2, 3]))
        try writeAtomically(Data("replaced".utf8), to: path)
        #expect(try readWholeFile(path) == Data("replaced".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("a/b")) == ["values.bin"])
        try writeAtomically(Data(), to: path)
        #expect(try readWholeFile(path).isEmpty)
    }

    @Test("what root cannot write either: a folder in the file's place, a file in a folder's place, a name too long")
    func unwritablePathsAreNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.path("taken")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(thrownDescription { try writeAtomically(Data([1]), to: folder) }
                == "\(folder): cannot put the file in place: Is a directory")
        let blocker = try directory.write("a file", to: "blocker")
        #expect(thrownDescription { try writeAtomically(Data([1]), to: "\(blocker)/inside/x.bin") }
                == "\(blocker)/inside/x.bin: cannot create the folder \(blocker): a file is in the way")
        // 255 bytes is the longest name Linux file systems allow; the hidden temporary name is longer still.
        let long = directory.path(String(repeating: "n", count: 256))
        #expect(thrownDescription { try writeAtomically(Data([1]), to: long) }
                == "\(long): cannot write into the folder \(directory.url.path): File name too long")
        // Nothing was left behind by the failed writes.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.url.path)) == ["taken", "blocker"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "a file")
    }

    @Test("reading a missing file or a folder says so in one line naming the path")
    func unreadablePathsAreNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        #expect(thrownDescription { _ = try readWholeFile(directory.path("missing.npy")) }
                == "\(directory.path("missing.npy")): no such file")
        #expect(thrownDescription { _ = try readWholeFile(directory.url.path) } == "\(directory.url.path): is a directory, not a file")
        #expect(throws: FileError.self) { _ = try readWholeFile(directory.path("missing.npy")) }
    }
}
