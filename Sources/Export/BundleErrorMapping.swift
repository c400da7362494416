import Editing
import LatentClassifier
import TensorFormats

/// Runs `body`, turning the errors of the layers below (edit requests, classifier tensors, tensor files) and
/// bundle errors about no file yet into a `BundleError` about `path` with the same problem.
func reportingBundleErrors<T>(path: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as EditError {
        throw BundleError(path: path, problem: error.problem)
    } catch let error as ClassifierLoadError {
        throw BundleError(path: path, problem: error.problem)
    } catch let error as TensorFileError {
        throw BundleError(path: path, problem: error.problem)
    } catch let error as BundleError {
        throw BundleError(path: path, problem: error.problem)
    }
}
