import Diagnostics
import Foundation

/// The page's static files (HTML, JavaScript, CSS), read once from the module's resources (`Page/`).
public struct PageAssets: Sendable {
    /// The files by name, with their content type.
    public let files: [String: (contentType: String, data: Data)]

    /// The names served and their content types.
    public static let served = ["index.html": "text/html; charset=utf-8",
                                "curate.js": "text/javascript; charset=utf-8",
                                "curate.css": "text/css; charset=utf-8"]

    /// Reads every served file from the module's resource bundle; throws naming a missing one.
    public init() throws {
        var files = [String: (contentType: String, data: Data)]()
        for (name, type) in Self.served {
            let url = Bundle.module.resourceURL?.appendingPathComponent("Page").appendingPathComponent(name)
            guard let url, let data = FileManager.default.contents(atPath: url.path) else {
                throw FileError(path: url?.path ?? "Page/\(name)", problem: "the curation page's file is missing from the build (resource bundle)")
            }
            files[name] = (type, data)
        }
        self.files = files
    }
}
