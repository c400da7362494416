import Foundation
import Generator
import NumericCore
import TensorFormats

/// A generator served by a worker process (docs/generator-worker.md): the user's own GAN, in PyTorch or NumPy,
/// on a CPU or a GPU, behind a small program that speaks the worker protocol on its stdin and stdout.
///
/// Latents are drawn here from N(0, I) with the workbench's seeded stream (so datasets stay reproducible);
/// `render` and, when the worker offers `vjp`, `latentGradient` are requests to the worker. Every reply is checked
/// (frame, shape, dtype, size, NaN, range) before use; any problem stops and reaps the worker and throws one
/// ``WorkerError`` naming it. Calls from several threads take turns.
public final class WorkerGenerator: StyleLayeredGenerator, BlockActivationsGenerator, LatentWeightGenerator, @unchecked Sendable {
    /// The name the worker declared.
    public let identifier: String
    /// The digest of the worker's weights file, if it gave one.
    public let checkpointSHA256: String?
    /// D: the prior's dimension in z space, w's in w space.
    public let latentDimension: Int
    /// The prior's dimension (the worker's z).
    public let priorDimension: Int
    /// L, the layers of a W+ code (1 for a generator that is not style-based).
    public let styleLayers: Int
    /// Always true.
    public let canRender = true
    /// `[channels, height, width]` of its images.
    public let imageShape: [Int]?
    /// What the worker can do beyond `render` (`vjp`, `vjp_w`, `activations`, `map`, `render_w`, `latent_weight`,
    /// `latent_weight_w`).
    public let capabilities: Set<String>
    /// The shapes `[C, H, W]` of the blocks the worker's `activations` reads, block 1 first (empty without it).
    public let blockShapes: [[Int]]
    /// How the worker was started.
    public let spec: WorkerSpec

    private let lock = NSLock()
    private var process: WorkerProcess?
    private var stoppedBy: String?

    /// The protocol version this side speaks.
    public static let protocolVersion = 1
    /// A size in an expected shape that the reply may choose (at most 2^24 values in all).
    static let anySize = -1
    /// Bytes a payload may exceed its array's data by (the .npy header).
    static let npyHeaderAllowance = 64 * 1024

