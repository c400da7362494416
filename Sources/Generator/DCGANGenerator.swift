import Diagnostics
import Kernels
import NumericCore

/// The DCGAN generator of 64×64 RGB images from a 100-d z ~ N(0, I): four transposed-convolution blocks
/// with inference-mode batch normalisation and ReLU (100→512 at 4×4, →256 at 8×8, →128 at 16×16,
/// →64 at 32×32), then a transposed convolution to 3 channels and tanh.
public struct DCGANGenerator: LatentGenerator {
    /// Provenance name.
    public let identifier: String
    /// SHA-256 of the weights file.
    public let checkpointSHA256: String?
    /// 100 for the embedded weights.
    public let latentDimension: Int
    /// Always true.
    public let canRender = true
    /// `[3, 64, 64]`.
    public var imageShape: [Int]? { [convolutions.last!.outChannels, 64, 64] }

    /// The five transposed convolutions.
    let convolutions: [ConvTranspose2d]
    /// The four batch norms that follow the first four convolutions.
    let norms: [BatchNorm2d]

    /// The names of the tensors a checkpoint must hold, PyTorch-style (`main.<index>.<name>`).
    static let convolutionIndices = [0, 3, 6, 9, 12]
    static let normIndices = [1, 4, 7, 10]

    /// A generator from named tensors as PyTorch stores its `nn.Sequential` (`main.0.weight`, `main.1.weight`,
    /// `main.1.bias`, `main.1.running_mean`, `main.1.running_var`, …); throws if a tensor is missing or
    /// misshapen. `source` names the file for error messages.
    public init(tensors: [String: Tensor], identifier: String, checkpointSHA256: String?, source: String) throws {
        func tensor(_ name: String, _ shape: [Int]? = nil) throws -> Tensor {
            guard let t = tensors[name] else {
                throw FileError(path: source, problem: "tensor '\(name)' is missing")
            }
            if let shape, t.shape != shape {
                throw FileError(path: source, problem: "tensor '\(name)' has shape \(t.shape), expected \(shape)")
            }
            guard t.isFinite else {
                throw FileError(path: source, problem: "tensor '\(name)' holds NaN or infinite values")
            }
            return t
        }
        var convolutions = [ConvTranspose2d]()
        var norms = [BatchNorm2d]()
        var channels: Int? = nil
        for (layer, index) in Self.convolutionIndices.enumerated() {
            let weight = try tensor("main.\(index).weight")
            guard weight.rank == 4, weight.shape[2] == 4, weight.shape[3] == 4,
                  channels == nil || weight.shape[0] == channels else {
                throw FileError(path: source, problem: "tensor 'main.\(index).weight' has shape \(weight.shape), expected [\(channels.map(String.init) ?? "D"), C, 4, 4]")
            }
            channels = weight.shape[1]
            convolutions.append(ConvTranspose2d(weight: weight, stride: layer == 0 ? 1 : 2, padding: layer == 0 ? 0 : 1))
            if layer < Self.normIndices.count {
                let i = Self.normIndices[layer], c = [weight.shape[1]]
                norms.append(BatchNorm2d(scale: try tensor("main.\(i).weight", c), shift: try tensor("main.\(i).bias", c),
                                         runningMean: try tensor("main.\(i).running_mean", c).storage,
                                         runningVariance: try tensor("main.\(i).running_var", c).storage))
            }
        }
        keepFreedMemoryForReuse()
        self.identifier = identifier
        self.checkpointSHA256 = checkpointSHA256
        self.latentDimension = convolutions[0].inChannels
        self.convolutions = convolutions
        self.norms = norms
    }

    /// Standard normal latents.
    public func samplePrior(count: Int, random: inout RandomSource) -> Tensor {
        Tensor(shape: [count, latentDimension], storage: random.normals(count * latentDimension))
    }

    /// Images for `latents`.
    /// Throws `GeneratorError.nonFiniteImage` rather than return an image with NaN or infinity in it.
    public func render(_ latents: Tensor) throws -> Tensor {
        let images = try forwardInParallel(latents, keepingBlocks: false).images
        if let index = images.storage.firstIndex(where: { !$0.isFinite }) {
            throw GeneratorError.nonFiniteImage(row: index / max(1, images.storage.count / max(1, latents.shape[0])))
        }
        return images
    }

    /// The images and the four block activations (after each block's ReLU).
    public func forward(_ latents: Tensor) throws -> (images: Tensor, blocks: [Tensor]) {
        try forwardInParallel(latents, keepingBlocks: true)
    }

