import Dataset
import Editing
import FileStorage
import Foundation
import Generator
import Kernels
import Labellers
import NumericCore
import TensorFormats
import Trainer

/// Path augmentation's labelled rows, cached beside the dataset so that the main job makes them once.
///
/// The rows (a first target trained, latents edited toward each class, the points along the paths rendered and
/// labelled) cost the main job about a quarter of its time with the data in place, and they depend only on what a
/// `PathAugmentationRecipe` names. They are kept in `<dataset folder>.path-augmentation/<key>/`, a sibling of the
/// dataset folder (inside it they would count as a person's work: see `replacementProblem`), where `<key>` is
/// the first 16 hex digits of the recipe's SHA-256: `latents.npy` [M, D], `labels.csv`, `scores.npy` [M, S] (when
/// the dataset has scores) and `manifest.json`, which holds the recipe and each file's SHA-256. A key folder is
/// written aside and renamed into place whole (`writeDirectoryAtomically`), so it is complete or absent; one whose
/// manifest, recipe, digests or shapes do not check out is refused and made again. Rows of the same dataset's
/// other recipes are kept; rows of a dataset that has since changed are removed when new rows are written.
///
/// Only a dataset folder that the workbench made and that holds nothing else is cached for (no hand labels, no
/// entries a person added: `replacementProblem` is nil), and only a generator that names its weights; otherwise
/// the rows are made as before and the log says why they are not cached.
struct PathAugmentationRecipe: Equatable {
    /// What the recipe describes, as canonical JSON (sorted keys, no floating-point values: they are text).
    let fields: [String: Any]

    /// The version of the scheme the rows come from: raise it when the code that makes them changes what it
    /// makes (the first target's training, the edit, the labelling), so that older rows are made again.
    static let schemeVersion = 1

    static func == (left: PathAugmentationRecipe, right: PathAugmentationRecipe) -> Bool { left.canonical == right.canonical }

