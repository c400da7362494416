import Diagnostics
import FileStorage
import Foundation
import ImageIO

/// The images of imported latents, one per sample, from a folder whose files are named by sample index (`7.png`,
/// `000007.jpg`: digits, any zero padding, `.png`, `.jpg` or `.jpeg`): every index of `0..<count` exactly once,
/// each a readable image. Returns the file for each index; throws one line naming the folder or file at fault.
public func importedImageFiles(in folder: String, count: Int) throws -> [String] {
    let names: [String]
    do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
    } catch {
        throw FileError(path: folder, problem: "cannot list the image folder: \(error.localizedDescription)")
    }
    var files = [String?](repeating: nil, count: count)
    for name in names {
        let stem = (name as NSString).deletingPathExtension, suffix = (name as NSString).pathExtension.lowercased()
        guard ["png", "jpg", "jpeg"].contains(suffix), !stem.isEmpty, stem.allSatisfy(\.isASCII), stem.allSatisfy(\.isNumber),
              let index = Int(stem) else {
            throw FileError(path: (folder as NSString).appendingPathComponent(name),
                            problem: "is not named by a sample index (expected <index>.png or <index>.jpg, e.g. 000042.png)")
        }
        guard index < count else {
            throw FileError(path: (folder as NSString).appendingPathComponent(name), problem: "names sample \(index), but there are \(count) latents")
        }
        if let earlier = files[index] {
            throw FileError(path: (folder as NSString).appendingPathComponent(name), problem: "is a second image of sample \(index), beside \(earlier)")
        }
        files[index] = (folder as NSString).appendingPathComponent(name)
    }
    if let missing = files.firstIndex(of: nil) {
        throw FileError(path: folder, problem: "has no image of sample \(missing) (\(files.compactMap { $0 }.count) of \(count) samples have one)")
    }
    return files.map { $0! }
}

extension LabelledDataset {
    /// Saves the dataset to `directory` (atomically) with `images` (one file per sample, in sample order) as its
    /// `images/`, each checked by decoding and stored as PNG.
    public func save(to directory: String, images: [String]) throws {
        precondition(images.count == count, "save(to:images:): one image per sample")
        var stored = self
        stored.markImagesStored(true)
        try writeDirectoryAtomically(at: directory) { temporary in
            for (index, file) in images.enumerated() {
                let image = try readImage(file)
                try writePNG(image, to: DatasetFiles.path(temporary, DatasetFiles.image(index)))
            }
            try stored.writeFiles(into: temporary)
        }
    }
}
