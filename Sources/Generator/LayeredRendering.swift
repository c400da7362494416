import Diagnostics
import NumericCore

extension ArgumentName {
    /// The W+ layers an edit writes.
    public static let layers = ArgumentName(rawValue: "layers")
}

/// Edits written into some W+ layers of a style-based generator, as GradCtrl edits StyleGAN2: a path's point t
/// renders with w_t in `layers` and the path's start w_0 in every other layer.
public struct LayeredRendering {
    /// The generator, style-based.
    public let generator: any StyleLayeredGenerator
    /// The layers the edit writes.
    public let layers: Range<Int>

    /// Writes `layers` of `generator`'s W+ codes.
    public init(generator: any StyleLayeredGenerator, layers: Range<Int>) {
        self.generator = generator
        self.layers = layers
    }

    /// W+ codes `[N, points, L, D]` of paths `[N, points, D]`.
    public func codes(_ path: Tensor) -> Tensor {
        let (n, points, d, total) = (path.shape[0], path.shape[1], path.shape[2], generator.styleLayers)
        var codes = [Float]()
        codes.reserveCapacity(n * points * total * d)
        for row in 0..<n {
            let start = path.storage[(row * points * d)..<((row * points + 1) * d)]
            for point in 0..<points {
                let current = path.storage[((row * points + point) * d)..<((row * points + point + 1) * d)]
                for layer in 0..<total { codes += layers.contains(layer) ? current : start }
            }
        }
        return Tensor(shape: [n, points, total, d], storage: codes)
    }

    /// Images `[N·points, C, H, W]` of paths `[N, points, D]`, point after point, in batches of `renderBatchSize` codes.
    public func render(_ path: Tensor) throws -> Tensor {
        let all = codes(path)
        let (count, total, d) = (path.shape[0] * path.shape[1], generator.styleLayers, path.shape[2])
        let flat = all.reshaped([count, total, d])
        var images = [Float]()
        for start in stride(from: 0, to: count, by: renderBatchSize) {
            let rows = start..<min(start + renderBatchSize, count)
            let batch = Tensor(shape: [rows.count, total, d], storage: Array(flat.storage[(rows.lowerBound * total * d)..<(rows.upperBound * total * d)]))
            images += try generator.render(styleCodes: batch).storage
        }
        return Tensor(shape: [count] + (generator.imageShape ?? []), storage: images)
    }
}

extension LayeredRendering {
    /// Images `[N, C, H, W]` of each path's last point `[N, points, D]`.
    public func renderFinal(_ path: Tensor) throws -> Tensor {
        let (n, points, d) = (path.shape[0], path.shape[1], path.shape[2])
        var ends = [Float]()
        for row in 0..<n {
            ends += path.storage[(row * points * d)..<((row * points + 1) * d)]
            ends += path.storage[((row * points + points - 1) * d)..<((row * points + points) * d)]
        }
        let both = try render(Tensor(shape: [n, 2, d], storage: ends))
        let size = both.storage.count / max(1, 2 * n)
        return Tensor(shape: [n] + Array(both.shape.dropFirst()),
                      storage: (0..<n).flatMap { both.storage[((2 * $0 + 1) * size)..<((2 * $0 + 2) * size)] })
    }
}

/// The layered rendering `layers` asks for, nil for none; throws one line when the generator is not style-based
/// or the range is not inside its layers.
public func layeredRendering(_ layers: Range<Int>?, generator: any LatentGenerator) throws -> LayeredRendering? {
    guard let layers else { return nil }
    guard let styled = generator as? any StyleLayeredGenerator, styled.styleLayers > 1 else {
        throw ArgumentError(.layers, "needs a style-based generator in W space (a worker whose spec says \"space\": \"w\"); \(generator.identifier) has no W+ layers")
    }
    guard !layers.isEmpty, layers.lowerBound >= 0, layers.upperBound <= styled.styleLayers else {
        throw ArgumentError(.layers, "\(layers.lowerBound):\(layers.upperBound) is not a non-empty range inside the generator's layers 0:\(styled.styleLayers)")
    }
    return LayeredRendering(generator: styled, layers: layers)
}