    /// The recipe as canonical JSON bytes.
    var canonical: Data {
        // Only strings, integers, arrays and objects: serialisation cannot fail.
        (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    }

    /// The cache key: the first 16 hex digits of the recipe's SHA-256.
    var key: String { String(sha256Hex(canonical).prefix(16)) }
}

/// The recipe of the rows `pathAugmentationRows` makes for these inputs. `probe` is the generator's and
/// labellers' answer on a few fixed latents (`generatorProbe`): a changed generator or labeller changes it.
func pathAugmentationRecipe(prepared: PreparedDataset, attribute: String, multiclass: Int?,
                            targetTraining: AttributeTrainingOptions, labellers: [any ImageLabeller],
                            settings: PathAugmentation, seed: UInt64, editSettings: EditSettings,
                            probe: String) -> PathAugmentationRecipe {
    let dataset = prepared.dataset
    let generator = prepared.generator
    return PathAugmentationRecipe(fields: [
        "scheme": "gradctrl path augmentation rows",
        "schemeVersion": PathAugmentationRecipe.schemeVersion,
        "dataset": ["fingerprint": prepared.fingerprint, "samples": dataset.count,
                    "latentDimension": dataset.manifest.latentDimension,
                    "seed": dataset.manifest.seed.map { String($0) } ?? "none"] as [String: Any],
        "target": ["attribute": attribute, "multiclass": multiclass ?? 0] as [String: Any],
        "firstTargetTraining": String(describing: targetTraining),
        "latents": settings.latentCount(datasetSamples: dataset.count),
        "labelledSteps": settings.steps(editorSteps: editSettings.steps),
        "edit": ["method": "plain", "settings": String(describing: editSettings)],
        "seed": String(seed),
        "generator": ["identifier": generator.identifier, "weightsSHA256": generator.checkpointSHA256 ?? "none",
                      "probe": probe],
        "labellers": labellers.map { labeller in
            ["name": labeller.name, "classes": labeller.classes, "scoreMeaning": labeller.scoreMeaning,
             "parameters": labeller.parameters.keys.sorted().map { "\($0)=\(labeller.parameters[$0]!)" }] as [String: Any]
        },
        "blasKernels": blasSetup.kernels,
    ])
}

/// SHA-256 of the rows `dataset.labelledRows` gives for 8 latents of a fixed stream: the generator's images and
/// the labellers' labels and scores on them, so that a generator or labeller whose output changed (new kernels,
/// new rules) makes the cached rows again.
func generatorProbe(dataset: LabelledDataset, generator: any LatentGenerator, labellers: [any ImageLabeller]) throws -> String {
    var random = RandomSource(seed: 0x5052_4F42_45)
    let latents = try generator.drawPrior(count: 8, random: &random)
    let rows = try dataset.labelledRows(latents, generator: generator, labellers: labellers)
    var bytes = encodeNpy(rows.latents)
    if let scores = rows.scores { bytes.append(encodeNpy(scores)) }
    bytes.append(Data(rows.labelsCSV.utf8))
    return sha256Hex(bytes)
}

/// The rows of path augmentation (see `pathAugmentationRows`), read from the cache beside the dataset when it
/// holds them for exactly these inputs, else made (the first target trained with `targetTraining`) and cached.
/// Logs one line either way, and a line when the rows cannot be cached or a cached copy is refused.
func cachedPathAugmentationRows(prepared: PreparedDataset, attribute: String, multiclass: Int?,
                                targetTraining: AttributeTrainingOptions, labellers: [any ImageLabeller],
                                settings: PathAugmentation, seed: UInt64, editSettings: EditSettings,
                                log: (String) -> Void) throws -> LabelledDataset {
    let start = Date()
    let dataset = prepared.dataset
    func make() throws -> LabelledDataset {
        let target = try trainAttribute(attribute, in: dataset, multiclass: multiclass, options: targetTraining)
        return try pathAugmentationRows(target: target, dataset: dataset, generator: prepared.generator,
                                        labellers: labellers, settings: settings, seed: seed, editSettings: editSettings)
    }
    func madeLine(_ rows: LabelledDataset, _ note: String) -> String {
        String(format: "path augmentation: %d latents edited toward each class of %@, %d points labelled for every attribute (%.1f s)%@",
               settings.latentCount(datasetSamples: dataset.count), attribute, rows.count, Date().timeIntervalSince(start), note)
    }
    let cache: PathAugmentationCache
    switch PathAugmentationCache.forDataset(prepared) {
    case .failure(let reason):
        let rows = try make()
        log(madeLine(rows, "; not cached: \(reason)"))
        return rows
    case .success(let found):
        cache = found
    }
    let recipe = pathAugmentationRecipe(prepared: prepared, attribute: attribute, multiclass: multiclass,
                                        targetTraining: targetTraining, labellers: labellers, settings: settings,
                                        seed: seed, editSettings: editSettings,
                                        probe: try generatorProbe(dataset: dataset, generator: prepared.generator, labellers: labellers))
    let folder = cache.folder(for: recipe)
    if FileManager.default.fileExists(atPath: folder) {
        do {
            let rows = try cache.read(recipe, dataset: dataset)
            log(String(format: "path augmentation: reused the %d labelled points of %@ (%.1f s)", rows.count, folder,
                       Date().timeIntervalSince(start)))
            return rows
        } catch {
            log("path augmentation: refused the cached rows in \(folder) (\(error)); making them again")
        }
    }
    let rows = try make()
    do {
        try cache.write(rows, recipe: recipe, fingerprint: prepared.fingerprint)
        log(madeLine(rows, "; cached in \(folder)"))
    } catch {
        log(madeLine(rows, "; not cached: \(error)"))
    }
    return rows
}

/// The folder `<dataset folder>.path-augmentation` and what it holds: one folder per recipe key.
struct PathAugmentationCache: Sendable {
    /// The cache folder, a sibling of the dataset folder.
    let root: String

    /// The files of one key folder.
    static let manifest = "manifest.json", latents = "latents.npy", labels = "labels.csv", scores = "scores.npy"
    /// What a key folder's manifest says it is.
    static let kind = "gradctrl path augmentation rows"

