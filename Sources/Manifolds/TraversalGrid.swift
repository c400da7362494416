import Generator
import ImageIO
import NumericCore

/// A traversal grid of direction `k`: one row per latent, one column per magnitude from -maximum to +maximum.
public func traversalGrid(transform: any LatentTransform, direction k: Int, latents: Tensor, maximum: Float, columns: Int,
                          title: String, generator: any LatentGenerator) throws -> RGBImage {
    let magnitudes = traversalMagnitudes(maximum: maximum, columns: columns)
    let images = try traversalImages(transform: transform, direction: k, latents: latents, magnitudes: magnitudes,
                                     generator: generator)
    return ContactSheet(columns: columns, spacing: 2, title: title)
        .render(tiles: rgbImages(images), columnHeaders: magnitudes.map { String(format: "%+.1f", $0) })
}

/// An overview of every direction: one row per direction (labelled with `names`) for one latent, the same
/// magnitudes as the per-direction grids.
public func traversalOverview(transform: any LatentTransform, latent: Tensor, maximum: Float, columns: Int,
                              names: [String], title: String, generator: any LatentGenerator) throws -> RGBImage {
    let magnitudes = traversalMagnitudes(maximum: maximum, columns: columns)
    var tiles = [RGBImage]()
    for k in 0..<transform.directionCount {
        tiles += rgbImages(try traversalImages(transform: transform, direction: k, latents: latent, magnitudes: magnitudes,
                                               generator: generator))
    }
    return ContactSheet(columns: columns, spacing: 2, title: title)
        .render(tiles: tiles, rowLabels: names, columnHeaders: magnitudes.map { String(format: "%+.1f", $0) })
}
