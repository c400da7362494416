import CommandTestSupport
import Foundation
import ReaderProbes
import Testing

/// The files of `Fuzz/<kind>/<target>/`, sorted.
func corpusFiles(_ kind: String, _ probe: ReaderProbe) -> [URL] {
    let folder = packageRoot.appendingPathComponent("Fuzz/\(kind)/\(probe.fuzzTarget)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().map { folder.appendingPathComponent($0) }
}

@Suite("The fuzz targets' regression corpus and seeds, replayed through the readers")
struct RegressionCorpusTests {
    @Test("every input that ever failed, and every seed, goes through its reader without a crash; a '-refused' input is refused in one short line",
          arguments: ReaderProbe.allCases)
    func replay(_ probe: ReaderProbe) throws {
        let base = try probe.base(root: packageRoot.path)
        let regressions = corpusFiles("Regressions", probe)
        #expect(!regressions.isEmpty, "no regression inputs for \(probe.fuzzTarget)")
        for file in regressions + corpusFiles("Seeds", probe) {
            let outcome = probe.probe(try Data(contentsOf: file), base: base)
            if file.lastPathComponent.contains("-refused") {
                #expect(outcome != nil, "\(file.lastPathComponent) was accepted")
                #expect((outcome?.count ?? 0) < 4000, "\(file.lastPathComponent): a \(outcome?.count ?? 0)-character message")
            }
            if file.path.contains("/Seeds/") {
                #expect(outcome == nil, "seed \(file.lastPathComponent) was refused: \(outcome ?? "")")
            }
        }
    }
}