    /// The cache of `prepared`'s rows, or why there is none: the dataset folder holds a person's work or is not
    /// the workbench's, the generator names no weights, or the cache's place holds something else.
    static func forDataset(_ prepared: PreparedDataset) -> Result<PathAugmentationCache, CacheRefusal> {
        if let problem = replacementProblem(at: prepared.folder) {
            return .failure(CacheRefusal("the dataset folder \(prepared.folder) \(problem), so nothing is written beside it"))
        }
        guard prepared.generator.checkpointSHA256 != nil else {
            return .failure(CacheRefusal("the generator '\(prepared.generator.identifier)' names no weights digest"))
        }
        var folder = prepared.folder
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        if ["", ".", "..", "/"].contains((folder as NSString).lastPathComponent) {
            folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        }
        let root = folder + ".path-augmentation"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return .failure(CacheRefusal("\(root) is a file")) }
            let foreign = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
                .filter { !$0.hasPrefix(".") && !isKey($0) }
            guard foreign.isEmpty else {
                return .failure(CacheRefusal("\(root) holds \(foreign.sorted().joined(separator: ", ")), which the workbench did not write"))
            }
        }
        return .success(PathAugmentationCache(root: root))
    }

    /// Whether `name` is a key: 16 lower-case hex digits.
    static func isKey(_ name: String) -> Bool {
        name.count == 16 && name.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The key folder of `recipe`.
    func folder(for recipe: PathAugmentationRecipe) -> String { (root as NSString).appendingPathComponent(recipe.key) }

    /// The rows cached for `recipe`, checked: the manifest names this kind and exactly this recipe, every file
    /// has the SHA-256 the manifest records, and the shapes, labels and scores fit `dataset`'s attributes.
    func read(_ recipe: PathAugmentationRecipe, dataset: LabelledDataset) throws -> LabelledDataset {
        let keyFolder = folder(for: recipe)
        func path(_ name: String) -> String { (keyFolder as NSString).appendingPathComponent(name) }
        let manifestData = try readWholeFile(path(Self.manifest))
        guard let manifest = try? JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
              manifest["kind"] as? String == Self.kind,
              let madeWith = manifest["recipe"] as? [String: Any],
              let rowCount = manifest["rows"] as? Int, rowCount >= 0,
              let digests = manifest["sha256"] as? [String: String] else {
            throw CacheRefusal("its \(Self.manifest) is not a path augmentation manifest")
        }
        guard PathAugmentationRecipe(fields: madeWith) == recipe else {
            throw CacheRefusal("its \(Self.manifest) describes other inputs")
        }
        let hasScores = dataset.manifest.scoreColumnCount > 0
        let names = [Self.latents, Self.labels] + (hasScores ? [Self.scores] : [])
        guard Set(digests.keys) == Set(names) else { throw CacheRefusal("its manifest lists \(digests.keys.sorted()), expected \(names)") }
        var contents = [String: Data]()
        for name in names {
            let data = try readWholeFile(path(name))
            guard sha256Hex(data) == digests[name] else { throw CacheRefusal("\(name) does not have the SHA-256 its manifest records") }
            contents[name] = data
        }
        let d = dataset.manifest.latentDimension
        let latents = try decodeNpyTensor(contents[Self.latents]!, name: path(Self.latents))
        guard latents.shape == [rowCount, d] else { throw CacheRefusal("latents of shape \(latents.shape), expected [\(rowCount), \(d)]") }
        let scores = try hasScores ? decodeNpyTensor(contents[Self.scores]!, name: path(Self.scores)) : nil
        let labels = try decodeLabelCSV(String(decoding: contents[Self.labels]!, as: UTF8.self), path: path(Self.labels),
                                        attributes: dataset.manifest.attributes, sampleCount: rowCount, mode: .datasetFile)
        let rowsManifest = DatasetManifest(generator: dataset.manifest.generator, checkpointSHA256: dataset.manifest.checkpointSHA256,
                                           latentDimension: d, seed: nil, count: rowCount, imagesStored: false,
                                           attributes: dataset.manifest.attributes)
        return try LabelledDataset(manifest: rowsManifest, latents: latents, labels: labels, scores: scores)
    }

    /// Writes `rows` for `recipe` into its key folder, whole or not at all, and removes the key folders of a
    /// dataset other than the one with `fingerprint` (rows that no run can use again).
    func write(_ rows: LabelledDataset, recipe: PathAugmentationRecipe, fingerprint: String) throws {
        var files = [(Self.latents, encodeNpy(rows.latents)), (Self.labels, Data(rows.labelsCSV.utf8))]
        if let scores = rows.scores { files.append((Self.scores, encodeNpy(scores))) }
        let manifest: [String: Any] = [
            "kind": Self.kind, "recipe": recipe.fields, "rows": rows.count,
            "sha256": Dictionary(uniqueKeysWithValues: files.map { ($0.0, sha256Hex($0.1)) }),
        ]
        let manifestData = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try writeDirectoryAtomically(at: folder(for: recipe)) { temporary in
            for (name, data) in files + [(Self.manifest, manifestData)] {
                try writeAtomically(data, to: (temporary as NSString).appendingPathComponent(name))
            }
        }
        for key in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where Self.isKey(key) && key != recipe.key {
            let other = (root as NSString).appendingPathComponent(key)
            let data = try? readWholeFile((other as NSString).appendingPathComponent(Self.manifest))
            let object = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            let madeFrom = ((object?["recipe"] as? [String: Any])?["dataset"] as? [String: Any])?["fingerprint"] as? String
            if object?["kind"] as? String == Self.kind, let madeFrom, madeFrom != fingerprint {
                try? FileManager.default.removeItem(atPath: other)
            }
        }
    }
}

/// Why rows are not cached, or why a cached copy is refused, in words.
struct CacheRefusal: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
