import Dataset
import Foundation
import ImageIO
import Labellers
import Testing

@Suite("Curating labels by hand")
struct CurationTests {
    @Test("the template lists the chosen indices, with current labels filled in")
    func template() throws {
        #expect(labelTemplate(indices: [3, 1, 5], attribute: "smile", existing: nil) == "index,smile\n3,\n1,\n5,\n")
        #expect(labelTemplate(indices: [3, 1], attribute: "smile", existing: [nil, 0, nil, 1]) == "index,smile\n3,1\n1,0\n")
    }

    @Test("the sheet shows each tile's index: other indices give another sheet")
    func numberedSheet() {
        let tiles = [RGBImage](repeating: RGBImage(width: 64, height: 64, fill: .gray), count: 3)
        let sheet = curationSheet(images: tiles, indices: [0, 1, 2], attribute: "smile", classes: ["no", "yes"])
        #expect(sheet.width >= 3 * 128)
        #expect(sheet != curationSheet(images: tiles, indices: [0, 1, 7], attribute: "smile", classes: ["no", "yes"]))
    }

    @Test("sheet and template files from stored images; rendered images need the dataset's own generator")
    func curationFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let sampler = try DatasetSampler(generator: FailingGenerator(failingBatch: -1), labellers: [BuiltInLabellers.color],
                                         count: 12, seed: 1)
        let dataset = try sampler.write(to: directory.path("d"), storeImages: true)
        let paths = try dataset.writeCurationFiles(folder: directory.path("d"), indices: [2, 5, 11], attribute: "color",
                                                   classes: nil, generator: nil, prefix: directory.path("d/curation/color"))
        #expect(try readPNG(paths.sheet).width > 0)
        let template = try String(contentsOfFile: paths.template, encoding: .utf8)
        #expect(template == "index,color\n2,\(dataset.labels[0][2]!)\n5,\(dataset.labels[0][5]!)\n11,\(dataset.labels[0][11]!)\n")

        let unstored = try sampler.write(to: directory.path("e"))
        #expect(thrownDescription { _ = try unstored.images(of: [0], folder: directory.path("e"), generator: nil) }
                == "\(directory.path("e")): no images are stored, and no generator was given to render them")
        let other = try embeddedGenerator.get()
        #expect(thrownDescription { _ = try unstored.images(of: [0], folder: directory.path("e"), generator: other) }?
            .contains("the dataset was sampled with 'failing'") == true)
        #expect(thrownDescription { _ = try dataset.writeCurationFiles(folder: directory.path("d"), indices: [0], attribute: "a,b",
                                                                       classes: nil, generator: nil, prefix: directory.path("x")) }?
            .hasPrefix("attribute: attribute name 'a,b'") == true)
    }

    @Test("an external dataset without images has nothing to show")
    func externalHasNoImages() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let latents = directory.path("z.npy")
        try FileManager.default.copyItem(atPath: labellerFixture("z.npy"), toPath: latents)
        let dataset = try importExternalDataset(latentsPath: latents, labelsPath: nil, classes: [:])
        #expect(thrownDescription { _ = try dataset.images(of: [0], folder: directory.path("x"), generator: nil) }?
            .contains("came from another generator") == true)
    }
}
