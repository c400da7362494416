import Diagnostics
import FileStorage

/// Runs `write` on the run's files in a staging folder beside `files.folder`, then puts every file of the set in
/// place together (`StagedOutputs`): a failed or interrupted run leaves the previous run's files as they were.
/// Returns `write`'s result and a function that maps a staged path to its final one. Errors about staged paths
/// name the final paths.
public func writeRunAsOneSet<Outcome>(_ files: RunFiles,
                                      _ write: (RunFiles) throws -> Outcome) throws -> (Outcome, finalPath: (String) -> String) {
    let staged = try StagedOutputs(into: files.folder, label: files.target)
    let finalFolder = files.folder
    let finalPath: (String) -> String = { path in
        path.hasPrefix(staged.staging) ? finalFolder + path.dropFirst(staged.staging.count) : path
    }
    do {
        let outcome = try write(files.moved(to: staged.staging))
        try staged.commit(files.allNames)
        return (outcome, finalPath)
    } catch let error as FileError where error.path.hasPrefix(staged.staging) {
        staged.discard()
        throw FileError(path: finalPath(error.path), problem: error.problem)
    } catch {
        staged.discard()
        throw error
    }
}
