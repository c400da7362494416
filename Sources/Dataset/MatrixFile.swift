import Diagnostics
import NumericCore
import TensorFormats

/// Reads the float .npy matrix at `path` and checks it: two dimensions, the expected row and column counts
/// where given, at least one row and column, and no NaN or infinity. `what` names the contents in messages
/// ("latents", "scores").
func readMatrix(_ path: String, what: String, rows: Int? = nil, columns: Int? = nil) throws -> Tensor {
    let matrix = try readNpyTensor(path)
    guard matrix.rank == 2 else {
        throw FileError(path: path, problem: "\(what) must be a matrix [N, D], got shape \(matrix.shape)")
    }
    if let rows, matrix.shape[0] != rows {
        throw FileError(path: path, problem: "\(what) have \(matrix.shape[0]) rows, expected \(rows)")
    }
    if let columns, matrix.shape[1] != columns {
        throw FileError(path: path, problem: "\(what) have \(matrix.shape[1]) columns, expected \(columns)")
    }
    guard matrix.shape[0] > 0 && matrix.shape[1] > 0 else {
        throw FileError(path: path, problem: "\(what) are empty (shape \(matrix.shape))")
    }
    if let flat = firstNonFiniteIndex(matrix.storage) {
        let (row, column) = flat.quotientAndRemainder(dividingBy: matrix.shape[1])
        throw FileError(path: path, problem: "\(what) hold \(matrix.storage[flat]) at row \(row), column \(column); every value must be finite")
    }
    return matrix
}

/// Latents `[N, D]` from the .npy at `path`: a matrix, or W+ codes `[N, L, D]` reduced to one w per sample (see
/// `importExternalDataset`).
func readLatentCodes(_ path: String, layer: Int?, note: (String) -> Void) throws -> Tensor {
    let codes = try readNpyTensor(path)
    guard codes.rank == 3 else {
        if layer != nil { throw ArgumentError(.wPlusLayer, "applies to W+ codes [N, L, D]; \(path) has shape \(codes.shape)") }
        return try readMatrix(path, what: "latents")
    }
    let (n, layers, d) = (codes.shape[0], codes.shape[1], codes.shape[2])
    guard n > 0, layers > 0, d > 0 else { throw FileError(path: path, problem: "W+ codes are empty (shape \(codes.shape))") }
    if let flat = firstNonFiniteIndex(codes.storage) {
        throw FileError(path: path, problem: "W+ codes hold \(codes.storage[flat]) at sample \(flat / (layers * d)); every value must be finite")
    }
    func code(_ row: Int, _ k: Int) -> ArraySlice<Float> {
        let start = (row * layers + k) * d
        return codes.storage[start..<(start + d)]
    }
    var identical = true
    for row in 0..<n where identical {
        for k in 1..<layers where code(row, k) != code(row, 0) {
            identical = false
            break
        }
    }
    if let layer, !(0..<layers).contains(layer) {
        throw ArgumentError(.wPlusLayer, "must be a layer of the codes, 0 to \(layers - 1), is \(layer)")
    }
    let chosen = layer ?? 0
    if identical && layer == nil {
        note("\(path): W+ codes [\(n), \(layers), \(d)] with every layer equal: stored as w [\(n), \(d)]")
    } else {
        note("\(path): W+ codes [\(n), \(layers), \(d)]\(identical ? "" : " whose layers differ (as an inversion's)"): the dataset keeps layer \(chosen) of \(layers), and the classifiers train on it")
    }
    var kept = [Float]()
    kept.reserveCapacity(n * d)
    for row in 0..<n { kept += code(row, chosen) }
    return Tensor(shape: [n, d], storage: kept)
}
