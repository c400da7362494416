import Editing
import Diagnostics

/// Runs `body`, turning its edit-request and file errors (classifier tensors, tensor files, bundle problems with
/// no file yet) into a `FileError` about `path` with the same problem.
func reportingErrors<T>(about path: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as EditError {
        throw FileError(path: path, problem: error.problem)
    } catch let error as FileError {
        throw FileError(path: path, problem: error.problem)
    }
}
