import CommandTestSupport
import Foundation
import Testing
@testable import GeneratorBridge

@Suite("Worker protocol frames")
struct WorkerFrameTests {
    @Test("a frame's header and payload sizes read back; payloads follow the header")
    func roundTrip() throws {
        let frame = WorkerFrame(header: ["op": .string("render"), "n": .number(3), "ok": .bool(true),
                                         "list": .array([.string("a\"b\n"), .null])],
                                payloads: [Data([1, 2, 3]), Data()])
        let bytes = frame.encoded()
        #expect(bytes.prefix(4) == WorkerFrame.magic)
        let length = try WorkerFrame.headerLength(prefix: bytes.prefix(8))
        let (header, sizes) = try WorkerFrame.parseHeader(bytes.subdata(in: 8..<(8 + length)))
        #expect(header == frame.header)
        #expect(sizes == [3, 0])
        #expect(bytes.suffix(3) == Data([1, 2, 3]))
    }

    @Test("bytes that are not a frame are refused in one line")
    func refusals() {
        #expect(throws: FrameProblem.self) { try WorkerFrame.headerLength(prefix: Data("loading.".utf8)) }
        var huge = WorkerFrame.magic
        huge.append(contentsOf: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: FrameProblem.self) { try WorkerFrame.headerLength(prefix: huge) }
        for text in ["[1, 2]", "{\"ok\": true}", "{\"payloads\": [-1]}", "{\"payloads\": [1.5]}", "not json"] {
            #expect(throws: FrameProblem.self, "\(text)") { try WorkerFrame.parseHeader(Data(text.utf8)) }
        }
    }
}
