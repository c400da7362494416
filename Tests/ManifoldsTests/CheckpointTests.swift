import CommandTestSupport
import Generator
import Manifolds
import NumericCore
import Testing

@Suite("Training checkpoints")
struct CheckpointTests {
    /// For every centroid loss (the center loss keeps running centres): two steps, a checkpoint, two more steps
    /// after resuming give the model of four uninterrupted steps, exactly.
    @Test(arguments: CentroidLossKind.allCases)
    func resumingContinuesExactly(centroid: CentroidLossKind) throws {
        let generator = try tinyGenerator()
        var whole = try ManifoldTrainer(configuration: tinyConfiguration(centroid: centroid, steps: 4), generator: generator)
        try whole.run(checkpointInterval: 1e9, checkpoint: { _ in }, progress: { _, _ in })
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("checkpoint.safetensors")
        var first = try ManifoldTrainer(configuration: tinyConfiguration(centroid: centroid, steps: 2), generator: generator)
        try first.run(checkpointInterval: 1e9, checkpoint: { try TrainingCheckpoint.write($0, to: path) }, progress: { _, _ in })
        var rest = try TrainingCheckpoint.resume(from: path, configuration: tinyConfiguration(centroid: centroid, steps: 4),
                                                 generator: generator)
        #expect(rest.step == 2)
        try rest.run(checkpointInterval: 1e9, checkpoint: { _ in }, progress: { _, _ in })
        #expect(rest.model.transform.parameters == whole.model.transform.parameters)
        #expect(rest.model.reconstructor.parameters == whole.model.reconstructor.parameters)
        #expect(rest.model.centres == whole.model.centres)
        #expect((centroid == .center) == (whole.model.centres != nil))
    }
}
