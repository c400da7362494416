import Foundation

/// One message of the worker protocol (docs/generator-worker.md): `GCW1`, a little-endian UInt32 header length,
/// the header (a UTF-8 JSON object) and the payloads whose byte counts the header's `"payloads"` lists, each a
/// complete .npy file.
public struct WorkerFrame: Equatable, Sendable {
    /// The header's members, without `"payloads"`.
    public var header: [String: WorkerValue]
    /// The payloads in order.
    public var payloads: [Data]

    /// The four bytes every frame starts with.
    public static let magic = Data("GCW1".utf8)
    /// The largest header read.
    public static let maximumHeaderBytes = 1 << 20

    /// A frame of `header` and `payloads`.
    public init(header: [String: WorkerValue], payloads: [Data] = []) {
        self.header = header
        self.payloads = payloads
    }

    /// The frame's bytes.
    public func encoded() -> Data {
        var members = header
        members["payloads"] = .array(payloads.map { .number(Double($0.count)) })
        let json = WorkerValue.object(members).json
        var data = Self.magic
        var length = UInt32(json.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(json)
        for payload in payloads { data.append(payload) }
        return data
    }

    /// The frame held whole in `data` (exactly one frame, its payloads included), as a worker's reply is read;
    /// throws a one-line ``WorkerError`` for `source` when the bytes are not one.
    public static func decode(_ data: Data, source: String) throws -> WorkerFrame {
        do {
            let bytes = Data(data)
            guard bytes.count >= 8 else { throw FrameProblem("sent \(bytes.count) bytes, fewer than a frame's 8-byte prefix") }
            let length = try headerLength(prefix: bytes.prefix(8))
            guard bytes.count >= 8 + length else { throw FrameProblem("ended inside a header of \(length) bytes") }
            let (header, sizes) = try parseHeader(bytes.subdata(in: 8..<(8 + length)))
            var offset = 8 + length
            var payloads = [Data]()
            for size in sizes {
                guard size <= bytes.count - offset else { throw FrameProblem("ended inside a payload of \(size) bytes") }
                payloads.append(bytes.subdata(in: offset..<(offset + size)))
                offset += size
            }
            guard offset == bytes.count else { throw FrameProblem("sent \(bytes.count - offset) bytes after the frame") }
            return WorkerFrame(header: header, payloads: payloads)
        } catch let problem as FrameProblem {
            throw WorkerError(worker: source, problem: problem.text)
        }
    }

    /// The header length a frame's first 8 bytes announce; throws a one-line problem if they are not a frame's.
    static func headerLength(prefix: Data) throws -> Int {
        guard prefix.count == 8, prefix.prefix(4) == magic else {
            throw FrameProblem("wrote something other than a protocol frame to stdout (\(printable(prefix)); workers log to stderr)")
        }
        let length = prefix.dropFirst(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian
        guard Int(length) <= maximumHeaderBytes else {
            throw FrameProblem("announced a header of \(length) bytes (at most \(maximumHeaderBytes))")
        }
        return Int(length)
    }

    /// The header's members and its payload sizes; throws a one-line problem if it is not a JSON object with a
    /// `"payloads"` list of byte counts.
    static func parseHeader(_ data: Data) throws -> (header: [String: WorkerValue], payloadSizes: [Int]) {
        guard var header = try? JSONDecoder().decode([String: WorkerValue].self, from: data) else {
            throw FrameProblem("sent a header that is not a JSON object")
        }
        guard let sizes = header.removeValue(forKey: "payloads")?.array else {
            throw FrameProblem("sent a header without a \"payloads\" list")
        }
        let counts = try sizes.map { size -> Int in
            guard let count = size.integer, count >= 0 else { throw FrameProblem("sent a payload size that is not a byte count") }
            return count
        }
        return (header, counts)
    }

    /// A short, printable rendering of bytes that are not a frame.
    static func printable(_ bytes: Data) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
            .map { $0.isASCII && !$0.isNewline && ($0.asciiValue ?? 0) >= 32 ? String($0) : "." }.joined()
        return "it began with \"\(text)\""
    }
}

/// A problem with what a worker sent, before the worker's name is attached.
struct FrameProblem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// A JSON value in a frame's header.
public indirect enum WorkerValue: Equatable, Sendable, Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([WorkerValue])
    case object([String: WorkerValue])
    case null

    /// The value as JSON text (object keys sorted, so a frame's bytes are reproducible).
    var json: Data { Data(text.utf8) }

    private var text: String {
        switch self {
        case .string(let s):
            let escaped = s.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\"": return "\\\""
                case "\\": return "\\\\"
                case "\n": return "\\n"
                case "\r": return "\\r"
                case "\t": return "\\t"
                default: return scalar.value < 0x20 ? String(format: "\\u%04x", scalar.value) : String(scalar)
                }
            }.joined()
            return "\"\(escaped)\""
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
        case .bool(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { "\(WorkerValue.string($0).text):\(members[$0]!.text)" }.joined(separator: ",") + "}"
        case .null: return "null"
        }
    }

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([WorkerValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: WorkerValue].self)) }
    }

    /// The string, if this is one.
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer, if this is a whole number.
    public var integer: Int? { if case .number(let x) = self, x == x.rounded(), abs(x) < 1e15 { Int(x) } else { nil } }
    /// The boolean, if this is one.
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The items, if this is an array.
    public var array: [WorkerValue]? { if case .array(let a) = self { a } else { nil } }
}
