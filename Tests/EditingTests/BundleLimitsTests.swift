import CommandTestSupport
import Editing
import Bundles
import Foundation
import TensorFormats
import Testing

@Suite("Bundles whose metadata parses but makes no sense are refused in one line")
struct BundleLimitsTests {
    /// Writes the test bundle with its metadata JSON passed through `edit`; returns the path.
    func bundleWithMetadata(_ directory: TemporaryDirectory, _ name: String, _ edit: (String) -> String) throws -> String {
        let bundle = try makeBundle()
        let path = directory.path(name)
        try writeSafeTensors(arrays: bundle.arrays, metadata: [EditBundle.metadataKey: edit(try bundle.metadataJSON())], to: path)
        return path
    }

    /// The one-line message of reading `path`, or "accepted".
    func refusal(_ path: String) -> String {
        do { _ = try EditBundle.read(from: path) } catch { return "\(error)" }
        return "accepted"
    }

    @Test("class names that would leave the output folder: '..', '/', control characters, a hidden name")
    func classNamesCannotEscape() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for hostile in ["../../escaped", "/tmp/escaped", "a/b", "..", "line\\nbreak", "tab\\there", "nul\\u0000", ".hidden", ""] {
            let path = try bundleWithMetadata(directory, "hostile.safetensors") {
                $0.replacingOccurrences(of: "\"green\"", with: "\"\(hostile)\"")
            }
            let message = refusal(path)
            #expect(message.hasPrefix(path + ": "), "\(hostile): \(message)")
            #expect(message.contains("class name"), "\(hostile): \(message)")
            #expect(!message.contains("\n"), "\(hostile): \(message)")
        }
    }

    @Test("edit steps of 10⁹ or 2⁶², a mask-choice row past the table, duplicate keys")
    func numbersOutOfRange() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for steps in ["1000000000", "4611686018427387904", "-1"] {
            let path = try bundleWithMetadata(directory, "steps.safetensors") {
                $0.replacingOccurrences(of: "\"steps\":9", with: "\"steps\":\(steps)")
            }
            #expect(refusal(path).contains("the number of steps must be between 0 and \(maximumEditSteps)"), "\(refusal(path))")
        }
        let json = try makeBundle().metadataJSON()
        let chosen = try #require(json.range(of: #""chosenRow":\d+"#, options: .regularExpression))
        let past = try bundleWithMetadata(directory, "row.safetensors") { $0.replacingCharacters(in: chosen, with: "\"chosenRow\":99") }
        #expect(refusal(past).contains("picks row 99"), "\(refusal(past))")
        let duplicate = try bundleWithMetadata(directory, "duplicate.safetensors") {
            $0.replacingOccurrences(of: "\"steps\":9", with: "\"steps\":9,\"steps\":1000")
        }
        #expect(refusal(duplicate).contains("duplicate key \"steps\""), "\(refusal(duplicate))")
    }

    @Test("warnings: too many lines, an empty line, a line break, a huge line, not a list; a good one reads back")
    func warningsAreBounded() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        func withWarnings(_ json: String) throws -> String {
            try bundleWithMetadata(directory, "warnings.safetensors") { "{\"warnings\":\(json)," + $0.dropFirst() }
        }
        let many = "[" + Array(repeating: "\"w\"", count: 17).joined(separator: ",") + "]"
        let huge = "[\"" + String(repeating: "x", count: 2001) + "\"]"
        for hostile in [many, "[\"\"]", "[\"two\\nlines\"]", huge] {
            let path = try withWarnings(hostile)
            let message = refusal(path)
            #expect(message.hasPrefix(path + ": ") && message.contains("'warnings' must be at most 16 non-empty lines"), "\(message)")
            #expect(!message.contains("\n"), "\(message)")
        }
        let notAList = try withWarnings("7")
        #expect(refusal(notAList).hasPrefix(notAList + ": ") && !refusal(notAList).contains("\n"), "\(refusal(notAList))")
        let good = try withWarnings("[\"exported although forced below its baseline: test\"]")
        #expect(try EditBundle.read(from: good).warnings == ["exported although forced below its baseline: test"])
    }
}
