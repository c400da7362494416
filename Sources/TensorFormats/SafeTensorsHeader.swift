import Diagnostics


/// One tensor entry of a safetensors header, validated against the data section.
struct SafeTensorsEntry {
    /// The tensor name.
    let name: String
    /// The element type.
    let dtype: SafeTensorsDType
    /// The dimensions, all non-negative, with a product that fits in `Int`.
    let shape: [Int]
    /// The first byte in the data section.
    let begin: Int
    /// One past the last byte in the data section.
    let end: Int
}

/// The validated content of a safetensors header.
struct SafeTensorsHeader {
    /// The tensors in the order of their bytes in the data section.
    let entries: [SafeTensorsEntry]
    /// The `__metadata__` map.
    let metadata: [String: String]

    /// Validates the parsed header `json` for a data section of `dataSize` bytes; errors name `source`.
    ///
    /// Every entry must be exactly `{"dtype": String, "shape": [Int], "data_offsets": [Int, Int]}` with a supported
    /// dtype and a byte span matching its shape, and the spans must tile the data section with no overlap,
    /// gap or trailing bytes (the specification requires the buffer to be entirely indexed).
    init(json: JSONValue, dataSize: Int, source: String) throws(FileError) {
        func failure(_ problem: String) -> FileError { FileError(path: source, problem: problem) }
        guard case .object(let members) = json else {
            throw failure("safetensors header is \(json.kindName), not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [SafeTensorsEntry] = []
        for (key, value) in members {
            if key == "__metadata__" {
                metadata = try Self.metadata(value, failure: failure)
            } else {
                entries.append(try Self.entry(name: key, value, dataSize: dataSize, failure: failure))
            }
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: SafeTensorsEntry?
        for entry in entries {
            if entry.begin < covered, let previous {
                throw failure("tensors \(jsonStringLiteral(previous.name)) (bytes \(previous.begin)..<\(previous.end)) and \(jsonStringLiteral(entry.name)) (bytes \(entry.begin)..<\(entry.end)) overlap")
            }
            if entry.begin > covered {
                throw failure("bytes \(covered)..<\(entry.begin) of the data section belong to no tensor (the buffer must be fully indexed)")
            }
            covered = entry.end
            previous = entry
        }
        if covered < dataSize {
            throw failure("bytes \(covered)..<\(dataSize) at the end of the data section belong to no tensor (the buffer must be fully indexed)")
        }
        self.entries = entries
        self.metadata = metadata
    }

    private static func metadata(_ value: JSONValue,
                                 failure: (String) -> FileError) throws(FileError) -> [String: String] {
        guard case .object(let members) = value else {
            throw failure("__metadata__ is \(value.kindName), not an object of strings")
        }
        var metadata: [String: String] = [:]
        for (key, entry) in members {
            guard case .string(let text) = entry else {
                throw failure("__metadata__ value for \(jsonStringLiteral(key)) is \(entry.kindName), not a string")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func entry(name: String, _ value: JSONValue, dataSize: Int,
                              failure: (String) -> FileError) throws(FileError) -> SafeTensorsEntry {
        let label = "tensor \(jsonStringLiteral(name))"
        guard case .object(let members) = value else {
            throw failure("\(label) is \(value.kindName), not an object with dtype, shape and data_offsets")
        }
        var fields: [String: JSONValue] = [:]
        for (key, field) in members {
            guard ["dtype", "shape", "data_offsets"].contains(key) else {
                throw failure("\(label) has an unexpected key \(jsonStringLiteral(key)) (expected dtype, shape, data_offsets)")
            }
            fields[key] = field
        }
        for key in ["dtype", "shape", "data_offsets"] where fields[key] == nil {
            throw failure("\(label) has no \(key)")
        }
        guard case .string(let dtypeName) = fields["dtype"]! else {
            throw failure("\(label): dtype is \(fields["dtype"]!.kindName), not a string")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            if SafeTensorsDType.unsupportedNames.contains(dtypeName) {
                throw failure("\(label): dtype \(dtypeName) is not supported (supported: \(SafeTensorsDType.supportedList))")
            }
            throw failure("\(label): unknown dtype \(jsonStringLiteral(dtypeName)) (supported: \(SafeTensorsDType.supportedList))")
        }
        guard case .array(let shapeValues) = fields["shape"]! else {
            throw failure("\(label): shape is \(fields["shape"]!.kindName), not an array of integers")
        }
        var shape: [Int] = []
        for dimension in shapeValues {
            guard let size = dimension.integer else {
                if case .number(let literal) = dimension, !literal.contains(where: { ".eE".contains($0) }) {
                    throw failure("\(label): dimension \(literal) in shape is too large")
                }
                throw failure("\(label): shape has \(dimension.kindName) where an integer belongs")
            }
            guard size >= 0 else { throw failure("\(label): negative dimension \(size) in shape \(shapeValues.map(\.text))") }
            shape.append(size)
        }
        guard case .array(let offsetValues) = fields["data_offsets"]!, offsetValues.count == 2,
              let begin = offsetValues[0].integer, let end = offsetValues[1].integer, begin >= 0, end >= 0 else {
            throw failure("\(label): data_offsets must be two non-negative integers [begin, end]")
        }
        guard begin <= end else {
            throw failure("\(label): data_offsets begin \(begin) is after end \(end)")
        }
        guard end <= dataSize else {
            throw failure("\(label) ends at byte \(end), past the end of the data section (\(dataSize) bytes)")
        }
        guard let needed = checkedByteCount(shape, elementSize: dtype.byteSize) else {
            throw failure("\(label): shape \(shape) is absurd: its size overflows a 64-bit integer")
        }
        guard end - begin == needed else {
            throw failure("\(label): data_offsets span \(end - begin) bytes, but shape \(shape) of \(dtype.rawValue) needs \(needed)")
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }
}

extension JSONValue {
    /// The value written compactly for an error message (numbers and strings only; other kinds by name).
    fileprivate var text: String {
        switch self {
        case .number(let literal): literal
        case .string(let string): jsonStringLiteral(string)
        default: kindName
        }
    }
}
