import Curation
import Foundation
import Testing

@Suite("Curation label requests")
struct LabelRequestTests {
    private func parse(_ text: String) throws -> LabelRequest { try LabelRequest(body: Data(text.utf8)) }

    @Test("a sample with a class, or with null to remove the label")
    func valid() throws {
        #expect(try parse(#"{"sample": 3, "class": 1}"#) == LabelRequest(sample: 3, label: 1))
        #expect(try parse(#"{"class": null, "sample": 0}"#) == LabelRequest(sample: 0, label: nil))
        #expect(try parse(#"{"sample": 1, "class": 0}"#) == LabelRequest(sample: 1, label: 0), "1 and 0 are numbers, not booleans")
    }

    @Test("anything else is refused with a 4xx", arguments: [
        #"{"sample": true, "class": 1}"#, #"{"sample": 1, "class": false}"#, #"{"sample": 2.5, "class": 1}"#,
        #"{"sample": "2", "class": 1}"#, #"{"sample": 2}"#, #"{"class": 1}"#, #"{"sample": 2, "class": 1, "x": 0}"#,
        "[2, 1]", "", "{", #"{"sample": 1e300, "class": 1}"#, #"{"sample": 2, "class": 1e-400}"#,
        #"{"sample": 2, "class": 1.0}"#, #"{"sample": 1, "sample": 2, "class": 0}"#, #"{"sample": 2E0, "class": 1}"#,
    ])
    func refused(_ body: String) {
        #expect(throws: CurationRequestError.self) { try parse(body) }
    }

    @Test("bodies over the limit are refused as too large")
    func oversized() {
        let body = #"{"sample": 1, "class": 1, "pad": ""# + String(repeating: "x", count: LabelRequest.maximumBodySize) + #""}"#
        #expect { try parse(body) } throws: { ($0 as? CurationRequestError)?.status == .payloadTooLarge }
    }
}
