import CommandTestSupport
import Dataset
import Foundation
import ImageIO
import NumericCore
import TensorFormats
import Testing

@Suite("Images brought with imported latents")
struct ImportedImagesTests {
    /// A folder holding a small image per name.
    static func folder(_ directory: TemporaryDirectory, _ names: [String]) throws -> String {
        let folder = directory.path("images-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (index, name) in names.enumerated() {
            var image = RGBImage(width: 8, height: 8)
            image.fillRect(x: 0, y: 0, width: 8, height: 8, color: RGBColor(UInt8(index * 40), 10, 200))
            let path = (folder as NSString).appendingPathComponent(name)
            if name.hasSuffix(".png") { try writePNG(image, to: path) } else { try writeJPEG(image, to: path) }
        }
        return folder
    }

    @Test("files named by sample index, any padding, PNG or JPEG, are stored as the dataset's images")
    func storedInOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let images = try Self.folder(directory, ["0.png", "001.jpg", "2.jpeg", "000003.png"])
        let files = try importedImageFiles(in: images, count: 4)
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["0.png", "001.jpg", "2.jpeg", "000003.png"])
        let latents = directory.path("z.npy")
        try writeNpy(Tensor(shape: [4, 3], storage: (0..<12).map { Float($0) }), to: latents)
        let dataset = try importExternalDataset(latentsPath: latents, labelsPath: nil, classes: [:])
        try dataset.save(to: directory.path("set"), images: files)
        let loaded = try LabelledDataset.load(from: directory.path("set"))
        #expect(loaded.manifest.imagesStored)
        #expect(try readPNG(directory.path("set/images/000003.png")).width == 8)
    }

    @Test("a missing, repeated, stray or out-of-range image is refused in one line")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let cases: [([String], String)] = [
            (["0.png", "2.png"], "has no image of sample 1 (2 of 3 samples have one)"),
            (["0.png", "1.png", "01.png", "2.png"], "is a second image of sample 1"),
            (["0.png", "1.png", "2.png", "notes.png"], "is not named by a sample index"),
            (["0.png", "1.png", "2.png", "3.png"], "names sample 3, but there are 3 latents"),
        ]
        for (names, expected) in cases {
            let folder = try Self.folder(directory, names)
            let message = thrownDescription { _ = try importedImageFiles(in: folder, count: 3) }
            #expect(message?.contains(expected) == true, "\(names): \(message ?? "accepted")")
        }
    }
}
