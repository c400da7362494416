import Files
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
