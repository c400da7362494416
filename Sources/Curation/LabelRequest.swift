import Foundation

/// The body of `POST /api/label`: `{"sample": <index>, "class": <class index or null>}`.
public struct LabelRequest: Sendable, Equatable {
    /// The sample index.
    public let sample: Int
    /// The class index, or nil to remove the label (undo to "unlabelled").
    public let label: Int?

    /// A request for `sample` with class `label` (nil: remove the label).
    public init(sample: Int, label: Int?) {
        self.sample = sample
        self.label = label
    }

    /// The largest body the server reads.
    public static let maximumBodySize = 1024

    /// Parses `body`; throws `CurationRequestError` (400) for anything but an object with an integer
    /// `sample` and an integer or null `class`, and nothing else.
    public init(body: Data) throws {
        guard body.count <= Self.maximumBodySize else {
            throw CurationRequestError(.payloadTooLarge, "the body is \(body.count) bytes, at most \(Self.maximumBodySize) are read")
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: body) } catch {
            throw CurationRequestError(.badRequest, "the body is not JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw CurationRequestError(.badRequest, "the body must be a JSON object {\"sample\": n, \"class\": k or null}")
        }
        let unknown = Set(object.keys).subtracting(["sample", "class"])
        guard unknown.isEmpty else {
            throw CurationRequestError(.badRequest, "unknown field(s) \(unknown.sorted().joined(separator: ", "))")
        }
        guard let sample = object["sample"].flatMap(Self.wholeNumber) else {
            throw CurationRequestError(.badRequest, "'sample' must be a whole number")
        }
        guard let labelValue = object["class"] else {
            throw CurationRequestError(.badRequest, "'class' is missing (a class index, or null to remove the label)")
        }
        if labelValue is NSNull {
            label = nil
        } else if let label = Self.wholeNumber(labelValue) {
            self.label = label
        } else {
            throw CurationRequestError(.badRequest, "'class' must be a class index or null")
        }
        self.sample = sample
    }

    /// The integer in a JSON value: a number without a fractional part within Int's range, not a boolean.
    private static func wholeNumber(_ value: Any) -> Int? {
        // JSON's true and false arrive as NSNumbers of Objective-C type "c" (char): not sample numbers.
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        guard double.isFinite, double == double.rounded(), abs(double) < 1e15 else { return nil }
        return Int(double)
    }
}