    /// Starts the worker of `spec` and reads what it declares.
    public init(spec: WorkerSpec) throws {
        self.spec = spec
        let name = spec.path
        let process: WorkerProcess
        do {
            process = try WorkerProcess(command: spec.command)
        } catch let problem as FrameProblem {
            throw WorkerError(worker: name, problem: problem.text)
        }
        let hello: [String: WorkerValue]
        do {
            hello = try Self.exchange(process, WorkerFrame(header: ["op": .string("hello"), "protocol": .number(1)]),
                                      timeout: spec.timeoutSeconds, payloadLimits: []).header
        } catch let problem as FrameProblem {
            process.stop(grace: 0)
            throw WorkerError(worker: name, problem: problem.text)
        }
        func refuse(_ problem: String) -> WorkerError {
            process.stop(grace: 0)
            return WorkerError(worker: name, problem: problem)
        }
        guard hello["protocol"]?.integer == Self.protocolVersion else {
            throw refuse("speaks protocol \(hello["protocol"].map { "\($0)" } ?? "(none)"), this workbench speaks \(Self.protocolVersion)")
        }
        guard let declared = hello["name"]?.string, !declared.isEmpty, declared.count <= 64,
              declared.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
              !declared.hasPrefix(".") else {
            throw refuse("declared no usable \"name\" (1 to 64 letters, digits, '.', '_' or '-')")
        }
        guard let dimension = hello["latent_dimension"]?.integer, (1...65_536).contains(dimension) else {
            throw refuse("declared no \"latent_dimension\" between 1 and 65536")
        }
        guard let shape = hello["image_shape"]?.array?.compactMap(\.integer), shape.count == 3,
              shape[0] == 3, (8...4096).contains(shape[1]), (8...4096).contains(shape[2]) else {
            throw refuse("declared no \"image_shape\" [3, height, width] (RGB, sides 8 to 4096)")
        }
        guard (hello["prior"]?.string ?? "normal") == "normal" else {
            throw refuse("declared the prior '\(hello["prior"]!.string ?? "?")'; only \"normal\" (z ~ N(0, I)) is supported")
        }
        let capabilities = Set((hello["capabilities"]?.array ?? []).compactMap(\.string))
        guard capabilities.contains("render") else { throw refuse("cannot render (its capabilities: \(capabilities.sorted()))") }
        var wShape: (dimension: Int, layers: Int)? = nil
        if case .object(let w)? = hello["w"] {
            guard let dimension = w["dimension"]?.integer, (1...65_536).contains(dimension),
                  let layers = w["layers"]?.integer, (1...256).contains(layers),
                  capabilities.isSuperset(of: ["map", "render_w"]) else {
                throw refuse("declared \"w\" without a \"dimension\" (1 to 65536), \"layers\" (1 to 256) and the capabilities map and render_w")
            }
            wShape = (dimension, layers)
        }
        if spec.space == .w && wShape == nil {
            throw refuse("has no W space (its hello declares no \"w\"), but the spec asks for \"space\": \"w\"")
        }
        var blockShapes = [[Int]]()
        if capabilities.contains("activations") {
            guard let blocks = hello["blocks"]?.array, (1...64).contains(blocks.count) else {
                throw refuse("offers 'activations' but declares no \"blocks\" (1 to 64 shapes [C, H, W])")
            }
            for block in blocks {
                guard let shape = block.array?.compactMap(\.integer), shape.count == 3, shape.allSatisfy({ $0 >= 1 }),
                      shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) <= 1 << 24,
                      shape.allSatisfy({ $0 <= 1 << 24 }) else {
                    throw refuse("declared a block shape that is not [C, H, W] of positive sizes with at most 2^24 values")
                }
                blockShapes.append(shape)
            }
        }
        if let digest = hello["weights_sha256"]?.string {
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { throw refuse("declared a \"weights_sha256\" that is not 64 hex digits") }
            checkpointSHA256 = digest.lowercased()
        } else {
            checkpointSHA256 = nil
        }
        identifier = spec.space == .w ? "\(declared)-w" : declared
        priorDimension = dimension
        latentDimension = spec.space == .w ? wShape!.dimension : dimension
        styleLayers = spec.space == .w ? wShape!.layers : 1
        imageShape = shape
        self.capabilities = capabilities
        self.blockShapes = blockShapes
        self.process = process
    }

    deinit { process?.stop() }

    /// Tells the worker to end, and reaps it; later requests throw.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if let process {
            try? process.write(WorkerFrame(header: ["op": .string("bye")]).encoded(), before: Date().addingTimeInterval(1))
            process.stop()
        }
        process = nil
        stoppedBy = stoppedBy ?? "was stopped"
    }

    /// Standard normal draws of z from the workbench's stream.
    public func samplePrior(count: Int, random: inout RandomSource) -> Tensor {
        Tensor(shape: [count, priorDimension], storage: random.normals(count * priorDimension))
    }

    /// z itself in z space; in w space, the worker's mapping of z.
    public func latents(fromPrior z: Tensor) throws -> Tensor {
        guard spec.space == .w else { return z }
        guard z.rank == 2, z.shape[1] == priorDimension else {
            throw GeneratorError.latentShape(expected: priorDimension, got: z.shape)
        }
        return try request("map", payloads: [z], expecting: [z.shape[0], latentDimension], range: nil)
    }

    /// The worker's images `[N, C, H, W]` in [-1, 1]; in w space every layer of the W+ code gets the latent.
    public func render(_ latents: Tensor) throws -> Tensor {
        try checkShape(latents)
        guard spec.space == .w else {
            return try request("render", payloads: [latents], expecting: [latents.shape[0]] + imageShape!, range: 1.5)
        }
        return try render(styleCodes: styleCodes(repeating: latents))
    }

    /// The W+ codes `[N, L, D]` that repeat each latent `[N, D]` in every layer.
    private func styleCodes(repeating latents: Tensor) throws -> Tensor {
        try checkShape(latents)
        let (n, d) = (latents.shape[0], latentDimension)
        var codes = [Float](repeating: 0, count: n * styleLayers * d)
        for row in 0..<n {
            for layer in 0..<styleLayers {
                codes.replaceSubrange(((row * styleLayers + layer) * d)..<((row * styleLayers + layer + 1) * d),
                                      with: latents.storage[(row * d)..<((row + 1) * d)])
            }
        }
        return Tensor(shape: [n, styleLayers, d], storage: codes)
    }

    /// The worker's images for W+ codes `[N, L, D]` (w space only).
    public func render(styleCodes: Tensor) throws -> Tensor {
        try require("render_w", for: "rendering W+ codes")
        guard spec.space == .w, styleCodes.rank == 3, styleCodes.shape[1] == styleLayers, styleCodes.shape[2] == latentDimension else {
            throw GeneratorError.latentShape(expected: latentDimension, got: styleCodes.shape)
        }
        return try request("render_w", payloads: [styleCodes], expecting: [styleCodes.shape[0]] + imageShape!, range: 1.5)
    }

    /// ∂f/∂latents through the worker: `vjp` in z space; in w space `vjp_w` on the W+ code that repeats the
    /// latent in every layer, the layers' gradients summed (first layer to last).
    public func latentGradient(_ latents: Tensor, imageGradient: (Tensor) -> Tensor) throws -> Tensor {
        let images = try render(latents)
        let cotangent = imageGradient(images)
        precondition(cotangent.shape == images.shape, "latentGradient: image gradient \(cotangent.shape), expected \(images.shape)")
        guard spec.space == .w else {
            try require("vjp", for: "backpropagating to the latents")
            return try request("vjp", payloads: [latents, cotangent], expecting: latents.shape, range: nil)
        }
        try require("vjp_w", for: "backpropagating to w")
        let (n, d) = (latents.shape[0], latentDimension)
        let perLayer = try request("vjp_w", payloads: [styleCodes(repeating: latents), cotangent],
                                   expecting: [n, styleLayers, d], range: nil)
        var gradient = Tensor(shape: [n, d])
        for row in 0..<n {
            for layer in 0..<styleLayers {
                let base = (row * styleLayers + layer) * d
                for j in 0..<d { gradient.storage[row * d + j] += perLayer.storage[base + j] }
            }
        }
        return gradient
    }

    /// In w space, latents are the worker's mapping of z.
    public var mapsPrior: Bool { spec.space == .w }

    /// What the worker's capabilities allow in the spec's space.
    public func offers(_ capability: GeneratorCapability) -> Bool {
        switch capability {
        case .latentGradient: capabilities.contains(spec.space == .w ? "vjp_w" : "vjp")
        case .blockActivations: capabilities.contains("activations")
        case .latentWeight: capabilities.contains(spec.space == .w ? "latent_weight_w" : "latent_weight")
        }
    }

    /// The worker's `latent_weight` (z space) or `latent_weight_w` (w space): `[D, K]`, K at most 2^24 / D.
    public func latentWeight() throws -> Tensor {
        let op = spec.space == .w ? "latent_weight_w" : "latent_weight"
        try require(op, for: "SeFa (the weight that first acts on the latents)")
        return try request(op, payloads: [], expecting: [latentDimension, Self.anySize], range: nil)
    }

    /// The worker's own definition of its blocks.
    public var activationPoint: String { "the block's output as the worker's 'activations' gives it" }

    /// The number of blocks `activations` reads.
    public var blockCount: Int { blockShapes.count }

    /// `[C, H, W]` of block `block` (1-based).
    public func blockShape(_ block: Int) -> [Int] {
        precondition((1...blockCount).contains(block), "block \(block) of \(blockCount)")
        return blockShapes[block - 1]
    }

    /// Block `block`'s activations `[N, C, H, W]` from the worker's `activations` (in w space, of the W+ code that
    /// repeats the latent in every layer).
    public func discoveryActivations(_ latents: Tensor, block: Int) throws -> Tensor {
        try require("activations", for: "reading a block's activations")
        guard (1...blockCount).contains(block) else { throw GeneratorError.noSuchBlock(block, count: blockCount) }
        try checkShape(latents)
        let input = spec.space == .w ? try styleCodes(repeating: latents) : latents
        return try request("activations", payloads: [input], expecting: [latents.shape[0]] + blockShapes[block - 1],
                           range: nil, header: ["block": .number(Double(block))])
    }

    /// The seconds the worker's own loop takes to render `rounds` batches of `batch` latents, timed inside the
    /// worker (no frames, no copies): what the bridge's throughput is measured against.
    public func timeOwnRender(batch: Int, rounds: Int) throws -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        let name = "\(spec.path) (\(identifier))"
        guard let process else { throw WorkerError(worker: name, problem: "\(stoppedBy ?? "was stopped") and takes no more requests") }
        do {
            let reply = try Self.exchange(process, WorkerFrame(header: ["op": .string("time_render"), "batch": .number(Double(batch)),
                                                                        "rounds": .number(Double(rounds))]),
                                          timeout: spec.timeoutSeconds, payloadLimits: [])
            guard let times = reply.header["seconds_per_batch"]?.array?.compactMap({ value -> Double? in
                if case .number(let x) = value, x.isFinite, x > 0 { x } else { nil }
            }), times.count == rounds else {
                throw FrameProblem("answered 'time_render' without \(rounds) positive \"seconds_per_batch\"")
            }
            return times
        } catch let problem as FrameProblem {
            throw WorkerError(worker: name, problem: problem.text)
        }
    }

    /// Throws one line naming the worker and the missing capability unless the worker has it.
    public func require(_ capability: String, for purpose: String) throws {
        guard capabilities.contains(capability) else {
            throw WorkerError(worker: "\(spec.path) (\(identifier))",
                              problem: "lacks the capability '\(capability)', needed for \(purpose) (it offers \(capabilities.sorted().joined(separator: ", ")))")
        }
    }

    private func checkShape(_ latents: Tensor) throws {
        guard latents.rank == 2, latents.shape[1] == latentDimension else {
            throw GeneratorError.latentShape(expected: latentDimension, got: latents.shape)
        }
    }

    /// One request and its checked reply; any problem stops the worker.
    private func request(_ op: String, payloads: [Tensor], expecting shape: [Int], range: Float?,
                         header extra: [String: WorkerValue] = [:]) throws -> Tensor {
        lock.lock()
        defer { lock.unlock() }
        let name = "\(spec.path) (\(identifier))"
        guard let process else { throw WorkerError(worker: name, problem: "\(stoppedBy ?? "was stopped") and takes no more requests") }
        let count = shape.contains(Self.anySize) ? 1 << 24 : shape.reduce(1, *)
        do {
            let frame = WorkerFrame(header: extra.merging(["op": .string(op)]) { $1 }, payloads: payloads.map(encodeNpy))
            let reply = try Self.exchange(process, frame, timeout: spec.timeoutSeconds,
                                          payloadLimits: [count * 4 + Self.npyHeaderAllowance])
            guard reply.payloads.count == 1 else { throw FrameProblem("answered '\(op)' with \(reply.payloads.count) arrays, expected 1") }
            let tensor: Tensor
            do {
                tensor = try decodeNpyTensor(reply.payloads[0], name: "reply")
            } catch {
                throw FrameProblem("answered '\(op)' with an array that is not a readable float .npy")
            }
            guard tensor.shape.count == shape.count, zip(tensor.shape, shape).allSatisfy({ $1 == Self.anySize ? $0 >= 1 : $0 == $1 }),
                  tensor.count <= count else {
                throw FrameProblem("answered '\(op)' with shape \(tensor.shape), expected [\(shape.map { $0 == Self.anySize ? "K" : String($0) }.joined(separator: ", "))]")
            }
            if let index = tensor.storage.firstIndex(where: { !$0.isFinite }) {
                throw FrameProblem("answered '\(op)' with NaN or infinity (element \(index))")
            }
            if let range, let index = tensor.storage.firstIndex(where: { abs($0) > range }) {
                throw FrameProblem("answered '\(op)' with \(tensor.storage[index]) (element \(index)); images must be in [-1, 1]")
            }
            return tensor
        } catch let problem as FrameProblem {
            process.stop(grace: 0)
            self.process = nil
            stoppedBy = "stopped after an earlier error"
            throw WorkerError(worker: name, problem: problem.text)
        }
    }

    /// Sends `frame` and reads the reply; an error reply becomes a problem with its text.
    static func exchange(_ process: WorkerProcess, _ frame: WorkerFrame, timeout: Double,
                         payloadLimits: [Int]) throws -> WorkerFrame {
        let deadline = Date().addingTimeInterval(timeout)
        try process.write(frame.encoded(), before: deadline)
        let headerLength = try WorkerFrame.headerLength(prefix: try process.read(8, before: deadline))
        let (header, sizes) = try WorkerFrame.parseHeader(try process.read(headerLength, before: deadline))
        if header["ok"]?.bool != true {
            let text = header["error"]?.string.map { String($0.prefix(300)) } ?? "no message"
            throw FrameProblem("failed: \(text.replacingOccurrences(of: "\n", with: " "))")
        }
        guard sizes.count <= max(payloadLimits.count, 0) || (payloadLimits.isEmpty && sizes.isEmpty) else {
            throw FrameProblem("sent \(sizes.count) payloads, expected \(payloadLimits.count)")
        }
        for (size, limit) in zip(sizes, payloadLimits) where size > limit {
            throw FrameProblem("announced a payload of \(size) bytes, more than the \(limit) its reply can need")
        }
        return WorkerFrame(header: header, payloads: try sizes.map { try process.read($0, before: deadline) })
    }
}