    /// Latents per slice of a batch: each slice's forward pass runs whole on one core. A fixed size, so that a
    /// latent's image does not depend on the number of cores.
    static let latentsPerSlice = 32

    /// The forward pass with the batch cut into slices of ``latentsPerSlice``, run side by side.
    private func forwardInParallel(_ latents: Tensor, keepingBlocks: Bool) throws -> (images: Tensor, blocks: [Tensor]) {
        try checkShape(latents)
        let count = latents.shape[0]
        let rows = rowSlices(count: count, rows: Self.latentsPerSlice)
        let slices = try inParallel(parts: rows.count) { part in
            try trace(latents.rows(rows[part]), keepingBlocks: keepingBlocks)
        }
        let blocks = keepingBlocks ? (0..<norms.count).map { b in Tensor(concatenatingRows: slices.map { $0.blocks[b] }) } : []
        return (rows.count == 1 ? slices[0].images : Tensor(concatenatingRows: slices.map(\.images)), blocks)
    }

    /// Backpropagates ∂f/∂images through the network to the latents.
    public func latentGradient(_ latents: Tensor, imageGradient: (Tensor) -> Tensor) throws -> Tensor {
        try latentGradients(latents, copies: 1, imageGradients: imageGradient)
    }

    /// Backpropagates `copies` image gradients per latent through one forward pass: `imageGradients` gets the
    /// images `[N, 3, H, W]` and returns ∂f_c/∂images for every function c, stacked copy after copy
    /// (`[copies·N, 3, H, W]`, row c·N + i for latent i); returns ∂f_c/∂z stacked the same way, `[copies·N, D]`.
    /// The same as `copies` calls of `latentGradient` for the cost of one forward pass.
    public func latentGradients(_ latents: Tensor, copies: Int, imageGradients: (Tensor) -> Tensor) throws -> Tensor {
        precondition(copies >= 1, "latentGradients: \(copies) copies")
        let trace = try trace(latents, keepingBlocks: true)
        // The images' values, once per copy (tanh's derivative reads them); the blocks are read in place.
        let images = copies == 1 ? trace.images : Tensor(concatenatingRows: Array(repeating: trace.images, count: copies))
        var gradient = imageGradients(trace.images)
        precondition(gradient.shape == images.shape, "latentGradients: image gradients \(gradient.shape), expected \(images.shape)")
        gradient = Tanh().backward(input: images, output: images, outputGradient: gradient).input
        for layer in (0..<convolutions.count).reversed() {
            let inputShape = [copies * latents.shape[0]] + (layer == 0 ? trace.input : trace.blocks[layer - 1]).shape.dropFirst()
            if layer < norms.count {
                // The block's ReLU, then its batch norm (whose input-gradient needs no input values).
                let block = trace.blocks[layer].storage
                for i in gradient.storage.indices where block[i % block.count] <= 0 { gradient.storage[i] = 0 }
                gradient = norms[layer].inputGradient(input: gradient, output: gradient, outputGradient: gradient)
            }
            gradient = convolutions[layer].inputGradient(inputShape: inputShape, outputGradient: gradient)
        }
        return gradient.reshaped([copies * latents.shape[0], latentDimension])
    }

    /// Every intermediate the backward pass needs.
    private func trace(_ latents: Tensor, keepingBlocks: Bool) throws -> (input: Tensor, blocks: [Tensor], images: Tensor) {
        try checkShape(latents)
        let input = latents.reshaped([latents.shape[0], latentDimension, 1, 1])
        var x = input
        var blocks = [Tensor]()
        for (layer, convolution) in convolutions.enumerated() {
            if layer < norms.count {
                let (scale, shift) = norms[layer].affine
                x = convolution.forward(x, epilogue: .affine(scale: scale, shift: shift, relu: true))
                if keepingBlocks { blocks.append(x) }
            } else {
                x = convolution.forward(x, epilogue: .tanh)
            }
        }
        return (input, blocks, x)
    }

    func checkShape(_ latents: Tensor) throws {
        guard latents.rank == 2, latents.shape[1] == latentDimension else {
            throw GeneratorError.latentShape(expected: latentDimension, got: latents.shape)
        }
    }
}

extension DCGANGenerator {
    /// The (m, n, k) of each layer's GEMM for a batch: m = outChannels·k², n = batch·H·W, k = inChannels.
    public func gemmShapes(batch: Int) -> [(m: Int, n: Int, k: Int)] {
        var side = 1
        return convolutions.map { layer in
            let g = layer.geometry(for: [batch, layer.inChannels, side, side])
            side = g.outputHeight
            return (m: g.columnRows, n: g.columnCount, k: layer.inChannels)
        }
    }
}
