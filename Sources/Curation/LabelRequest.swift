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
        if let problem = Self.literalProblem(body) { throw CurationRequestError(.badRequest, problem) }
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

    /// What a parser would quietly accept but this request must not: a repeated key (which one wins is up to the
    /// parser) or a number written with a fraction or an exponent (`1e-400` reads as 0). Scans the text outside
    /// strings; nil when there is neither.
    static func literalProblem(_ body: Data) -> String? {
        var keys = [String](), inString = false, escaped = false, current = "", number = "", afterString = false
        func endNumber() -> String? {
            defer { number = "" }
            return number.contains(where: { ".eE".contains($0) }) ? "numbers must be whole, without a fraction or an exponent (got \(number.prefix(40)))" : nil
        }
        for scalar in String(decoding: body, as: UTF8.self).unicodeScalars {
            let c = Character(scalar)
            if inString {
                if escaped { escaped = false; current.append(c) } else if c == "\\" { escaped = true } else if c == "\"" {
                    inString = false
                    afterString = true
                } else { current.append(c) }
                continue
            }
            if "0123456789-+.eE".contains(c) && !(number.isEmpty && "+.eE".contains(c)) {
                number.append(c)
                continue
            }
            if !number.isEmpty, let problem = endNumber() { return problem }
            if c == "\"" { inString = true; current = ""; afterString = false; continue }
            if c == ":" && afterString {
                if keys.contains(current) { return "the key '\(current.prefix(40))' appears twice" }
                keys.append(current)
            }
            if !c.isWhitespace { afterString = false }
        }
        return number.isEmpty ? nil : endNumber()
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
